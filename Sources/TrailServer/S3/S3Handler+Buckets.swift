import Foundation
import TrailCore

/// The bucket-level operations: buckets are folders, policies are `BucketPolicies` files.
extension S3Handler {
  func listBuckets(caller: Caller) async throws(S3Error) -> ServerResponse {
    let directory = environment.bucketsDirectory
    let buckets: [(name: String, created: Date)] = try await blocking {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      return names.filter { !$0.hasPrefix(".") }.compactMap { name in
        let path = directory + "/" + name
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          attributes[.type] as? FileAttributeType == .typeDirectory
        else { return nil }
        let created = attributes[.creationDate] as? Date ?? attributes[.modificationDate] as? Date ?? Date()
        return (name, created)
      }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
    var writer = S3XMLWriter()
    writer.open("ListAllMyBucketsResult", namespaced: true)
    Self.writeOwner(&writer, account: caller.account)
    writer.open("Buckets")
    for bucket in buckets {
      writer.open("Bucket")
      writer.element("Name", bucket.name)
      writer.element("CreationDate", S3Formats.isoTime(bucket.created))
      writer.close("Bucket")
    }
    writer.close("Buckets")
    writer.close("ListAllMyBucketsResult")
    return Self.xml(writer)
  }

  /// The bucket's owner as S3 writes it; TrailDeck's buckets belong to the caller's account.
  static func writeOwner(_ writer: inout S3XMLWriter, account: String) {
    writer.open("Owner")
    writer.element("ID", account)
    writer.element("DisplayName", account)
    writer.close("Owner")
  }

  /// CreateBucket. A `CreateBucketConfiguration` body is accepted and not kept: buckets belong to the
  /// store, not to a region (see `bucketLocation`).
  func createBucket(_ bucket: String, caller: Caller) async throws(S3Error) -> ServerResponse {
    let context = environment.context(for: caller)
    try await blocking {
      do {
        try Buckets.make(bucket, in: context)
      } catch let error as ServiceError {
        let status = error.exceptionName == "InvalidBucketName" ? 400 : 409
        throw S3Error(error.exceptionName, status: status, error.message, bucket: bucket)
      }
    }
    return ServerResponse(status: 200, headers: [(name: "Location", value: "/" + bucket)])
  }

  /// DeleteBucket: only an empty bucket goes (`BucketNotEmpty` otherwise), and its policy with it.
  func deleteBucket(_ bucket: String) async throws(S3Error) -> ServerResponse {
    let folder = self.folder
    let policies = self.policies
    try await blocking {
      guard try folder.list(bucket: bucket).isEmpty else {
        throw S3Error(
          "BucketNotEmpty", status: 409, "The bucket you tried to delete is not empty", bucket: bucket)
      }
      do {
        try FileManager.default.removeItem(atPath: folder.directory + "/" + bucket)
      } catch {
        throw S3Error(
          "AccessDenied", status: 403, "Cannot remove the bucket's folder: \(error)", bucket: bucket)
      }
      policies.deletePolicy(of: bucket)
    }
    return ServerResponse(status: 204)
  }

  func headBucket(_ bucket: String, caller: Caller) async throws(S3Error) -> ServerResponse {
    try await requireBucket(bucket)
    return ServerResponse(status: 200, headers: [(name: "x-amz-bucket-region", value: caller.region)])
  }

  /// GetBucketLocation answers the caller's region (an empty `LocationConstraint` for `us-east-1`, as S3
  /// writes that region): TrailDeck's buckets belong to the store, not to a region, so every caller
  /// finds the bucket in its own region and the aws CLI (validate-logs) keeps talking to the same
  /// endpoint in the region it was given.
  func bucketLocation(_ bucket: String, caller: Caller) async throws(S3Error) -> ServerResponse {
    try await requireBucket(bucket)
    var writer = S3XMLWriter()
    writer.rootElement("LocationConstraint", caller.region == "us-east-1" ? "" : caller.region)
    return Self.xml(writer)
  }

  func bucketPolicy(_ bucket: String) async throws(S3Error) -> ServerResponse {
    try await requireBucket(bucket)
    let policies = self.policies
    guard let text = try await blocking({ policies.policy(of: bucket) }) else {
      throw S3Error("NoSuchBucketPolicy", status: 404, "The bucket policy does not exist", bucket: bucket)
    }
    return .text(text, contentType: "application/json")
  }

  /// PutBucketPolicy: the body must be a JSON object with a `Statement` (`MalformedPolicy` otherwise).
  func putBucketPolicy(_ bucket: String, _ body: Data) async throws(S3Error) -> ServerResponse {
    try await requireBucket(bucket)
    guard case .object(let members) = try? JSONValue(parsing: [UInt8](body)),
      members.contains(where: { $0.key == "Statement" })
    else {
      throw S3Error(
        "MalformedPolicy", status: 400, "Policies must be valid JSON and the first byte must be '{'",
        bucket: bucket)
    }
    let policies = self.policies
    let text = String(decoding: body, as: UTF8.self)
    try await blocking { try policies.setPolicy(text, for: bucket) }
    return ServerResponse(status: 204)
  }

  func deleteBucketPolicy(_ bucket: String) async throws(S3Error) -> ServerResponse {
    try await requireBucket(bucket)
    let policies = self.policies
    _ = try await blocking { policies.deletePolicy(of: bucket) }
    return ServerResponse(status: 204)
  }

  var policies: BucketPolicies { BucketPolicies(bucketsDirectory: environment.bucketsDirectory) }

  /// Throws `NoSuchBucket` unless `bucket`'s folder exists.
  func requireBucket(_ bucket: String) async throws(S3Error) {
    let path = environment.bucketsDirectory + "/" + bucket
    let exists = try await blocking {
      var isFolder: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
    guard exists, !bucket.contains("/"), bucket != ".", bucket != ".." else {
      throw S3Error.noSuchBucket(bucket)
    }
  }
}
