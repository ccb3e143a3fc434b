import Foundation

/// The S3 bucket policies of the buckets folder: one JSON file per bucket, `NAME.json` in
/// `StoreContext.s3PoliciesDirectory` (beside the buckets, so a bucket's folder holds only objects).
///
/// The S3 view stores them (PutBucketPolicy), and CreateTrail/UpdateTrail read them: CloudTrail
/// refuses a bucket whose policy does not let it write (`allowsCloudTrail`).
public struct BucketPolicies: Sendable {
  /// The folder of policy files.
  public var directory: String

  public init(directory: String) { self.directory = directory }

  /// The policies of `context`'s buckets (`context.s3PoliciesDirectory`).
  public init(_ context: StoreContext) { self.init(directory: context.s3PoliciesDirectory) }

  /// The policies of the buckets in `bucketsDirectory` (`s3-policies/` beside it).
  public init(bucketsDirectory: String) {
    self.init(directory: StoreContext.servicesDirectory(buckets: bucketsDirectory) + "/s3-policies")
  }

  /// The file of `bucket`'s policy.
  public func path(of bucket: String) -> String { directory + "/" + bucket + ".json" }

  /// The policy of `bucket` as it was put, or nil when it has none.
  public func policy(of bucket: String) -> String? {
    FileManager.default.contents(atPath: path(of: bucket)).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Sets `bucket`'s policy to `text` (already checked by the caller), replacing any other.
  public func setPolicy(_ text: String, for bucket: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path(of: bucket)), options: .atomic)
  }

  /// Removes `bucket`'s policy; returns whether it had one.
  @discardableResult
  public func deletePolicy(of bucket: String) -> Bool {
    (try? FileManager.default.removeItem(atPath: path(of: bucket))) != nil
  }

  /// Whether `policy` lets CloudTrail deliver a trail's logs to `bucket` under `prefix` for `account`,
  /// as CloudTrail checks before it accepts the bucket: an `Allow` statement for the service principal
  /// `cloudtrail.amazonaws.com` must grant `s3:GetBucketAcl` on `arn:aws:s3:::BUCKET`, and one must
  /// grant `s3:PutObject` on a resource matching `arn:aws:s3:::BUCKET/PREFIX/AWSLogs/ACCOUNT/*`; a
  /// matching `Deny` statement wins over both.
  ///
  /// Actions may be a string or a list, with `*` wildcards (`s3:*`); resources too. Conditions are not
  /// evaluated: TrailDeck knows no source ARN to test them against.
  public static func allowsCloudTrail(
    _ policy: JSONValue, bucket: String, prefix: String?, account: String
  ) -> Bool {
    let prefixPath = prefix.flatMap { $0.isEmpty ? nil : $0 + "/" } ?? ""
    let bucketARN = "arn:aws:s3:::\(bucket)"
    let objectsARN = "arn:aws:s3:::\(bucket)/\(prefixPath)AWSLogs/\(account)/*"
    let statements = Self.statements(of: policy)
    func decision(_ action: String, _ resource: String) -> Bool {
      let matching = statements.filter {
        $0.isForCloudTrail && $0.actions.contains { glob($0, matches: action) }
          && $0.resources.contains { glob($0, matches: resource) }
      }
      return matching.contains { $0.effect == "Allow" } && !matching.contains { $0.effect == "Deny" }
    }
    return decision("s3:GetBucketAcl", bucketARN) && decision("s3:PutObject", objectsARN)
  }

  /// One statement, reduced to what the CloudTrail check reads.
  struct Statement {
    var effect: String
    var isForCloudTrail: Bool
    var actions: [String]
    var resources: [String]
  }

  static func statements(of policy: JSONValue) -> [Statement] {
    guard case .object(let members) = policy,
      let list = members.first(where: { $0.key == "Statement" })?.value
    else { return [] }
    let items: [JSONValue]
    switch list {
    case .array(let array): items = array
    case .object: items = [list]
    default: items = []
    }
    return items.compactMap { item in
      guard case .object(let fields) = item else { return nil }
      func value(_ name: String) -> JSONValue? { fields.first { $0.key == name }?.value }
      guard case .string(let effect) = value("Effect") else { return nil }
      return Statement(
        effect: effect, isForCloudTrail: isCloudTrail(value("Principal")), actions: strings(value("Action")),
        resources: strings(value("Resource")))
    }
  }

  /// `*`, `{"AWS": "*"}`, or a `Service` naming `cloudtrail.amazonaws.com`.
  static func isCloudTrail(_ principal: JSONValue?) -> Bool {
    switch principal {
    case .string("*"): return true
    case .object(let members):
      return members.contains { member in
        let names = strings(member.value)
        return member.key == "Service" && names.contains("cloudtrail.amazonaws.com")
          || member.key == "AWS" && names.contains("*")
      }
    default: return false
    }
  }

  static func strings(_ value: JSONValue?) -> [String] {
    switch value {
    case .string(let text): return [text]
    case .array(let items):
      return items.compactMap {
        if case .string(let text) = $0 { return text }
        return nil
      }
    default: return []
    }
  }

  /// IAM's matching: `*` any run of characters, `?` one; actions compare without case, as IAM does.
  static func glob(_ pattern: String, matches text: String) -> Bool {
    let isAction = !pattern.hasPrefix("arn:") && pattern != "*"
    let p = Array((isAction ? pattern.lowercased() : pattern).unicodeScalars)
    let t = Array((isAction ? text.lowercased() : text).unicodeScalars)
    var (pi, ti, star, mark) = (0, 0, -1, 0)
    while ti < t.count {
      if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
        pi += 1
        ti += 1
      } else if pi < p.count, p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
