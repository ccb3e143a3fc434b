import Foundation

/// A resource-based policy on a channel, event data store or dashboard (spec §9.2), validated as
/// PutResourcePolicy validates it and evaluated for PutAuditEvents.
///
/// Rules (G:LCLI, G:INT, security_iam_resource-based-policy-examples): a JSON object with a
/// `Statement` of 1–20 statements, each with `Effect` Allow or Deny, a `Principal` naming 1–50 AWS
/// principals (account ids, `arn:aws:iam::ACCOUNT:root` or other IAM ARNs of an account, `*`), and
/// `Action`s of the resource's service: only `cloudtrail-data:PutAuditEvents` on a channel, `cloudtrail:`
/// actions on event data stores and dashboards; a `Resource`, when given, must be the resource's ARN.
/// A channel's statements may carry the condition `StringEquals` `cloudtrail:ExternalId`; those of
/// stores and dashboards may name a `Service` principal (`cloudtrail.amazonaws.com`, which runs a
/// dashboard's queries) and any condition, kept as written.
struct ResourcePolicy {
  /// What the policy is attached to.
  enum Kind {
    case channel, eventDataStore, dashboard
  }

  struct Statement {
    var allows: Bool
    /// Account ids (12 digits) and `*`, read from the principals.
    var accounts: [String]
    var externalIDs: [String]?
  }

  var statements: [Statement]

  static let channelAction = "cloudtrail-data:PutAuditEvents"

  /// Parses and validates `text` for the resource `arn`.
  /// - Throws: `ResourcePolicyNotValidException` naming what is wrong.
  init(_ text: String, kind: Kind, arn: String) throws {
    func invalid(_ why: String) -> ServiceError {
      ServiceError("ResourcePolicyNotValidException", "The resource policy is not valid: \(why).")
    }
    guard (1...8192).contains(text.utf8.count) else { throw invalid("it must be 1 to 8192 characters") }
    let document: JSONValue
    do {
      document = try JSONValue(parsing: text)
    } catch {
      throw invalid("it is not JSON (\(error))")
    }
    guard case .object = document else { throw invalid("it must be a JSON object") }
    let items: [JSONValue]
    switch document["Statement"] {
    case .array(let list)?: items = list
    case .object?: items = [document["Statement"]!]
    default: throw invalid("it has no Statement")
    }
    guard (1...20).contains(items.count) else {
      throw invalid("it has \(items.count) statements; give 1 to 20")
    }
    statements = try items.enumerated().map { index, item in
      let n = "statement \(index + 1)"
      guard case .object = item else { throw invalid("\(n) is not an object") }
      guard case .string(let effect)? = item["Effect"], effect == "Allow" || effect == "Deny" else {
        throw invalid("\(n) needs an Effect of Allow or Deny")
      }
      let principals: [String]
      var services: [String] = []
      switch item["Principal"] {
      case .string("*")?: principals = ["*"]
      case .object(let members)? where members.count == 1 && members[0].key == "AWS":
        principals = PolicyDocument.strings(members[0].value)
      case .object(let members)? where kind != .channel && members.count == 1 && members[0].key == "Service":
        // The guide's dashboard policy lets CloudTrail itself run the widgets' queries.
        services = PolicyDocument.strings(members[0].value)
        principals = []
        guard !services.isEmpty, services.allSatisfy({ $0.hasSuffix(".amazonaws.com") }) else {
          throw invalid("\(n): a Service principal names services (NAME.amazonaws.com)")
        }
      default:
        throw invalid(
          "\(n) needs a Principal of the form {\"AWS\": [...]}"
            + (kind == .channel ? "" : " or {\"Service\": \"cloudtrail.amazonaws.com\"}"))
      }
      guard !services.isEmpty || (1...50).contains(principals.count) else {
        throw invalid("\(n) names \(principals.count) principals; give 1 to 50")
      }
      let accounts = try principals.map { principal -> String in
        if principal == "*" { return "*" }
        if principal.range(of: #"^\d{12}$"#, options: .regularExpression) != nil { return principal }
        let parts = principal.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "iam",
          parts[4].range(of: #"^\d{12}$"#, options: .regularExpression) != nil
        else { throw invalid("\(n): principal '\(principal)' is neither an account id nor an IAM ARN") }
        return String(parts[4])
      }
      let actions = PolicyDocument.strings(item["Action"])
      guard !actions.isEmpty else { throw invalid("\(n) has no Action") }
      for action in actions {
        let allowed =
          kind == .channel
          ? action == Self.channelAction : action.hasPrefix("cloudtrail:") && action.count > 11
        guard allowed else {
          throw invalid(
            kind == .channel
              ? "\(n): a channel's policy allows only the action \(Self.channelAction), not '\(action)'"
              : "\(n): action '\(action)' is not a CloudTrail action (cloudtrail:…)")
        }
      }
      if let resource = item["Resource"] {
        let resources = PolicyDocument.strings(resource)
        guard !resources.isEmpty, resources.allSatisfy({ $0 == arn }) else {
          throw invalid("\(n): Resource must be the ARN the policy is attached to, \(arn)")
        }
      } else if kind == .channel {
        throw invalid("\(n) needs a Resource: the channel's ARN \(arn)")
      }
      var externalIDs: [String]?
      if let condition = item["Condition"] {
        if kind == .channel {
          guard condition.keys == ["StringEquals"], let equals = condition["StringEquals"],
            equals.keys == ["cloudtrail:ExternalId"]
          else {
            throw invalid("\(n): a channel's only condition is StringEquals on cloudtrail:ExternalId")
          }
          externalIDs = PolicyDocument.strings(equals["cloudtrail:ExternalId"])
        } else {
          // Kept as written (AWS:SourceArn, AWS:SourceAccount in the guide's examples): TrailDeck
          // evaluates store and dashboard policies for nobody yet.
          guard case .object = condition else { throw invalid("\(n): Condition must be an object") }
        }
      }
      return Statement(allows: effect == "Allow", accounts: accounts, externalIDs: externalIDs)
    }
  }

  /// Whether `account` may call PutAuditEvents on a channel owned by `owner` with `externalId`: a
  /// Deny that applies wins; the owner may call unless denied; others need an Allow that applies
  /// (its external id condition met).
  func allowsPutAuditEvents(account: String, owner: String, externalId: String?) -> Bool {
    func applies(_ statement: Statement) -> Bool {
      guard statement.accounts.contains(account) || statement.accounts.contains("*") else { return false }
      guard let ids = statement.externalIDs else { return true }
      return externalId.map(ids.contains) ?? false
    }
    if statements.contains(where: { !$0.allows && applies($0) }) { return false }
    return account == owner || statements.contains { $0.allows && applies($0) }
  }
}
