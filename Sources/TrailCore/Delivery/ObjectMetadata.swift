import Foundation

/// The metadata S3 keeps with an object, as TrailDeck keeps it beside the object in `KEY.metadata.json`.
///
/// The sidecar is one flat JSON object. System metadata is stored under its HTTP header name
/// (`Content-Type`, `Content-Encoding`, `x-amz-server-side-encryption`,
/// `x-amz-server-side-encryption-aws-kms-key-id`); user metadata under the name boto3 shows in a
/// `get_object` response's `Metadata` (`signature`, not `x-amz-meta-signature`), so a fake S3 client can
/// hand the sidecar's user part to awscli's code unchanged. Any member that is not a known header is
/// user metadata.
public struct ObjectMetadata: Equatable, Sendable {
  /// `Content-Type`, e.g. `application/json`.
  public var contentType: String?
  /// `Content-Encoding`, e.g. `gzip`.
  public var contentEncoding: String?
  /// `x-amz-server-side-encryption`: `AES256` (SSE-S3) or `aws:kms`.
  public var serverSideEncryption: String?
  /// `x-amz-server-side-encryption-aws-kms-key-id`: the KMS key's ARN when `aws:kms`.
  public var kmsKeyID: String?
  /// User metadata (`x-amz-meta-NAME` on the wire), keyed by NAME as boto3 shows it.
  public var user: [String: String]

  /// Metadata with the given members; omitted ones are absent.
  public init(
    contentType: String? = nil, contentEncoding: String? = nil, serverSideEncryption: String? = nil,
    kmsKeyID: String? = nil, user: [String: String] = [:]
  ) {
    self.contentType = contentType
    self.contentEncoding = contentEncoding
    self.serverSideEncryption = serverSideEncryption
    self.kmsKeyID = kmsKeyID
    self.user = user
  }

  /// The header names of system metadata, in the order the sidecar writes them.
  public static let systemHeaderNames = [
    "Content-Type", "Content-Encoding", "x-amz-server-side-encryption",
    "x-amz-server-side-encryption-aws-kms-key-id",
  ]

  /// The sidecar's JSON: system headers in `systemHeaderNames` order, then user metadata sorted by name
  /// (a dictionary has no order, and the file must not change from run to run).
  public var json: JSONValue {
    let system: [(String, String?)] = [
      ("Content-Type", contentType), ("Content-Encoding", contentEncoding),
      ("x-amz-server-side-encryption", serverSideEncryption),
      ("x-amz-server-side-encryption-aws-kms-key-id", kmsKeyID),
    ]
    var members: [(key: String, value: JSONValue)] = system.compactMap { name, value in
      value.map { (key: name, value: .string($0)) }
    }
    members += user.keys.sorted().map { (key: $0, value: .string(user[$0]!)) }
    return .object(members)
  }

  /// Reads a sidecar written by `json` (or by hand): known header names are system metadata, every other
  /// string member is user metadata. Returns nil when the text is not a JSON object of strings.
  public init?(json text: String) {
    guard case .object(let members) = try? JSONValue(parsing: text) else { return nil }
    self.init()
    for (name, value) in members {
      guard case .string(let string) = value else { return nil }
      switch name {
      case "Content-Type": contentType = string
      case "Content-Encoding": contentEncoding = string
      case "x-amz-server-side-encryption": serverSideEncryption = string
      case "x-amz-server-side-encryption-aws-kms-key-id": kmsKeyID = string
      default: user[name] = string
      }
    }
  }
}
