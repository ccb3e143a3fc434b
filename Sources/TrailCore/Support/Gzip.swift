import CDeflate
import CZlib

/// gzip in memory, through two C libraries (Foundation on Linux has no gzip).
///
/// - Inflating runs libdeflate: it inflates a whole buffer at once about twice as fast as zlib's
///   streaming API, and the ingest holds each file in memory anyway.
/// - zlib runs only when libdeflate fails, over the same input, to name what is wrong: libdeflate
///   only says that the data is bad (`LIBDEFLATE_BAD_DATA`), zlib which check failed ("incorrect data
///   check") or that the stream is cut short.
/// - Deflating (trail delivery's log files and digests) runs libdeflate too, whole buffers at once.
public enum Gzip {
  /// True when `bytes` start with the gzip magic number (1f 8b): detection by content, never by name.
  public static func isGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// Inflates a whole gzip stream (several concatenated members too) with libdeflate, the fast path;
  /// on failure zlib runs the same input again, only for its more precise error message.
  ///
  /// `path` names the input in the error: the bytes alone do not say which file they came from.
  /// The error is an `InvalidGzip` `Diagnostic` located at `path`, its reason zlib's account of the
  /// damage.
  public static func inflate(_ input: UnsafeRawBufferPointer, path: String, sizeHint: Int = 0)
    throws(Diagnostic) -> [UInt8]
  {
    if let output = inflateWithLibdeflate(input) { return output }
    return try inflateWithZlib(input, path: path, sizeHint: sizeHint)
  }

  /// `inflate(_:path:sizeHint:)` over an array.
  public static func inflate(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [UInt8] {
    let result: Result<[UInt8], Diagnostic> = bytes.withUnsafeBytes { buffer in
      do throws(Diagnostic) { return .success(try inflate(buffer, path: path)) } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private static func failure(_ path: String, _ reason: String) -> Diagnostic {
    Diagnostic(
      code: "InvalidGzip", summary: "cannot inflate gzip data", location: .init(path: path), reason: reason)
  }

  static func inflateWithLibdeflate(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
    guard input.count >= 18, let decompressor = libdeflate_alloc_decompressor() else { return nil }
    defer { libdeflate_free_decompressor(decompressor) }
    // ISIZE, the member's length mod 2^32, closes every gzip member: a good first guess for the last one.
    let tail = input.count - 4
    let isize =
      Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
    var capacity = max(isize, input.count * 4, 4096) + 64
    while true {
      // Uninitialised: zero-filling the output first was a tenth of inflating it.
      var outcome = LibdeflateOutcome.failed
      let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        outcome = inflateMembers(input, into: UnsafeMutableRawBufferPointer(buffer), with: decompressor)
        if case .done(let produced) = outcome { initialized = produced }
      }
      switch outcome {
      case .done: return output
      case .needsRoom: capacity *= 2
      case .failed: return nil
      }
    }
  }

  private enum LibdeflateOutcome {
    case done(Int)
    case needsRoom
    case failed
  }

  /// Inflates every member of `input` into `output`, one after another.
  private static func inflateMembers(
    _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
    with decompressor: OpaquePointer
  ) -> LibdeflateOutcome {
    var produced = 0
    var consumed = 0
    while consumed < input.count {
      var inUsed = 0
      var outUsed = 0
      let result = libdeflate_gzip_decompress_ex(
        decompressor, input.baseAddress!.advanced(by: consumed), input.count - consumed,
        output.baseAddress!.advanced(by: produced), output.count - produced, &inUsed, &outUsed)
      switch result {
      case LIBDEFLATE_SUCCESS:
        consumed += inUsed
        produced += outUsed
        let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
        if rest.allSatisfy({ $0 == 0 }) { return .done(produced) }
        if !isGzip(rest) { return .failed }
      case LIBDEFLATE_INSUFFICIENT_SPACE: return .needsRoom
      default: return .failed
      }
    }
    return .done(produced)
  }

  static func inflateWithZlib(_ input: UnsafeRawBufferPointer, path: String, sizeHint: Int)
    throws(Diagnostic) -> [UInt8]
  {
    var output = [UInt8](repeating: 0, count: max(sizeHint, input.count * 8, 4096))
    var produced = 0
    var consumed = 0
    while consumed < input.count {
      var stream = z_stream()
      guard tdz_inflate_init2(&stream, 15 + 16) == Z_OK else {
        throw failure(path, "zlib init failed")
      }
      defer { inflateEnd(&stream) }
      stream.next_in = UnsafeMutablePointer(
        mutating: input.baseAddress!.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(input.count - consumed)
      var status: Int32 = Z_OK
      while status != Z_STREAM_END {
        if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
        let room = output.count - produced
        status = output.withUnsafeMutableBytes { buffer -> Int32 in
          stream.next_out = buffer.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
          stream.avail_out = uInt(room)
          let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
          produced += room - Int(stream.avail_out)
          return rc
        }
        switch status {
        case Z_OK, Z_STREAM_END: continue
        case Z_BUF_ERROR where stream.avail_in == 0:
          throw failure(path, "truncated gzip data (stream ends after \(produced) bytes)")
        case Z_BUF_ERROR: continue
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "code \(status)"
          throw failure(path, "corrupt gzip data: \(message)")
        }
      }
      consumed = input.count - Int(stream.avail_in)
      // Trailing zero padding after the last member is tolerated, as gzip(1) does.
      if input[consumed...].allSatisfy({ $0 == 0 }) { break }
      guard isGzip(UnsafeRawBufferPointer(rebasing: input[consumed...])) else { break }
    }
    output.removeSubrange(produced...)
    return output
  }

  /// Compresses into one gzip member (trail delivery's log files and digests), with libdeflate: at
  /// the same level it makes output of zlib's size in about a third of zlib's time, and delivery's
  /// benchmark measures itself against `gzip -6`.
  public static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    guard let compressor = libdeflate_alloc_compressor(level) else {
      preconditionFailure("libdeflate could not allocate a compressor at level \(level)")
    }
    defer { libdeflate_free_compressor(compressor) }
    let bound = libdeflate_gzip_compress_bound(compressor, bytes.count)
    var output = [UInt8](repeating: 0, count: bound)
    let written = bytes.withUnsafeBytes { input in
      output.withUnsafeMutableBytes { out in
        libdeflate_gzip_compress(compressor, input.baseAddress, input.count, out.baseAddress, out.count)
      }
    }
    precondition(written > 0, "libdeflate's bound-sized buffer must hold the gzip member")
    return Array(output[..<written])
  }
}
