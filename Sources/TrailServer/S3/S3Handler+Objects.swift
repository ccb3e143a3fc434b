import Foundation
import TrailCore

/// GetObject, HeadObject, PutObject, DeleteObject and DeleteObjects over `BucketFolder`.
extension S3Handler {
  func getObject(_ bucket: String, _ key: String, _ request: ServerRequest, isHead: Bool)
    async throws(S3Error)
    -> ServerResponse
  {
    let folder = self.folder
    let (bytes, metadata, modified) = try await blocking {
      let (bytes, metadata) = try folder.get(bucket: bucket, key: key)
      return (bytes, metadata, Self.modificationDate(folder.directory + "/" + bucket + "/" + key))
    }
    let etag = S3Formats.etag(bytes)
    var headers: [(name: String, value: String)] = [
      ("ETag", etag), ("Last-Modified", S3Formats.httpDate(modified)),
      ("Accept-Ranges", "bytes"), ("Content-Type", metadata.contentType ?? "binary/octet-stream"),
    ]
    if let encoding = metadata.contentEncoding { headers.append(("Content-Encoding", encoding)) }
    if let sse = metadata.serverSideEncryption { headers.append(("x-amz-server-side-encryption", sse)) }
    if let kmsKey = metadata.kmsKeyID {
      headers.append(("x-amz-server-side-encryption-aws-kms-key-id", kmsKey))
    }
    for name in metadata.user.keys.sorted() { headers.append(("x-amz-meta-" + name, metadata.user[name]!)) }
    if let failed = Self.failedPrecondition(request, etag: etag, bucket: bucket, key: key) {
      if failed.status == 304 { return ServerResponse(status: 304, headers: headers) }
      throw failed
    }
    // GetObject's `response-*` parameters replace the stored headers in this answer only.
    for (parameter, header) in Self.responseOverrides {
      guard let value = request.query(parameter) else { continue }
      headers.removeAll { $0.name == header }
      headers.append((header, value))
    }
    switch S3ByteRange(header: request.header("range"), size: bytes.count) {
    case .whole:
      // HEAD has no body: the adapter cannot count it, so the length is stated here.
      if isHead { headers.append(("Content-Length", String(bytes.count))) }
      return ServerResponse(status: 200, headers: headers, body: isHead ? Data() : Data(bytes))
    case .part(let range):
      headers.append(("Content-Range", "bytes \(range.lowerBound)-\(range.upperBound)/\(bytes.count)"))
      if isHead { headers.append(("Content-Length", String(range.count))) }
      return ServerResponse(status: 206, headers: headers, body: isHead ? Data() : Data(bytes[range]))
    case .unsatisfiable:
      var error = S3Error(
        "InvalidRange", status: 416, "The requested range is not satisfiable", bucket: bucket, key: key)
      error.message += " (the object has \(bytes.count) bytes)"
      throw error
    }
  }

  /// The `response-*` query parameters of GetObject and the headers they set.
  static let responseOverrides = [
    ("response-content-type", "Content-Type"), ("response-content-language", "Content-Language"),
    ("response-expires", "Expires"), ("response-cache-control", "Cache-Control"),
    ("response-content-disposition", "Content-Disposition"),
    ("response-content-encoding", "Content-Encoding"),
  ]

  /// The answer when `If-Match` or `If-None-Match` does not hold (s3transfer sends `If-Match` with the
  /// ETag it first saw on every ranged part of a download): `412 PreconditionFailed`, or a `304` for
  /// `If-None-Match`. Nil when the object may be served.
  static func failedPrecondition(_ request: ServerRequest, etag: String, bucket: String, key: String)
    -> S3Error?
  {
    func matches(_ header: String) -> Bool {
      header.split(separator: ",").contains {
        let tag = $0.trimmingCharacters(in: .whitespaces)
        return tag == "*" || tag == etag || "\"" + tag + "\"" == etag
      }
    }
    if let header = request.header("if-match"), !matches(header) {
      return S3Error(
        "PreconditionFailed", status: 412, "At least one of the pre-conditions you specified did not hold",
        bucket: bucket, key: key)
    }
    if let header = request.header("if-none-match"), matches(header) {
      return S3Error("NotModified", status: 304, "Not Modified", bucket: bucket, key: key)
    }
    return nil
  }

