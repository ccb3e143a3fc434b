import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// S3 as folders: bucket NAME is `directory/NAME/`, object KEY is the file at that relative path, and its
/// metadata is the sidecar `KEY.metadata.json` (`ObjectMetadata`).
///
/// Buckets are never created here: CloudTrail delivers only into a bucket that exists, so a missing
/// folder is `NoSuchBucket`, which a delivery reports as the trail's `LatestDeliveryError`.
/// Keys ending in `.metadata.json` are sidecars and cannot be objects of their own.
public struct BucketFolder: Sendable {
  /// The folder that holds one folder per bucket (`StoreContext.bucketsDirectory`).
  public var directory: String

  /// The KMS keys of SSE-KMS objects (`KmsEnvelope`): `get` decrypts with them, as S3 does for a
  /// caller allowed to use the key.
  public var keyRing: KmsKeyRing

  /// The buckets in `directory`, with the key ring of SSE-KMS objects (default: `kms/` beside
  /// `directory`, where `StoreContext.kmsDirectory` puts it).
  public init(directory: String, keyRing: KmsKeyRing? = nil) {
    self.directory = directory
    self.keyRing =
      keyRing ?? KmsKeyRing(directory: StoreContext.servicesDirectory(buckets: directory) + "/kms")
  }

  /// The buckets folder of `context`, with its key ring (`context.kmsDirectory`).
  public init(_ context: StoreContext) {
    self.init(directory: context.bucketsDirectory, keyRing: KmsKeyRing(context))
  }

  /// The suffix of a metadata sidecar.
  public static let metadataSuffix = ".metadata.json"
  /// The start of a temporary file's name; such files are being written and are never listed.
  static let temporaryPrefix = ".traildeck-tmp-"

