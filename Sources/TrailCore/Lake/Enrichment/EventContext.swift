import Foundation

/// The `eventContext` CloudTrail adds to the events of an event data store with context key
/// selectors (enriched events): the selected IAM global condition keys of the request
/// (`requestContext`) and the selected tag keys of the resources the call involved
/// (`tagContext.resourceTags`).
///
/// TrailDeck computes it from the stored record when a store's events are read (an event is stored
/// once, whatever stores hold it), with the resource tags it knows. The record's shape — member
/// names and nesting — is OPEN in CloudTrail's documentation; TrailDeck writes
/// `{"requestContext": {KEY: VALUE}, "tagContext": {"resourceTags": [{"arn", "tags": {KEY: VALUE}}]}}`,
/// leaving out what holds nothing (and the whole field when nothing applies, as CloudTrail leaves out
/// keys that played no part in the request).
enum EventContext {
  /// The global condition keys TrailDeck can read off a record, and how.
  static let requestKeys: [String: @Sendable (JSONValue) -> String?] = [
    "aws:PrincipalAccount": { $0["userIdentity"]?["accountId"]?.stringValue },
    "aws:PrincipalArn": { record in
      let identity = record["userIdentity"]
      // An assumed role's principal ARN is the role's (IAM's rule), not the session's.
      return identity?["sessionContext"]?["sessionIssuer"]?["arn"]?.stringValue
        ?? identity?["arn"]?.stringValue
    },
    "aws:PrincipalType": { record in
      switch record["userIdentity"]?["type"]?.stringValue {
      case "IAMUser": "User"
      case "AssumedRole": "AssumedRole"
      case "Root": "Account"
      case "FederatedUser": "FederatedUser"
      case let other: other
      }
    },
    "aws:userid": { $0["userIdentity"]?["principalId"]?.stringValue },
    "aws:username": { record in
      record["userIdentity"]?["type"]?.stringValue == "IAMUser"
        ? record["userIdentity"]?["userName"]?.stringValue : nil
    },
    "aws:SourceIp": { record in
      // A service calling for a user has no address of its own (`…amazonaws.com`).
      guard let address = record["sourceIPAddress"]?.stringValue, AuditEventCheck.isIPAddress(address) else {
        return nil
      }
      return address
    },
    "aws:UserAgent": { $0["userAgent"]?.stringValue },
    "aws:RequestedRegion": { $0["awsRegion"]?.stringValue },
    "aws:MultiFactorAuthPresent": {
      $0["userIdentity"]?["sessionContext"]?["attributes"]?["mfaAuthenticated"]?.stringValue
    },
    "aws:TokenIssueTime": {
      $0["userIdentity"]?["sessionContext"]?["attributes"]?["creationDate"]?.stringValue
    },
    "aws:ViaAWSService": { $0["userIdentity"]?["invokedBy"] == nil ? "false" : "true" },
    "aws:CalledVia": { $0["userIdentity"]?["invokedBy"]?.stringValue },
    "aws:SecureTransport": { $0["tlsDetails"] == nil ? nil : "true" },
    "aws:SourceVpce": { $0["vpcEndpointId"]?.stringValue },
    "aws:PrincipalIsAWSService": {
      $0["userIdentity"]?["type"]?.stringValue == "AWSService" ? "true" : "false"
    },
    "aws:PrincipalServiceName": {
      $0["userIdentity"]?["type"]?.stringValue == "AWSService"
        ? $0["userIdentity"]?["invokedBy"]?.stringValue : nil
    },
  ]

  /// The prefix of principal tag keys (`aws:PrincipalTag/team`), read from the principal's tags.
  static let principalTagPrefix = "aws:PrincipalTag/"

  /// Whether `key` is a RequestContext key TrailDeck can fill.
  static func isRequestKey(_ key: String) -> Bool {
    requestKeys[key] != nil || (key.hasPrefix(principalTagPrefix) && key.count > principalTagPrefix.count)
  }

  /// The eventContext of `record` under `selectors`, or nil when nothing applies; `tags` gives a
  /// resource's tags by ARN.
  static func of(
    _ record: JSONValue, selectors: [ContextKeySelector], tags: (String) throws -> [String: String]
  ) rethrows -> JSONValue? {
    var request: [(key: String, value: JSONValue)] = []
    var resourceTags: [JSONValue] = []
    for selector in selectors {
      switch selector.type {
      case "RequestContext":
        for key in selector.equals where !request.contains(where: { $0.key == key }) {
          if let read = requestKeys[key] {
            if let value = read(record) { request.append((key, .string(value))) }
          } else if key.hasPrefix(principalTagPrefix),
            let principal = requestKeys["aws:PrincipalArn"]?(record)
          {
            let tag = String(key.dropFirst(principalTagPrefix.count))
            if let value = try tags(principal)[tag] { request.append((key, .string(value))) }
          }
        }
      case "TagContext":
        guard case .array(let resources)? = record["resources"] else { continue }
        for resource in resources {
          guard let arn = resource["ARN"]?.stringValue else { continue }
          let all = try tags(arn)
          let chosen = selector.equals.compactMap { key in
            all[key].map { (key: key, value: JSONValue.string($0)) }
          }
          guard !chosen.isEmpty else { continue }
          resourceTags.append(.object([("arn", .string(arn)), ("tags", .object(chosen))]))
        }
      default:
        continue
      }
    }
    var context: [(key: String, value: JSONValue)] = []
    if !request.isEmpty { context.append(("requestContext", .object(request))) }
    if !resourceTags.isEmpty {
      context.append(("tagContext", .object([("resourceTags", .array(resourceTags))])))
    }
    return context.isEmpty ? nil : .object(context)
  }
}
