/// The `userIdentity` members Event history needs, and the `Username` rule built on them.
struct IdentityFields {
  var type: String?
  var userName: String?
  var arn: String?
  var accountId: String?
  var accessKeyId: String?
  var invokedBy: String?
  var principalId: String?

  mutating func read(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) -> RecordProblem? {
    var problem: RecordProblem?
    try s.forEachMember { (s: inout JSONScanner, key: Range<Int>) throws(JSONScanner.SyntaxError) in
      func take(_ name: String, _ target: inout String?) throws(JSONScanner.SyntaxError) {
        let kind = try s.peekKind()
        switch kind {
        case .string: target = try s.readString()
        case .null: try s.skipValue()
        default:
          try s.skipValue()
          problem =
            problem
            ?? RecordProblem(
              field: "userIdentity.\(name)",
              reason: "field userIdentity.\(name): expected a string, found \(kind.noun)")
        }
      }
      if s.rawEquals(key, "type") {
        try take("type", &type)
      } else if s.rawEquals(key, "userName") {
        try take("userName", &userName)
      } else if s.rawEquals(key, "arn") {
        try take("arn", &arn)
      } else if s.rawEquals(key, "accountId") {
        try take("accountId", &accountId)
      } else if s.rawEquals(key, "accessKeyId") {
        try take("accessKeyId", &accessKeyId)
      } else if s.rawEquals(key, "invokedBy") {
        try take("invokedBy", &invokedBy)
      } else if s.rawEquals(key, "principalId") {
        try take("principalId", &principalId)
      } else {
        try s.skipValue()
      }
    }
    return problem
  }

  /// Event history's `Username`: "user name or role name of the requester" (the API model's words).
  ///
  /// AWS does not document its exact algorithm (spec §2.2 OPEN). TrailDeck's rule:
  /// - a non-empty `userName` wins (IAMUser, Root with an alias, SAML and web-identity users);
  /// - `Root` without one is `root` (as in the CLI guide's example);
  /// - `AssumedRole`, `Role`, `FederatedUser`: the session or user name, the ARN's last `/` segment;
  /// - `AWSService` (and identities with only `invokedBy`): the invoking service;
  /// - otherwise none.
  var username: String? {
    if let userName, !userName.isEmpty { return userName }
    switch type {
    case "Root": return "root"
    case "AssumedRole", "Role", "FederatedUser", "IdentityCenterUser":
      if let arn, let tail = arn.utf8.afterLast(UInt8(ascii: "/")) { return String(tail) }
      return principalId.map { id in id.utf8.afterLast(UInt8(ascii: ":")).map { String($0)! } ?? id }
    default:
      return invokedBy
    }
  }
}

/// Event history's `ResourceName`, derived from a record's `resources[].ARN`.
///
/// AWS does not say how it derives names (spec §2.2 OPEN). TrailDeck takes the ARN's resource part and,
/// for every service but S3, drops the resource-type prefix before the last `/` (so
/// `arn:aws:iam::1:role/path/Admin` → `Admin`, `arn:aws:ec2:…:instance/i-0abc` → `i-0abc`); S3 keeps
/// `bucket` or `bucket/key`. A value that is not an ARN is used as it is.
enum ResourceNameRule {
  static func name(fromARN arn: String) -> String? {
    // Byte-level: this runs for every resource of every record at ingest.
    let bytes = arn.utf8
    guard !bytes.isEmpty else { return nil }
    guard bytes.starts(with: "arn:".utf8) else { return arn }
    var colons: [String.UTF8View.Index] = []
    var index = bytes.startIndex
    while index != bytes.endIndex && colons.count < 5 {
      if bytes[index] == UInt8(ascii: ":") { colons.append(index) }
      index = bytes.index(after: index)
    }
    guard colons.count == 5 else { return arn }
    let resource = bytes[bytes.index(after: colons[4])...]
    let service = bytes[bytes.index(after: colons[1])..<colons[2]]
    if service.elementsEqual("s3".utf8) { return String(resource) }
    if let tail = resource.afterLast(UInt8(ascii: "/")) { return String(tail) }
    return String(resource)
  }

}

extension BidirectionalCollection where Element == UInt8 {
  /// The elements after the last `byte`, or nil when there is none.
  func afterLast(_ byte: UInt8) -> SubSequence? {
    guard let position = lastIndex(of: byte) else { return nil }
    return self[index(after: position)...]
  }
}
