import Foundation

/// What a prompt names besides its question: who, which key, which resource, which address, when.
///
/// Read with plain patterns, so it is predictable: an access key id is `AKIA`/`ASIA` and 16 more
/// characters; an IP address is dotted IPv4; a user follows "user" (or "username", "named",
/// "called"), a role follows "role"; a resource is an ARN, an AWS id such as `i-0abc…` or `sg-…`, a
/// quoted name, or the word after "bucket", "instance", "resource", … ; the time range is
/// `PromptTimeRange`'s.
public struct PromptParameters: Equatable, Sendable {
  public var userName: String?
  public var roleName: String?
  public var accessKeyId: String?
  public var resource: String?
  public var ipAddress: String?
  /// An AWS Config resource type (`AWS::EC2::SecurityGroup`), for configuration-item questions.
  public var resourceType: String?
  /// An Audit Manager control, by its name or the start of it (`S3.14`), for evidence questions.
  public var controlName: String?
  public var timeRange: PromptTimeRange?

  public init(
    userName: String? = nil, roleName: String? = nil, accessKeyId: String? = nil, resource: String? = nil,
    ipAddress: String? = nil, resourceType: String? = nil, controlName: String? = nil,
    timeRange: PromptTimeRange? = nil
  ) {
    self.userName = userName
    self.roleName = roleName
    self.accessKeyId = accessKeyId
    self.resource = resource
    self.ipAddress = ipAddress
    self.resourceType = resourceType
    self.controlName = controlName
    self.timeRange = timeRange
  }

  /// The parameters of `prompt`, with time ranges resolved against `now`.
  public init(prompt fullPrompt: String, now: Date) {
    let match = PromptTimeRange.match
    // A resource type ("AWS::S3::Bucket") is read first and taken out, so its last word is not read
    // as a resource word ("bucket per region" is no bucket named "per").
    resourceType = match(#"\b(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\b"#, fullPrompt)?[1]
    let prompt = resourceType.map { fullPrompt.replacingOccurrences(of: $0, with: " ") } ?? fullPrompt
    accessKeyId = match(#"\b((?:AKIA|ASIA)[A-Z0-9]{16})\b"#, prompt)?[1]
    ipAddress = match(#"\b((?:\d{1,3}\.){3}\d{1,3})\b"#, prompt)?[1]
    let name = #"['"]?([A-Za-z0-9+=,.@_-]+)['"]?"#
    userName = Self.named(after: #"(?:iam\s+)?user(?:\s*name)?"#, name, in: prompt)
    roleName = Self.named(after: #"role"#, name, in: prompt)
    let quoted = match(#""([^"]{1,200})"|'([^']{1,200})'"#, prompt).map { $0[1].isEmpty ? $0[2] : $0[1] }
    resource =
      match(#"\b(arn:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9-]*:\d*:[^\s'"]+)"#, prompt).map { Self.trimmed($0[1]) }
      ?? match(#"\b((?:i|sg|vol|snap|ami|vpc|subnet|eni|igw|acl|rtb)-[0-9a-f]{8,17})\b"#, prompt)?[1]
      ?? quoted
      ?? Self.named(after: Self.resourceWords, #"['"]?([A-Za-z0-9._:/+=@-]+)['"]?"#, in: prompt)
    controlName =
      Self.named(after: "control", #"['"]?(\[?[A-Za-z0-9][A-Za-z0-9.\]_-]*)['"]?"#, in: prompt)
      .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
    timeRange = PromptTimeRange.find(in: prompt, now: now)
    // A user or role name, an access key ("key AKIA…") or a control, is not also the resource.
    if resource != nil,
      resource == userName || resource == roleName || resource == accessKeyId || resource == controlName
    {
      resource = nil
    }
  }

  /// `text` without the sentence's punctuation after it ("…:my-bucket?" ends a question, not the ARN).
  static func trimmed(_ text: String) -> String {
    String(text.reversed().drop { ".,;:!?)".contains($0) }.reversed())
  }

  /// Words after which a prompt names a resource.
  static let resourceWords =
    #"(?:bucket|instance|resource|trail|table|function|group|policy|queue|topic|stack|volume|snapshot|"#
    + #"database|cluster|secret|parameter|key|vpc|subnet|repository|distribution|domain|stream)"#

  /// The name after `keyword` (optionally "named"/"called"), unless it is a word of the question.
  static func named(after keyword: String, _ name: String, in prompt: String) -> String? {
    let pattern = #"(?i)\b"# + keyword + #"\s+(?:(?:named|called|with\s+name)\s+)?"# + name
    guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
    let range = NSRange(prompt.startIndex..., in: prompt)
    for found in regex.matches(in: prompt, range: range) {
      guard let captured = Range(found.range(at: 1), in: prompt) else { continue }
      let candidate = trimmed(String(prompt[captured]))
      if !candidate.isEmpty && !stopWords.contains(candidate.lowercased()) { return candidate }
    }
    return nil
  }

  /// Words that follow "user", "role", "bucket", … in questions without being names.
  static let stopWords: Set<String> = [
    "a", "an", "the", "this", "that", "these", "those", "who", "whom", "which", "what", "did", "do", "does",
    "has", "have", "had", "is", "was", "were", "are", "be", "been", "with", "without", "from", "in", "on",
    "at", "by", "for", "of", "to", "and", "or", "since", "last", "past", "during", "activity", "activities",
    "action", "actions", "call", "calls", "api", "changes", "change", "policies", "policy", "deletion",
    "deletions", "deleted", "created", "made", "used", "name", "names", "id", "ids", "arn", "access",
    "accounts", "account", "login", "logins", "sign", "signin", "events", "event", "make", "makes",
    "keys", "key", "rule", "rules", "yesterday", "today", "s", "it", "its",
  ]
}
