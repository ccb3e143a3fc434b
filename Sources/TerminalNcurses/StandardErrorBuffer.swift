import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Holds back what is written to stderr while the UI owns the screen and replays it after restore.
///
/// Anything printed to stderr during the UI (a warning, Swift's "Fatal error: …" line before a
/// crash) would land on the alternate screen and vanish with it. Sending it to an unlinked temp
/// file and copying it back once the terminal is restored keeps it readable. Replay uses only
/// async-signal-safe calls, since it runs from the signal and crash handlers too.
enum StandardErrorBuffer {
  private static let bufferDescriptor = Atomic<Int32>(-1)
  private static let savedDescriptor = Atomic<Int32>(-1)

  /// Starts diverting stderr; does nothing if it already is or a temp file cannot be made.
  static func begin() {
    guard bufferDescriptor.load(ordering: .sequentiallyConsistent) < 0 else { return }
    var template = Array("/tmp/traildeck-stderr-XXXXXX".utf8CString)
    let buffer = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard buffer >= 0 else { return }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let saved = dup(STDERR_FILENO)
    guard saved >= 0, dup2(buffer, STDERR_FILENO) >= 0 else {
      close(buffer)
      if saved >= 0 { close(saved) }
      return
    }
    savedDescriptor.store(saved, ordering: .sequentiallyConsistent)
    bufferDescriptor.store(buffer, ordering: .sequentiallyConsistent)
  }

  /// Puts stderr back and writes out what was held. Idempotent.
  static func end() {
    let buffer = bufferDescriptor.exchange(-1, ordering: .sequentiallyConsistent)
    let saved = savedDescriptor.exchange(-1, ordering: .sequentiallyConsistent)
    guard buffer >= 0, saved >= 0 else { return }
    _ = dup2(saved, STDERR_FILENO)
    close(saved)
    _ = lseek(buffer, 0, SEEK_SET)
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { chunk in
      while true {
        let count = read(buffer, chunk.baseAddress, chunk.count)
        if count <= 0 { break }
        _ = write(STDERR_FILENO, chunk.baseAddress, count)
      }
    }
    close(buffer)
  }
}
