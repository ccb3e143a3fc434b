import Foundation

/// The payload of a body sent in S3's `aws-chunked` framing, which SigV4 streaming uploads use
/// (`x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, …):
///
///     hex-size[;chunk-signature=…]\r\n  data  \r\n   …   0[;chunk-signature=…]\r\n  [trailer: value\r\n]…  \r\n
///
/// Chunk signatures are not checked here: the payload is what S3 stores, and verifying signatures is
/// the SigV4 layer's job.
enum AwsChunkedBody {
  /// Whether `request`'s body is framed: its `Content-Encoding` lists `aws-chunked`, or its
  /// `x-amz-content-sha256` names a streaming payload.
  static func isFramed(_ request: ServerRequest) -> Bool {
    let encodings = (request.header("content-encoding") ?? "").split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces).lowercased()
    }
    return encodings.contains("aws-chunked")
      || (request.header("x-amz-content-sha256") ?? "").hasPrefix("STREAMING-")
  }

  /// The `Content-Encoding` to store: the request's, without `aws-chunked` (the framing is not part of
  /// the object); nil when nothing is left.
  static func storedEncoding(_ header: String?) -> String? {
    guard let header else { return nil }
    let kept = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty && $0.lowercased() != "aws-chunked"
    }
    return kept.isEmpty ? nil : kept.joined(separator: ",")
  }

  /// The payload of `body`: the chunks' data joined, trailers dropped.
  /// - Throws: `S3Error` `IncompleteBody` when the framing is cut short or a size is not hex.
  static func decode(_ body: Data) throws(S3Error) -> [UInt8] {
    let bytes = [UInt8](body)
    var payload: [UInt8] = []
    payload.reserveCapacity(bytes.count)
    var index = 0
    while true {
      guard let lineEnd = lineEnd(in: bytes, from: index) else {
        throw malformed("a chunk header has no CRLF")
      }
      let header = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
      let sizeText = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
      guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else {
        throw malformed("chunk size '\(sizeText)' is not hexadecimal")
      }
      index = lineEnd + 2
      // The last chunk is empty; trailers (checksums) and the final CRLF follow and are not data.
      if size == 0 { return payload }
      guard bytes.count - index >= size + 2 else { throw malformed("a chunk is shorter than its size") }
      payload += bytes[index..<(index + size)]
      index += size
      guard bytes[index] == 13, bytes[index + 1] == 10 else {
        throw malformed("a chunk does not end in CRLF")
      }
      index += 2
    }
  }

  private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int? {
    var index = start
    while index + 1 < bytes.count {
      if bytes[index] == 13, bytes[index + 1] == 10 { return index }
      index += 1
    }
    return nil
  }

  private static func malformed(_ why: String) -> S3Error {
    S3Error(
      "IncompleteBody", status: 400,
      "The aws-chunked body cannot be decoded: \(why).")
  }
}
