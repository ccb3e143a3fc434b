import Foundation
import TrailCore

/// Multipart uploads, which `aws s3 cp` and boto3's `upload_file` use for files of 8 MiB and more:
/// CreateMultipartUpload, UploadPart, CompleteMultipartUpload and AbortMultipartUpload.
///
/// An upload is a folder `s3-uploads/UPLOAD_ID/` beside the buckets (never inside a bucket, where a
/// listing would show it) holding `upload.json` (bucket, key and the object's sidecar) and one
/// `N.part` file per part. Completing joins the parts into the object and removes the folder.
/// The completed object's ETag is the MD5 of its bytes, the same one GetObject and ListObjects show
/// (S3's `MD5-of-MD5s-N` form would disagree with what TrailDeck serves later).
extension S3Handler {
  /// The folder of pending uploads.
  var uploadsDirectory: String {
    StoreContext.servicesDirectory(buckets: environment.bucketsDirectory) + "/s3-uploads"
  }

  func createUpload(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> ServerResponse
  {
    try await requireBucket(bucket)
    let uploadID = UUID().uuidString.lowercased()
    let folder = uploadsDirectory + "/" + uploadID
    let record = JSONValue.object([
      ("bucket", .string(bucket)), ("key", .string(key)), ("metadata", Self.metadata(of: request).json),
    ]).compactText()
    try await blocking {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try Data(record.utf8).write(to: URL(fileURLWithPath: folder + "/upload.json"))
    }
    var writer = S3XMLWriter()
    writer.open("InitiateMultipartUploadResult", namespaced: true)
    writer.element("Bucket", bucket)
    writer.element("Key", key)
    writer.element("UploadId", uploadID)
    writer.close("InitiateMultipartUploadResult")
    return Self.xml(writer)
  }

  func uploadPart(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> ServerResponse
  {
    guard let number = request.query("partNumber").flatMap({ Int($0) }), (1...10_000).contains(number) else {
      throw S3Error(
        "InvalidArgument", status: 400, "Part number must be an integer between 1 and 10000, inclusive",
        bucket: bucket, key: key)
    }
    let folder = try await uploadFolder(bucket, key, request)
    let bytes = try Self.payload(of: request, bucket: bucket, key: key)
    try checkSize(bytes.count, bucket: bucket, key: key)
    try await blocking { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/\(number).part")) }
    return ServerResponse(status: 200, headers: [(name: "ETag", value: S3Formats.etag(bytes))])
  }

  func completeUpload(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> ServerResponse
  {
    let folder = try await uploadFolder(bucket, key, request)
    guard let document = S3XMLDocument(request.body), document.root == "CompleteMultipartUpload" else {
      throw S3Error(
        "MalformedXML", status: 400,
        "The XML you provided was not well-formed or did not validate against our published schema",
        bucket: bucket, key: key)
    }
    let numbers = document.leaves.filter { $0.path.suffix(2) == ["Part", "PartNumber"] }.compactMap {
      Int($0.text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard !numbers.isEmpty else {
      throw S3Error(
        "MalformedXML", status: 400, "The XML you provided did not name any part", bucket: bucket, key: key)
    }
    guard zip(numbers, numbers.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw S3Error(
        "InvalidPartOrder", status: 400, "The list of parts was not in ascending order.", bucket: bucket,
        key: key)
    }
    let (objects, limit) = (self.folder, maximumObjectSize)
    let bytes: [UInt8] = try await blocking {
      var bytes: [UInt8] = []
      for number in numbers {
        guard let part = FileManager.default.contents(atPath: folder + "/\(number).part") else {
          throw S3Error(
            "InvalidPart", status: 400, "Part \(number) was not uploaded.", bucket: bucket, key: key)
        }
        bytes += part
        guard bytes.count <= limit else {
          throw S3Error(
            "EntityTooLarge", status: 400,
            "Your proposed upload exceeds the maximum allowed size of \(limit) bytes.",
            bucket: bucket, key: key)
        }
      }
      let metadata = try Self.uploadMetadata(folder)
      try objects.put(bucket: bucket, key: key, bytes: bytes, metadata: metadata)
      try? FileManager.default.removeItem(atPath: folder)
      return bytes
    }
    var writer = S3XMLWriter()
    writer.open("CompleteMultipartUploadResult", namespaced: true)
    writer.element("Location", "/" + bucket + "/" + key)
    writer.element("Bucket", bucket)
    writer.element("Key", key)
    writer.element("ETag", S3Formats.etag(bytes))
    writer.close("CompleteMultipartUploadResult")
    return Self.xml(writer)
  }

  func abortUpload(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> ServerResponse
  {
    let folder = try await uploadFolder(bucket, key, request)
    try await blocking { try? FileManager.default.removeItem(atPath: folder) }
    return ServerResponse(status: 204)
  }

  /// The folder of the request's `uploadId`, which must have been started for `bucket` and `key`.
  private func uploadFolder(_ bucket: String, _ key: String, _ request: ServerRequest) async throws(S3Error)
    -> String
  {
    let uploadID = request.query("uploadId") ?? ""
    let noSuchUpload = S3Error(
      "NoSuchUpload", status: 404,
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
      bucket: bucket, key: key)
    // Upload ids are our own UUIDs; anything else could name a path outside the uploads folder.
    guard UUID(uuidString: uploadID) != nil else { throw noSuchUpload }
    let folder = uploadsDirectory + "/" + uploadID
    let target = try await blocking { () -> (String, String)? in
      guard let data = FileManager.default.contents(atPath: folder + "/upload.json"),
        case .object(let members) = try? JSONValue(parsing: [UInt8](data)),
        case .string(let bucket) = members.first(where: { $0.key == "bucket" })?.value,
        case .string(let key) = members.first(where: { $0.key == "key" })?.value
      else { return nil }
      return (bucket, key)
    }
    guard let target, target == (bucket, key) else { throw noSuchUpload }
    return folder
  }

  /// The sidecar CreateMultipartUpload kept for the object.
  private static func uploadMetadata(_ folder: String) throws(S3Error) -> ObjectMetadata {
    guard let data = FileManager.default.contents(atPath: folder + "/upload.json"),
      case .object(let members) = try? JSONValue(parsing: [UInt8](data)),
      let metadata = members.first(where: { $0.key == "metadata" })?.value,
      let parsed = ObjectMetadata(json: metadata.compactText())
    else {
      throw S3Error("InternalError", status: 500, "The upload's record \(folder)/upload.json cannot be read.")
    }
    return parsed
  }
}
