#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A self-pipe: another thread writes a byte to wake a `poll` waiting on terminal input, so posted
/// events are seen at once without polling on a short timeout.
final class WakePipe {
  let readDescriptor: Int32
  let writeDescriptor: Int32

  init() {
    var descriptors: [Int32] = [-1, -1]
    if pipe(&descriptors) == 0 {
      for descriptor in descriptors {
        // Non-blocking: a full pipe already means "wake up", and draining must never block.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
      }
    }
    readDescriptor = descriptors[0]
    writeDescriptor = descriptors[1]
  }

  deinit {
    if readDescriptor >= 0 { close(readDescriptor) }
    if writeDescriptor >= 0 { close(writeDescriptor) }
  }

  /// A closure any thread may call to wake the reader.
  var waker: @Sendable () -> Void {
    let descriptor = writeDescriptor
    return {
      var byte: UInt8 = 1
      _ = write(descriptor, &byte, 1)
    }
  }

  /// Empties the pipe so the next wait blocks again.
  func drain() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(readDescriptor, &buffer, buffer.count) > 0 {}
  }
}
