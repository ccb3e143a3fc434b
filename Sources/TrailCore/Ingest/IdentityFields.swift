/// The `userIdentity` members Event history needs, and the `Username` rule built on them.
struct IdentityFields {
  var type: FieldText?
  var userName: FieldText?
  var arn: FieldText?
  var accountId: FieldText?
  var accessKeyId: FieldText?
  var invokedBy: FieldText?
  var principalId: FieldText?
  /// Whether an `arn` member was read (null or not), or a `userIdentity` object was.
  var sawArn = false
  var sawIdentity = false
  /// `userIdentity` or its `arn` given twice or in another case: Lake, matching keys ignoring case and
  /// taking the first, may read another ARN than this scanner (see `ArnRollupKey.unclear`).
  var arnIsUnclear = false

  mutating func read(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) -> RecordProblem? {
    var problem: RecordProblem?
    var more = try s.beginObject()
    while more {
      let key = try s.memberKey()
      let found: RecordProblem?
      // By length first, as in `RawFields.read`: `sessionContext` and most others are skipped at once.
      switch key.count {
      case 3 where s.rawEquals(key, "arn"):
        arnIsUnclear = arnIsUnclear || sawArn
        sawArn = true
        found = try s.readText("userIdentity.arn", into: &arn)
      case 3 where s.rawEqualsIgnoringCase(key, "arn"):
        arnIsUnclear = true
        try s.skipValue()
        found = nil
      case 4 where s.rawEquals(key, "type"): found = try s.readText("userIdentity.type", into: &type)
      case 8 where s.rawEquals(key, "userName"):
        found = try s.readText("userIdentity.userName", into: &userName)
      case 9 where s.rawEquals(key, "accountId"):
        found = try s.readText("userIdentity.accountId", into: &accountId)
      case 9 where s.rawEquals(key, "invokedBy"):
        found = try s.readText("userIdentity.invokedBy", into: &invokedBy)
      case 11 where s.rawEquals(key, "accessKeyId"):
        found = try s.readText("userIdentity.accessKeyId", into: &accessKeyId)
      case 11 where s.rawEquals(key, "principalId"):
        found = try s.readText("userIdentity.principalId", into: &principalId)
      default:
        try s.skipValue()
        found = nil
      }
      problem = problem ?? found
      more = try s.nextMember()
    }
    return problem
  }

  /// Counts one `userIdentity` member of the record (an object, null or anything else): a second one
  /// makes the ARN unclear.
  mutating func noteIdentityKey() {
    arnIsUnclear = arnIsUnclear || sawIdentity
    sawIdentity = true
  }

  /// Event history's `Username`: "user name or role name of the requester" (the API model's words).
  ///
  /// AWS does not document its exact algorithm (spec §2.2 OPEN). TrailDeck's rule:
  /// - a non-empty `userName` wins (IAMUser, Root with an alias, SAML and web-identity users);
  /// - `Root` without one is `root` (as in the CLI guide's example);
  /// - `AssumedRole`, `Role`, `FederatedUser`: the session or user name, the ARN's last `/` segment;
  /// - `AWSService` (and identities with only `invokedBy`): the invoking service;
  /// - otherwise none.
  func username(in buffer: UnsafeRawBufferPointer) -> FieldText? {
    if let userName, !userName.isEmpty(in: buffer) { return userName }
    guard let type else { return invokedBy }
    if type.equals("Root", in: buffer) { return .decoded("root") }
    if type.equals("AssumedRole", in: buffer) || type.equals("Role", in: buffer)
      || type.equals("FederatedUser", in: buffer) || type.equals("IdentityCenterUser", in: buffer)
    {
      if let tail = arn?.afterLast(UInt8(ascii: "/"), in: buffer) { return tail }
      return principalId.map { id in id.afterLast(UInt8(ascii: ":"), in: buffer) ?? id }
    }
    return invokedBy
  }
}

/// Event history's `ResourceName`, derived from a record's `resources[].ARN`.
///
/// AWS does not say how it derives names (spec §2.2 OPEN). TrailDeck takes the ARN's resource part and,
/// for every service but S3, drops the resource-type prefix before the last `/` (so
/// `arn:aws:iam::1:role/path/Admin` → `Admin`, `arn:aws:ec2:…:instance/i-0abc` → `i-0abc`); S3 keeps
/// `bucket` or `bucket/key`. A value that is not an ARN is used as it is.
enum ResourceNameRule {
  /// The rule on a scanned value: the name is a part of the ARN, so it stays where it lies.
  static func name(fromARN arn: FieldText, in buffer: UnsafeRawBufferPointer) -> FieldText? {
    switch arn {
    case .decoded(let text): return name(fromARN: text).map(FieldText.decoded)
    case .raw(let range):
      guard let part = namePart(UnsafeRawBufferPointer(rebasing: buffer[range])) else { return nil }
      return .raw((range.lowerBound + part.lowerBound)..<(range.lowerBound + part.upperBound))
    }
  }

  static func name(fromARN arn: String) -> String? {
    var arn = arn
    return arn.withUTF8 { bytes in
      namePart(UnsafeRawBufferPointer(bytes)).map {
        String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[$0]), as: UTF8.self)
      }
    }
  }

  /// Where the name lies in an ARN's bytes; nil for an empty ARN.
  static func namePart(_ bytes: UnsafeRawBufferPointer) -> Range<Int>? {
    guard !bytes.isEmpty else { return nil }
    guard bytes.starts(with: "arn:".utf8) else { return bytes.indices }
    // arn:partition:service:region:account:resource: the second, third and fifth colons matter.
    var colons = 0
    var second = 0
    var third = 0
    var fifth = 0
    var index = 0
    while index != bytes.count && colons < 5 {
      if bytes[index] == UInt8(ascii: ":") {
        colons += 1
        if colons == 2 {
          second = index
        } else if colons == 3 {
          third = index
        } else if colons == 5 {
          fifth = index
        }
      }
      index += 1
    }
    guard colons == 5 else { return bytes.indices }
    let resource = (fifth + 1)..<bytes.count
    if bytes[(second + 1)..<third].elementsEqual("s3".utf8) { return resource }
    if let slash = bytes[resource].lastIndex(of: UInt8(ascii: "/")) { return (slash + 1)..<bytes.count }
    return resource
  }
}

extension BidirectionalCollection where Element == UInt8 {
  /// The elements after the last `byte`, or nil when there is none.
  func afterLast(_ byte: UInt8) -> SubSequence? {
    guard let position = lastIndex(of: byte) else { return nil }
    return self[index(after: position)...]
  }
}
