import Foundation
import TrailCore

/// ListObjects (v1) and ListObjectsV2 over a bucket's folder.
extension S3Handler {
  /// The largest page S3 returns, whatever `max-keys` asks.
  static let maximumKeys = 1000

  /// One listed object: what `<Contents>` shows.
  struct ListedObject: Sendable {
    var key: String
    var modified: Date
    var etag: String
    var size: Int
  }

  func listObjects(_ bucket: String, _ request: ServerRequest, caller: Caller, version: Int)
    async throws(S3Error)
    -> ServerResponse
  {
    let prefix = request.query("prefix") ?? ""
    let delimiter = request.query("delimiter").flatMap { $0.isEmpty ? nil : $0 }
    let encodeURL = request.query("encoding-type") == "url"
    if let type = request.query("encoding-type"), type != "url" {
      throw S3Error(
        "InvalidArgument", status: 400, "Invalid Encoding Method specified in Request", bucket: bucket)
    }
    var maxKeys = Self.maximumKeys
    if let text = request.query("max-keys") {
      guard let value = Int(text), value >= 0 else {
        throw S3Error(
          "InvalidArgument", status: 400, "Provided max-keys not an integer or within integer range",
          bucket: bucket)
      }
      maxKeys = min(value, Self.maximumKeys)
    }
    let token = request.query("continuation-token")
    var marker = version == 1 ? request.query("marker") : request.query("start-after")
    if version == 2, let token {
      guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
        throw S3Error(
          "InvalidArgument", status: 400, "The continuation token provided is incorrect", bucket: bucket)
      }
      marker = key
    }
    let folder = self.folder
    let (after, limit) = (marker.flatMap { $0.isEmpty ? nil : $0 }, maxKeys)
    let (page, objects) = try await blocking {
      try Self.listPage(folder, bucket, prefix: prefix, delimiter: delimiter, after: after, maxKeys: limit)
    }
    func encode(_ value: String) -> String { encodeURL ? S3Formats.urlEncoded(value) : value }
    var writer = S3XMLWriter()
    writer.open("ListBucketResult", namespaced: true)
    writer.element("Name", bucket)
    writer.element("Prefix", encode(prefix))
    if version == 1 {
      writer.element("Marker", encode(request.query("marker") ?? ""))
      // S3 gives NextMarker only with a delimiter; without one, clients continue after the last key.
      if page.isTruncated, delimiter != nil, let last = page.lastEntry {
        writer.element("NextMarker", encode(last))
      }
    } else {
      if let token { writer.element("ContinuationToken", token) }
      if page.isTruncated, let last = page.lastEntry {
        writer.element("NextContinuationToken", Data(last.utf8).base64EncodedString())
      }
      if let startAfter = request.query("start-after") { writer.element("StartAfter", encode(startAfter)) }
      writer.element("KeyCount", String(page.keys.count + page.commonPrefixes.count))
    }
    writer.element("MaxKeys", String(maxKeys))
    if let delimiter { writer.element("Delimiter", encode(delimiter)) }
    writer.element("IsTruncated", page.isTruncated ? "true" : "false")
    let showOwner = version == 1 || request.query("fetch-owner") == "true"
    for object in objects {
      writer.open("Contents")
      writer.element("Key", encode(object.key))
      writer.element("LastModified", S3Formats.isoTime(object.modified))
      writer.element("ETag", object.etag)
      writer.element("Size", String(object.size))
      if showOwner { Self.writeOwner(&writer, account: caller.account) }
      writer.element("StorageClass", "STANDARD")
      writer.close("Contents")
    }
    for common in page.commonPrefixes {
      writer.open("CommonPrefixes")
      writer.element("Prefix", encode(common))
      writer.close("CommonPrefixes")
    }
    if encodeURL { writer.element("EncodingType", "url") }
    writer.close("ListBucketResult")
    return Self.xml(writer)
  }

  /// The page after `marker` and its objects' listings.
  static func listPage(
    _ folder: BucketFolder, _ bucket: String, prefix: String, delimiter: String?, after marker: String?,
    maxKeys: Int
  ) throws -> (S3ListingPage, [ListedObject]) {
    let keys = try folder.list(bucket: bucket, prefix: prefix)
    let page = S3ListingPage(
      sortedKeys: keys, prefix: prefix, delimiter: delimiter, after: marker, maxKeys: maxKeys)
    var objects: [ListedObject] = []
    for key in page.keys { objects.append(try listedObject(folder, bucket, key)) }
    return (page, objects)
  }

  /// The listing of `key`: its plaintext's size and MD5 (an SSE-KMS object's are those of what was put).
  /// An object whose KMS key is gone is listed with its stored bytes, as a listing does not decrypt.
  static func listedObject(_ folder: BucketFolder, _ bucket: String, _ key: String) throws -> ListedObject {
    let path = folder.directory + "/" + bucket + "/" + key
    let modified = Self.modificationDate(path)
    var bytes: [UInt8]
    do {
      bytes = try folder.get(bucket: bucket, key: key).bytes
    } catch {
      guard error.code.hasPrefix("KMS.") else { throw error }
      bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }
    return ListedObject(key: key, modified: modified, etag: S3Formats.etag(bytes), size: bytes.count)
  }

  /// When the file at `path` was last written (the epoch when it cannot be read).
  static func modificationDate(_ path: String) -> Date {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    return attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
  }
}
