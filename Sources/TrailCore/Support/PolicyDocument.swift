import Foundation

/// An IAM policy document (an S3 bucket policy, a KMS key policy) reduced to what CloudTrail's checks
/// read: which actions each statement allows or denies the CloudTrail service principal, on which
/// resources.
///
/// Actions and resources may be a string or a list, with `*` and `?` wildcards (`s3:*`,
/// `kms:GenerateDataKey*`). Conditions are not evaluated: TrailDeck knows no source ARN or
/// encryption context to test them against.
struct PolicyDocument {
  /// One statement, reduced to what the CloudTrail checks read.
  struct Statement {
    var effect: String
    var isForCloudTrail: Bool
    var actions: [String]
    var resources: [String]
  }

  var statements: [Statement]

  /// The statements of `policy` (`{"Statement": [...]}` or a single statement object); anything that
  /// is not a policy has none, and so allows nothing.
  init(_ policy: JSONValue) {
    guard case .object(let members) = policy,
      let list = members.first(where: { $0.key == "Statement" })?.value
    else {
      statements = []
      return
    }
    let items: [JSONValue]
    switch list {
    case .array(let array): items = array
    case .object: items = [list]
    default: items = []
    }
    statements = items.compactMap { item in
      guard case .object(let fields) = item else { return nil }
      func value(_ name: String) -> JSONValue? { fields.first { $0.key == name }?.value }
      guard case .string(let effect) = value("Effect") else { return nil }
      return Statement(
        effect: effect, isForCloudTrail: Self.isCloudTrail(value("Principal")),
        actions: Self.strings(value("Action")), resources: Self.strings(value("Resource")))
    }
  }

  /// Whether a statement for CloudTrail allows `action` on `resource` and none denies it.
  func allowsCloudTrail(_ action: String, on resource: String) -> Bool {
    let matching = statements.filter {
      $0.isForCloudTrail && $0.actions.contains { Self.glob($0, matches: action) }
        && $0.resources.contains { Self.glob($0, matches: resource) }
    }
    return matching.contains { $0.effect == "Allow" } && !matching.contains { $0.effect == "Deny" }
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
