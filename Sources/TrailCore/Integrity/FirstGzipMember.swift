import CDeflate
import CZlib

/// Inflates gzip exactly as validate-logs' Python does, so TrailDeck calls the same files invalid.
///
/// Python's zlib reads only the first gzip member and ignores what follows it. Digests go through
/// `zlib.decompress`, which fails on a stream cut short; log files through `zlib.decompressobj`, which
/// does not (a cut log file then fails its hash check instead of being "invalid format").
/// `Gzip.inflate` differs on both counts (every member; a cut stream is always an error).
enum FirstGzipMember {
  /// The inflated first member, or nil where Python raises `zlib.error`.
  static func inflate(_ bytes: [UInt8], requireEnd: Bool) -> [UInt8]? {
    if bytes.isEmpty { return requireEnd ? nil : [] }
    // A whole, valid first member — nearly every file — goes through libdeflate (inflate was 42 % of
    // validate-logs' time with zlib); anything it refuses is decided by zlib exactly as Python does.
    if let whole = wholeFirstMember(bytes) { return whole }
    var stream = z_stream()
    guard tdz_inflate_init2(&stream, 15 + 16) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    return bytes.withUnsafeBytes { input -> [UInt8]? in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(input.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBytes { out -> (Int32, Int) in
          stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
          stream.avail_out = uInt(out.count)
          let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
          return (rc, out.count - Int(stream.avail_out))
        }
        output.append(contentsOf: chunk[..<produced])
        switch status {
        case Z_STREAM_END: return output
        case Z_OK: continue
        case Z_BUF_ERROR where stream.avail_in == 0: return requireEnd ? nil : output
        case Z_BUF_ERROR: continue
        default: return nil
        }
      }
    }
  }

  /// The first member inflated by libdeflate, or nil when it is not a complete, valid member.
  private static func wholeFirstMember(_ bytes: [UInt8]) -> [UInt8]? {
    guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
    defer { libdeflate_free_decompressor(decompressor) }
    var capacity = max(1 << 16, bytes.count * 8)
    while capacity <= 1 << 31 {
      var output = [UInt8](repeating: 0, count: capacity)
      var consumed = 0
      var produced = 0
      let result = bytes.withUnsafeBytes { input in
        output.withUnsafeMutableBytes { out in
          libdeflate_gzip_decompress_ex(
            decompressor, input.baseAddress, input.count, out.baseAddress, out.count, &consumed, &produced)
        }
      }
      switch result {
      case LIBDEFLATE_SUCCESS:
        output.removeSubrange(produced...)
        return output
      case LIBDEFLATE_INSUFFICIENT_SPACE: capacity *= 4
      default: return nil
      }
    }
    return nil
  }
}
