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
}