  /// Writes `bytes` to `key` in `bucket` with `metadata`, creating the key's intermediate folders.
  ///
  /// Each file is written under a temporary name in its final folder and then renamed over the final
  /// name, so no reader ever sees a partial object. The sidecar is written first: a reader that finds
  /// the object finds its metadata (digests are useless without their signature).
  /// - Throws: `BucketError` — `NoSuchBucket`, `AccessDenied`, `InvalidObjectName`, `InternalError`.
  public func put(bucket: String, key: String, bytes: [UInt8], metadata: ObjectMetadata = ObjectMetadata())
    throws(BucketError)
  {
    let path = try objectPath(bucket: bucket, key: key)
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      // Foundation wraps the failing call's errno; without one, say what failed in general terms.
      let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
      let code = underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : EIO
      throw BucketError.failed(errno: code, bucket: bucket, key: key, doing: "create the folder \(folder)")
    }
    try writeAtomically(Array(metadata.json.compactText().utf8), to: path + Self.metadataSuffix, bucket, key)
    try writeAtomically(bytes, to: path, bucket, key)
  }

  /// The bytes and metadata of `key` in `bucket`; an object without a sidecar has empty metadata.
  ///
  /// An SSE-KMS object (`KmsEnvelope`) is decrypted with `keyRing`, as S3 serves it: the bytes are
  /// what was put, so digests' hashes hold.
  /// - Throws: `BucketError` — `NoSuchBucket`, `NoSuchKey`, `AccessDenied`, `InvalidObjectName`, and
  ///   `KMS.NotFoundException` (the object's key is not in the ring) or another `KMS.` code.
  public func get(bucket: String, key: String) throws(BucketError) -> (
    bytes: [UInt8], metadata: ObjectMetadata
  ) {
    let path = try objectPath(bucket: bucket, key: key)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
    else {
      throw BucketError(
        code: "NoSuchKey", bucket: bucket, key: key, message: "The specified key does not exist.")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BucketError(code: "AccessDenied", bucket: bucket, key: key, message: "Cannot read \(path).")
    }
    var metadata = ObjectMetadata()
    if let sidecar = FileManager.default.contents(atPath: path + Self.metadataSuffix) {
      guard let parsed = ObjectMetadata(json: String(decoding: sidecar, as: UTF8.self)) else {
        throw BucketError(
          code: "InternalError", bucket: bucket, key: key,
          message: "\(path + Self.metadataSuffix) is not a JSON object of strings.")
      }
      metadata = parsed
    }
    var bytes = [UInt8](data)
    if KmsEnvelope.isEnvelope(bytes) {
      do {
        bytes = try KmsEnvelope.open(bytes, ring: keyRing)
      } catch {
        throw BucketError(code: "KMS." + error.code, bucket: bucket, key: key, message: error.message)
      }
    }
    return (bytes, metadata)
  }

  /// The keys in `bucket` that start with `prefix`, in lexicographic order of their UTF-8 bytes, as S3's
  /// ListObjects returns them. Sidecars and temporary files are not objects and are skipped.
  /// - Throws: `BucketError` — `NoSuchBucket`.
  public func list(bucket: String, prefix: String = "") throws(BucketError) -> [String] {
    let root = try bucketPath(bucket)
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var keys: [String] = []
    while let relative = walker.nextObject() as? String {
      guard relative.hasPrefix(prefix) || prefix.hasPrefix(relative) else {
        // A folder outside the prefix cannot hold a matching key.
        if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
        continue
      }
      guard walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular, relative.hasPrefix(prefix)
      else { continue }
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(Self.temporaryPrefix) || name.hasSuffix(Self.metadataSuffix) { continue }
      keys.append(relative)
    }
    return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Removes `key` and its sidecar (tests use it to damage a trail; S3 has DeleteObject).
  public func delete(bucket: String, key: String) throws(BucketError) {
    let path = try objectPath(bucket: bucket, key: key)
    unlink(path)
    unlink(path + Self.metadataSuffix)
  }

  /// The folder of `bucket`, which must exist.
  func bucketPath(_ bucket: String) throws(BucketError) -> String {
    guard !bucket.isEmpty, !bucket.contains("/"), bucket != ".", bucket != ".." else {
      throw BucketError(
        code: "InvalidBucketName", bucket: bucket, key: nil, message: "The specified bucket is not valid.")
    }
    let path = directory + "/" + bucket
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw BucketError(
        code: "NoSuchBucket", bucket: bucket, key: nil,
        message: "The specified bucket does not exist: no folder \(path).")
    }
    return path
  }

  /// The file of `key` in `bucket`. Keys that would leave the bucket's folder or name a sidecar are
  /// refused: a folder cannot hold what S3 allows there.
  func objectPath(bucket: String, key: String) throws(BucketError) -> String {
    let components = key.split(separator: "/", omittingEmptySubsequences: false)
    let invalid =
      key.isEmpty || key.hasSuffix(Self.metadataSuffix)
      || components.contains { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(Self.temporaryPrefix) }
    if invalid {
      throw BucketError(
        code: "InvalidObjectName", bucket: bucket, key: key,
        message: "TrailDeck cannot store this key in a folder (empty, '.', '..' or sidecar component).")
    }
    return try bucketPath(bucket) + "/" + key
  }

  private func writeAtomically(_ bytes: [UInt8], to path: String, _ bucket: String, _ key: String)
    throws(BucketError)
  {
    let folder = (path as NSString).deletingLastPathComponent
    let temporary = folder + "/" + Self.temporaryPrefix + UUID().uuidString
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else {
      throw BucketError.failed(errno: errno, bucket: bucket, key: key, doing: "create \(temporary)")
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var failure: Int32 = 0
    // FileHandle's errors carry Cocoa codes, not errno: a failed write is reported as EIO.
    do { try handle.write(contentsOf: bytes) } catch { failure = EIO }
    try? handle.close()
    if failure == 0, rename(temporary, path) == 0 { return }
    let code = failure != 0 ? failure : errno
    unlink(temporary)
    throw BucketError.failed(errno: code, bucket: bucket, key: key, doing: "write \(path)")
  }
}

/// A failed bucket operation, with the S3 error code CloudTrail would report (`NoSuchBucket` is what
/// GetTrailStatus shows as `LatestDeliveryError` when the bucket is gone).
public struct BucketError: Error, Equatable, Sendable, CustomStringConvertible {
  /// S3's error code: `NoSuchBucket`, `NoSuchKey`, `AccessDenied`, `InvalidBucketName`, or TrailDeck's
  /// `InvalidObjectName` and `InternalError`.
  public var code: String
  /// The bucket concerned.
  public var bucket: String
  /// The key concerned, when there is one.
  public var key: String?
  /// What went wrong, in TrailDeck's words.
  public var message: String

  public init(code: String, bucket: String, key: String?, message: String) {
    self.code = code
    self.bucket = bucket
    self.key = key
    self.message = message
  }

  public var description: String {
    "\(code): s3://\(bucket)/\(key ?? "") — \(message)"
  }

  /// The error for a failed system call: permission problems are `AccessDenied`, the rest `InternalError`.
  static func failed(errno code: Int32, bucket: String, key: String, doing action: String) -> BucketError {
    let reason = String(cString: strerror(code))
    let denied = code == EACCES || code == EPERM || code == EROFS
    return BucketError(
      code: denied ? "AccessDenied" : "InternalError", bucket: bucket, key: key,
      message: "Cannot \(action): \(reason).")
  }
}