  /// PutObject: stores the payload (decoded from `aws-chunked` framing when sent so) and its sidecar.
  ///
  /// `x-amz-server-side-encryption` and its KMS key id are kept as metadata; the bytes are stored as
  /// sent, since a reader is served plaintext either way.
  func putObject(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> ServerResponse
  {
    let bytes = try Self.payload(of: request, bucket: bucket, key: key)
    try checkSize(bytes.count, bucket: bucket, key: key)
    let metadata = Self.metadata(of: request)
    let (folder, stored) = (self.folder, metadata)
    try await blocking { try folder.put(bucket: bucket, key: key, bytes: bytes, metadata: stored) }
    var headers: [(name: String, value: String)] = [("ETag", S3Formats.etag(bytes))]
    if let sse = metadata.serverSideEncryption { headers.append(("x-amz-server-side-encryption", sse)) }
    return ServerResponse(status: 200, headers: headers)
  }

  /// The bytes `request` carries: its body, or the payload of an `aws-chunked` body, checked against
  /// `x-amz-decoded-content-length` and `Content-MD5` when sent.
  static func payload(of request: ServerRequest, bucket: String, key: String) throws(S3Error) -> [UInt8] {
    let isFramed = AwsChunkedBody.isFramed(request)
    let bytes = isFramed ? try AwsChunkedBody.decode(request.body) : [UInt8](request.body)
    if isFramed, let declared = request.header("x-amz-decoded-content-length"), Int(declared) != bytes.count {
      throw S3Error(
        "IncompleteBody", status: 400,
        "The aws-chunked body holds \(bytes.count) bytes; x-amz-decoded-content-length says \(declared).",
        bucket: bucket, key: key)
    }
    if let expected = request.header("content-md5"), expected != S3Formats.md5Base64(bytes) {
      throw S3Error(
        "BadDigest", status: 400, "The Content-MD5 you specified did not match what we received.",
        bucket: bucket, key: key)
    }
    return bytes
  }

  /// Throws `EntityTooLarge` when an object of `size` bytes is over `maximumObjectSize`.
  func checkSize(_ size: Int, bucket: String, key: String) throws(S3Error) {
    guard size <= maximumObjectSize else {
      throw S3Error(
        "EntityTooLarge", status: 400,
        "Your proposed upload exceeds the maximum allowed size of \(maximumObjectSize) bytes.",
        bucket: bucket, key: key)
    }
  }

  /// The sidecar of an object put by `request`: its content headers (without the `aws-chunked`
  /// framing), encryption headers and `x-amz-meta-*` user metadata.
  static func metadata(of request: ServerRequest) -> ObjectMetadata {
    var metadata = ObjectMetadata(
      contentType: request.header("content-type"),
      contentEncoding: AwsChunkedBody.storedEncoding(request.header("content-encoding")),
      serverSideEncryption: request.header("x-amz-server-side-encryption"),
      kmsKeyID: request.header("x-amz-server-side-encryption-aws-kms-key-id"))
    for (name, value) in request.headers where name.hasPrefix("x-amz-meta-") {
      metadata.user[String(name.dropFirst("x-amz-meta-".count))] = value
    }
    return metadata
  }

  /// DeleteObject: 204 whether or not the key was there, as S3 answers without versioning.
  func deleteObject(_ bucket: String, _ key: String) async throws(S3Error) -> ServerResponse {
    let folder = self.folder
    try await blocking { try folder.delete(bucket: bucket, key: key) }
    return ServerResponse(status: 204)
  }

  /// DeleteObjects: every `<Object><Key>` of the `<Delete>` body, each reported as deleted or failed
  /// (`Quiet` leaves the deleted ones out).
  func deleteObjects(_ bucket: String, _ body: Data) async throws(S3Error) -> ServerResponse {
    guard let request = S3DeleteRequest(xml: body) else {
      throw S3Error(
        "MalformedXML", status: 400,
        "The XML you provided was not well-formed or did not validate against our published schema",
        bucket: bucket)
    }
    try await requireBucket(bucket)
    let folder = self.folder
    let outcomes: [(key: String, error: S3Error?)] = try await blocking {
      request.keys.map { key in
        do {
          try folder.delete(bucket: bucket, key: key)
          return (key, nil)
        } catch let error as BucketError {
          return (key, S3Error(error))
        } catch {
          return (key, S3Error("InternalError", status: 500, "\(error)"))
        }
      }
    }
    var writer = S3XMLWriter()
    writer.open("DeleteResult", namespaced: true)
    for outcome in outcomes {
      if let error = outcome.error {
        writer.open("Error")
        writer.element("Key", outcome.key)
        writer.element("Code", error.code)
        writer.element("Message", error.message)
        writer.close("Error")
      } else if !request.quiet {
        writer.open("Deleted")
        writer.element("Key", outcome.key)
        writer.close("Deleted")
      }
    }
    writer.close("DeleteResult")
    return Self.xml(writer)
  }
}
