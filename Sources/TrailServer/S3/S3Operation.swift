/// The S3 operation a path-style request asks for: `/` is the service, `/BUCKET` a bucket, and
/// `/BUCKET/KEY…` an object (the key percent-decoded, slashes and all).
enum S3Operation: Equatable, Sendable {
  case listBuckets
  case createBucket(String)
  case deleteBucket(String)
  case headBucket(String)
  case getBucketLocation(String)
  case getBucketPolicy(String)
  case putBucketPolicy(String)
  case deleteBucketPolicy(String)
  case listObjects(String)
  case listObjectsV2(String)
  case deleteObjects(String)
  case getObject(String, key: String)
  case headObject(String, key: String)
  case putObject(String, key: String)
  case deleteObject(String, key: String)
  case createMultipartUpload(String, key: String)
  case uploadPart(String, key: String)
  case completeMultipartUpload(String, key: String)
  case abortMultipartUpload(String, key: String)

  /// Sub-resources S3 has and TrailDeck does not: asking for one is `NotImplemented`, not a listing or
  /// a plain object read that would answer something else.
  static let unsupportedSubresources: Set<String> = [
    "accelerate", "acl", "analytics", "attributes", "cors", "encryption", "intelligent-tiering", "inventory",
    "legal-hold", "lifecycle", "logging", "metadataTable", "metrics", "notification", "object-lock",
    "ownershipControls", "partNumber", "policyStatus", "publicAccessBlock", "replication", "requestPayment",
    "restore", "retention", "select", "session", "tagging", "torrent", "versionId",
    "versioning", "versions", "website",
  ]

  /// The operation of `request`.
  /// - Throws: `S3Error` — `NotImplemented` for unsupported sub-resources and CopyObject,
  ///   `MethodNotAllowed` for a method the resource does not take.
  init(_ request: ServerRequest) throws(S3Error) {
    let (bucket, key) = Self.target(of: request.rawPath)
    let names = Set(request.queryItems.map(\.name))
    // UploadPart names its part; elsewhere `partNumber` reads one part of a multipart object.
    let unsupportedHere = names.contains("uploadId") ? names.subtracting(["partNumber"]) : names
    if let unsupported = unsupportedHere.intersection(Self.unsupportedSubresources).sorted().first {
      throw S3Error.notImplemented("the ?\(unsupported) sub-resource")
    }
    let method = request.method.uppercased()
    guard let bucket else {
      guard method == "GET" else { throw S3Error.methodNotAllowed(method, "the service") }
      self = .listBuckets
      return
    }
    guard let key else {
      guard !names.contains("uploads") else { throw S3Error.notImplemented("ListMultipartUploads") }
      self = try Self.bucketOperation(method, bucket, names, request)
      return
    }
    if names.contains("uploads") || names.contains("uploadId") {
      self = try Self.multipartOperation(method, bucket, key, names)
      return
    }
    switch method {
    case "GET": self = .getObject(bucket, key: key)
    case "HEAD": self = .headObject(bucket, key: key)
    case "PUT":
      guard request.header("x-amz-copy-source") == nil else { throw S3Error.notImplemented("CopyObject") }
      self = .putObject(bucket, key: key)
    case "DELETE": self = .deleteObject(bucket, key: key)
    default: throw S3Error.methodNotAllowed(method, "an object")
    }
  }

  private static func bucketOperation(
    _ method: String, _ bucket: String, _ names: Set<String>, _ request: ServerRequest
  ) throws(S3Error) -> S3Operation {
    switch (method, names) {
    case ("GET", _) where names.contains("location"): return .getBucketLocation(bucket)
    case ("GET", _) where names.contains("policy"): return .getBucketPolicy(bucket)
    case ("PUT", _) where names.contains("policy"): return .putBucketPolicy(bucket)
    case ("DELETE", _) where names.contains("policy"): return .deleteBucketPolicy(bucket)
    case ("POST", _) where names.contains("delete"): return .deleteObjects(bucket)
    case (_, _) where names.contains("location") || names.contains("policy") || names.contains("delete"):
      throw S3Error.methodNotAllowed(method, "this sub-resource")
    case ("GET", _): return request.query("list-type") == "2" ? .listObjectsV2(bucket) : .listObjects(bucket)
    case ("PUT", _): return .createBucket(bucket)
    case ("DELETE", _): return .deleteBucket(bucket)
    case ("HEAD", _): return .headBucket(bucket)
    default: throw S3Error.methodNotAllowed(method, "a bucket")
    }
  }

  private static func multipartOperation(
    _ method: String, _ bucket: String, _ key: String, _ names: Set<String>
  )
    throws(S3Error) -> S3Operation
  {
    switch method {
    case "POST" where names.contains("uploads"): return .createMultipartUpload(bucket, key: key)
    case "PUT" where names.contains("uploadId"): return .uploadPart(bucket, key: key)
    case "POST" where names.contains("uploadId"): return .completeMultipartUpload(bucket, key: key)
    case "DELETE" where names.contains("uploadId"): return .abortMultipartUpload(bucket, key: key)
    case "GET" where names.contains("uploadId"): throw S3Error.notImplemented("ListParts")
    default: throw S3Error.methodNotAllowed(method, "a multipart upload")
    }
  }

  /// The bucket and key of a path-style `rawPath`, each percent-decoded; a missing or empty part is nil.
  static func target(of rawPath: String) -> (bucket: String?, key: String?) {
    let trimmed = rawPath.hasPrefix("/") ? rawPath.dropFirst() : Substring(rawPath)
    let parts = trimmed.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    func decoded(_ part: Substring) -> String? {
      part.isEmpty ? nil : (part.removingPercentEncoding ?? String(part))
    }
    let bucket = parts.first.flatMap(decoded)
    let key = parts.count > 1 ? decoded(parts[1]) : nil
    return (bucket, key)
  }

  /// The bucket the operation acts on (nil for ListBuckets).
  var bucket: String? {
    switch self {
    case .listBuckets: return nil
    case .createBucket(let b), .deleteBucket(let b), .headBucket(let b), .getBucketLocation(let b),
      .getBucketPolicy(let b), .putBucketPolicy(let b), .deleteBucketPolicy(let b), .listObjects(let b),
      .listObjectsV2(let b), .deleteObjects(let b), .getObject(let b, _), .headObject(let b, _),
      .putObject(let b, _), .deleteObject(let b, _), .createMultipartUpload(let b, _), .uploadPart(let b, _),
      .completeMultipartUpload(let b, _), .abortMultipartUpload(let b, _):
      return b
    }
  }

  /// S3's name for the operation, CloudTrail's `eventName` — nil for object-level calls, which are data
  /// events that TrailDeck does not record (ListObjects included, as in CloudTrail).
  var managementEventName: String? {
    switch self {
    case .listBuckets: return "ListBuckets"
    case .createBucket: return "CreateBucket"
    case .deleteBucket: return "DeleteBucket"
    case .headBucket: return "HeadBucket"
    case .getBucketLocation: return "GetBucketLocation"
    case .getBucketPolicy: return "GetBucketPolicy"
    case .putBucketPolicy: return "PutBucketPolicy"
    case .deleteBucketPolicy: return "DeleteBucketPolicy"
    default: return nil
    }
  }
}
