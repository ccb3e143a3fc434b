/// Finds the resources a CloudTrail record or a value names, for opening their timeline.
///
/// What "looks like a resource" is TrailDeck's rule (CloudTrail defines none): an ARN; an EC2-style
/// id (`sg-0abc12`, `i-0123456789abcdef0`, `vpc-…`, `subnet-…`: a lowercase prefix and at least 8 hex
/// digits); or an IAM unique id (`AROA…`, `AIDA…`, `ANPA…`, `AGPA…`). Bucket, role and other names
/// look like any text, so they count only under a member that names a resource (`bucketName`,
/// `roleName`, …) or when the user points at them.
public enum ResourceMentions {
  /// Members of `requestParameters` / `responseElements` whose value names a resource, whatever it
  /// looks like.
  static let namingMembers: Set<String> = [
    "bucketname", "bucket", "rolename", "username", "groupname", "functionname", "tablename",
    "policyname", "instanceprofilename", "keyid", "trailname", "name", "clustername", "dbinstanceidentifier",
    "queueurl", "topicarn", "streamname", "repositoryname", "loggroupname",
  ]

  /// Members that hold ids of the call, not of a resource.
  static let notResources: Set<String> = [
    "requestid", "eventid", "accountid", "principalid", "accesskeyid", "clienttoken", "sharedeventid",
  ]

  /// Whether `text` reads as an ARN or a resource id by its shape alone.
  public static func looksLikeResource(_ text: String) -> Bool {
    if text.hasPrefix("arn:") {
      return text.split(separator: ":", omittingEmptySubsequences: false).count >= 6
    }
    let scalars = Array(text.unicodeScalars)
    if scalars.count >= 16, ["AROA", "AIDA", "ANPA", "AGPA", "AIPA"].contains(String(text.prefix(4))) {
      return scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
    guard let dash = text.lastIndex(of: "-") else { return false }
    let prefix = text[..<dash]
    let hex = text[text.index(after: dash)...]
    return !prefix.isEmpty && prefix.count <= 24
      && prefix.allSatisfy { ("a"..."z").contains($0) || $0 == "-" } && prefix.first != "-"
      && hex.count >= 8 && hex.count <= 17 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
  }

  /// Whether the member `key` (of a request or response) holds a resource's id or name.
  public static func namesResource(key: String, value: String) -> Bool {
    let key = key.lowercased()
    guard !notResources.contains(key), !value.isEmpty else { return false }
    return namingMembers.contains(key) || key.hasSuffix("arn") || looksLikeResource(value)
  }

  /// The resources a CloudTrail record names, most telling first, each once: its `resources[]`
  /// ARNs, then ids and names in `requestParameters`, then in `responseElements`.
  public static func candidates(in record: JSONValue) -> [String] {
    var found: [String] = []
    func add(_ value: String) {
      if !found.contains(value) { found.append(value) }
    }
    if case .array(let items) = record["resources"] {
      for item in items { if let arn = item["ARN"]?.stringValue { add(arn) } }
    }
    for section in ["requestParameters", "responseElements"] {
      guard let value = record[section] else { continue }
      walk(value, key: nil) { key, text in
        if namesResource(key: key ?? "", value: text) { add(text) }
      }
    }
    return found
  }

  /// Calls `body` with every string in `value` and the member it is under (an array's elements get
  /// the array's member), in document order.
  static func walk(_ value: JSONValue, key: String?, _ body: (String?, String) -> Void) {
    switch value {
    case .string(let text): body(key, text)
    case .array(let items): for item in items { walk(item, key: key, body) }
    case .object(let members): for member in members { walk(member.value, key: member.key, body) }
    default: break
    }
  }
}
