import Foundation
import TrailCore

/// S3's path-style REST-XML API over the buckets folder, so real tools read what trails deliver:
/// `aws s3 ls/cp/mb`, boto3's s3 client and `aws cloudtrail validate-logs`.
///
/// Bucket NAME is the folder `bucketsDirectory/NAME/` and object KEY the file `NAME/KEY` with its
/// `KEY.metadata.json` sidecar (`BucketFolder`). Objects encrypted with SSE-KMS are served decrypted,
/// as S3 does. Bucket-level calls are recorded as CloudTrail management events; object-level calls
/// are data events and are not.
public struct S3Handler: ProtocolHandler {
  /// S3's own limit on an object put in one request (5 GiB); larger bodies are `EntityTooLarge`.
  public static let defaultMaximumObjectSize = 5 * 1024 * 1024 * 1024

  public let environment: ServerEnvironment
  /// The largest object PutObject accepts, in bytes.
  public let maximumObjectSize: Int

  /// The handler over `environment`'s buckets, refusing objects over `maximumObjectSize` bytes.
  public init(environment: ServerEnvironment, maximumObjectSize: Int = defaultMaximumObjectSize) {
    self.environment = environment
    self.maximumObjectSize = maximumObjectSize
  }

  var folder: BucketFolder { BucketFolder(directory: environment.bucketsDirectory) }

  /// Answers `request`: the operation's result, or S3's `<Error>` document (no body for HEAD). Every
  /// response carries `x-amz-request-id`.
  public func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse {
    let requestID = S3Formats.requestID()
    var operation: S3Operation?
    var response: ServerResponse
    var failure: S3Error?
    do {
      let parsed = try S3Operation(request)
      operation = parsed
      response = try await perform(parsed, request, caller: caller)
    } catch {
      let error = error as? S3Error ?? S3Error("InternalError", status: 500, "\(error)")
      failure = error
      response = Self.errorResponse(
        error, requestID: requestID, isHead: request.method.uppercased() == "HEAD")
    }
    if let operation, let eventName = operation.managementEventName {
      record(eventName, bucket: operation.bucket, request, caller, requestID, failure)
    }
    response.headers += [
      (name: "x-amz-request-id", value: requestID), (name: "x-amz-id-2", value: requestID),
    ]
    return response
  }

  private func perform(_ operation: S3Operation, _ request: ServerRequest, caller: Caller) async throws
    -> ServerResponse
  {
    switch operation {
    case .listBuckets: return try await listBuckets(caller: caller)
    case .createBucket(let bucket): return try await createBucket(bucket, caller: caller)
    case .deleteBucket(let bucket): return try await deleteBucket(bucket)
    case .headBucket(let bucket): return try await headBucket(bucket, caller: caller)
    case .getBucketLocation(let bucket): return try await bucketLocation(bucket, caller: caller)
    case .getBucketPolicy(let bucket): return try await bucketPolicy(bucket)
    case .putBucketPolicy(let bucket): return try await putBucketPolicy(bucket, request.body)
    case .deleteBucketPolicy(let bucket): return try await deleteBucketPolicy(bucket)
    case .listObjects(let bucket): return try await listObjects(bucket, request, caller: caller, version: 1)
    case .listObjectsV2(let bucket): return try await listObjects(bucket, request, caller: caller, version: 2)
    case .deleteObjects(let bucket): return try await deleteObjects(bucket, request.body)
    case .getObject(let bucket, let key): return try await getObject(bucket, key, request, isHead: false)
    case .headObject(let bucket, let key): return try await getObject(bucket, key, request, isHead: true)
    case .putObject(let bucket, let key): return try await putObject(bucket, key, request)
    case .deleteObject(let bucket, let key): return try await deleteObject(bucket, key)
    case .createMultipartUpload(let bucket, let key): return try await createUpload(bucket, key, request)
    case .uploadPart(let bucket, let key): return try await uploadPart(bucket, key, request)
    case .completeMultipartUpload(let bucket, let key): return try await completeUpload(bucket, key, request)
    case .abortMultipartUpload(let bucket, let key): return try await abortUpload(bucket, key, request)
    }
  }

  /// Runs `body` on the blocking pool; S3 errors pass through, others become `InternalError`.
  func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws(S3Error) -> T {
    do {
      return try await environment.work.run(body)
    } catch let error as S3Error {
      throw error
    } catch let error as BucketError {
      throw S3Error(error)
    } catch {
      throw S3Error("InternalError", status: 500, "\(error)")
    }
  }

  /// An XML document answer.
  static func xml(_ writer: S3XMLWriter, status: Int = 200) -> ServerResponse {
    .text(writer.text, status: status, contentType: "application/xml")
  }

  /// S3's error answer; HEAD responses have no body, so the code is all a client sees of it.
  static func errorResponse(_ error: S3Error, requestID: String, isHead: Bool) -> ServerResponse {
    if isHead { return ServerResponse(status: error.status) }
    return .text(error.xml(requestID: requestID), status: error.status, contentType: "application/xml")
  }

  /// Records a bucket-level call as CloudTrail records S3's management events.
  private func record(
    _ eventName: String, bucket: String?, _ request: ServerRequest, _ caller: Caller, _ requestID: String,
    _ failure: S3Error?
  ) {
    var parameters: [(key: String, value: JSONValue)] = []
    if let bucket { parameters.append(("bucketName", .string(bucket))) }
    parameters.append(("Host", .string(request.header("host") ?? "")))
    for sub in ["location", "policy"] where request.query(sub) != nil {
      parameters.append((sub, .string("")))
    }
    environment.recorder.record(
      RecordedCall(
        eventSource: "s3.amazonaws.com", eventName: eventName, caller: caller, time: environment.clock.now(),
        requestID: requestID, requestParameters: .object(parameters), errorCode: failure?.code,
        errorMessage: failure?.message, readOnly: RecordedCall.isReadOnly(eventName)))
  }
}
