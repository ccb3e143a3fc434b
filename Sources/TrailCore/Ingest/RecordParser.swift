/// Extracts and checks the lookup fields of one record whose bytes start at the scanner's position.
///
/// Every field of the schema is accepted; the ones Event history and the rollups need are typed and
/// checked (a wrong type rejects the record with the field's name), the rest are skipped but still
/// validated as JSON. Unknown fields stay in the raw record untouched.
enum RecordParser {
  static func parse(_ scanner: inout JSONScanner) throws(JSONScanner.SyntaxError) -> Result<
    ScannedRecord, RecordProblem
  > {
    guard try scanner.peekKind() == .object else {
      let kind = try scanner.peekKind()
      try scanner.skipValue()
      return .failure(RecordProblem(field: nil, reason: "expected a record object, found \(kind.noun)"))
    }
    var fields = RawFields()
    var problem: RecordProblem?
    var more = try scanner.beginObject()
    while more {
      let key = try scanner.memberKey()
      if problem == nil {
        problem = try fields.read(key: key, from: &scanner)
      } else {
        try scanner.skipValue()
      }
      more = try scanner.nextMember()
    }
    if let problem { return .failure(problem) }
    return fields.finish(in: scanner.bytes)
  }
}

/// Field values as found, before the record-level rules (required fields, derived values) apply.
private struct RawFields {
  var eventVersion: FieldText?
  var eventTime: FieldText?
  var eventTimeKind: JSONScanner.ValueKind?
  var eventID: FieldText?
  var eventIDKind: JSONScanner.ValueKind?
  var eventName: FieldText?
  var eventSource: FieldText?
  var awsRegion: FieldText?
  var eventType: FieldText?
  var eventCategory: FieldText?
  var managementEvent: Bool?
  var readOnly: Bool?
  var errorCode: FieldText?
  var sourceIPAddress: FieldText?
  var recipientAccountId: FieldText?
  var identity = IdentityFields()
  var resources: [ScannedResource] = []
  var resourceTypes: [ScannedResourceType] = []
  /// `resources` given twice, or in another case: Lake takes the first, or the one it matches.
  var resourcesAreUnclear = false
  var resourcesSeen = false
  /// `requestParameters` as Lake's map column reads it (see `RequestParameterPage`).
  var requestParameters = ScannedRequestParameters.none
  var requestParametersSeen = false
  /// Given twice, in another case or behind an escaped key: Lake may read another member.
  var requestParametersAreUnclear = false
  var insightEventName: FieldText?
  var insightEventSource: FieldText?
  /// `eventData`'s resource members: kept for configuration items only (see `finish`).
  var configItem = ScannedConfigItem()

  /// Reads the value of `key` (consuming it); returns a problem for a wrongly typed field.
  ///
  /// Dispatched on the key's length first: most keys of a record (`userAgent`, `requestParameters`,
  /// `responseElements`, …) are not read, and their length alone tells so.
  mutating func read(key: Range<Int>, from s: inout JSONScanner) throws(JSONScanner.SyntaxError)
    -> RecordProblem?
  {
    switch key.count {
    case 7:
      if s.rawEquals(key, "eventID") {
        eventIDKind = try s.peekKind()
        if eventIDKind == .string { eventID = try s.readField() } else { try s.skipValue() }
        return nil
      }
    case 8:
      if s.rawEquals(key, "readOnly") { return try RawFields.readFlag("readOnly", &readOnly, &s) }
    case 9:
      if s.rawEquals(key, "eventTime") {
        eventTimeKind = try s.peekKind()
        if eventTimeKind == .string { eventTime = try s.readField() } else { try s.skipValue() }
        return nil
      }
      if s.rawEquals(key, "eventName") { return try s.readText("eventName", into: &eventName) }
      if s.rawEquals(key, "awsRegion") { return try s.readText("awsRegion", into: &awsRegion) }
      if s.rawEquals(key, "eventType") { return try s.readText("eventType", into: &eventType) }
      if s.rawEquals(key, "errorCode") { return try s.readText("errorCode", into: &errorCode) }
      if s.rawEquals(key, "resources") {
        if resourcesSeen { resourcesAreUnclear = true }
        resourcesSeen = true
        return try readResources(&s)
      }
      if s.rawEqualsIgnoringCase(key, "resources") { resourcesAreUnclear = true }
      if s.rawEquals(key, "eventData") {
        try configItem.read(&s)
        return nil
      }
    case 11:
      if s.rawEquals(key, "eventSource") { return try s.readText("eventSource", into: &eventSource) }
    case 12:
      if s.rawEquals(key, "userIdentity") { return try readIdentity(&s) }
      if s.rawEquals(key, "eventVersion") { return try s.readText("eventVersion", into: &eventVersion) }
      if s.rawEqualsIgnoringCase(key, "userIdentity") { identity.arnIsUnclear = true }
    case 13:
      if s.rawEquals(key, "eventCategory") { return try s.readText("eventCategory", into: &eventCategory) }
    case 14:
      if s.rawEquals(key, "insightDetails") { return try readInsightDetails(&s) }
    case 15:
      if s.rawEquals(key, "sourceIPAddress") {
        return try s.readText("sourceIPAddress", into: &sourceIPAddress)
      }
      if s.rawEquals(key, "managementEvent") {
        return try RawFields.readFlag("managementEvent", &managementEvent, &s)
      }
    case 17:
      if s.rawEquals(key, "requestParameters") {
        if requestParametersSeen { requestParametersAreUnclear = true }
        requestParametersSeen = true
        let kind = try s.peekKind()
        let start = s.position
        try s.skipValue()
        switch kind {
        case .object: requestParameters = .object(start..<s.position)
        case .null: requestParameters = .none
        default: requestParametersAreUnclear = true
        }
        return nil
      }
      if s.rawEqualsIgnoringCase(key, "requestParameters") { requestParametersAreUnclear = true }
    case 18:
      if s.rawEquals(key, "recipientAccountId") {
        return try s.readText("recipientAccountId", into: &recipientAccountId)
      }
    default: break
    }
    // An escaped key may spell `resources` (`"resourc\u0065s"`), which Lake's parser reads.
    if key.count >= 14, s.hasBackslash(key) {
      resourcesAreUnclear = true
      if key.count > 17 { requestParametersAreUnclear = true }
    }
    try s.skipValue()
    return nil
  }

  mutating func readIdentity(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) -> RecordProblem? {
    identity.noteIdentityKey()
    let kind = try s.peekKind()
    switch kind {
    case .object: return try identity.read(&s)
    case .null:
      try s.skipValue()
      return nil
    default:
      try s.skipValue()
      return RecordProblem(
        field: "userIdentity", reason: "field userIdentity: expected an object, found \(kind.noun)")
    }
  }

  /// An Insights event names the API it is about in `insightDetails`, not at the top.
  mutating func readInsightDetails(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) -> RecordProblem? {
    guard try s.peekKind() == .object else {
      try s.skipValue()
      return nil
    }
    (insightEventName, insightEventSource) = try s.readStringMembers("eventName", "eventSource")
    return nil
  }

  /// Booleans; some producers write them as the strings "true"/"false", which are accepted too.
  /// Static: as a method, the call read `self` while writing one of its fields, which made Swift copy
  /// the whole struct for every record's `readOnly` and `managementEvent`.
  static func readFlag(_ name: String, _ target: inout Bool?, _ s: inout JSONScanner) throws(JSONScanner
    .SyntaxError)
    -> RecordProblem?
  {
    let kind = try s.peekKind()
    switch kind {
    case .bool: target = try s.readBool()
    case .null: try s.skipValue()
    case .string:
      let text = try s.readString()
      switch text.lowercased() {
      case "true": target = true
      case "false": target = false
      default:
        return RecordProblem(field: name, reason: "field \(name): expected a boolean, found \"\(text)\"")
      }
    default:
      try s.skipValue()
      return RecordProblem(field: name, reason: "field \(name): expected a boolean, found \(kind.noun)")
    }
    return nil
  }

  mutating func readResources(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) -> RecordProblem? {
    let kind = try s.peekKind()
    if kind == .null {
      try s.skipValue()
      return nil
    }
    guard kind == .array else {
      try s.skipValue()
      return RecordProblem(
        field: "resources", reason: "field resources: expected an array, found \(kind.noun)")
    }
    var problem: RecordProblem?
    var found: [ScannedResource] = []
    var types: [ScannedResourceType] = []
    try s.forEachElement { (s: inout JSONScanner) throws(JSONScanner.SyntaxError) in
      guard try s.peekKind() == .object else {
        let kind = try s.peekKind()
        try s.skipValue()
        problem =
          problem
          ?? RecordProblem(
            field: "resources", reason: "field resources: expected objects, found \(kind.noun)")
        return
      }
      let (arn, type, lakeType) = try s.readResourceMembers()
      types.append(lakeType)
      if let arn, let name = ResourceNameRule.name(fromARN: arn, in: s.bytes) {
        found.append(ScannedResource(type: type, name: name))
      } else if type != nil {
        found.append(ScannedResource(type: type, name: nil))
      }
    }
    resources = found
    resourceTypes = types
    return problem
  }

  func finish(in buffer: UnsafeRawBufferPointer) -> Result<ScannedRecord, RecordProblem> {
    guard let eventTimeKind else {
      return .failure(RecordProblem(field: "eventTime", reason: "missing eventTime"))
    }
    guard eventTimeKind == .string, let eventTime else {
      return .failure(
        RecordProblem(
          field: "eventTime", reason: "field eventTime: expected a string, found \(eventTimeKind.noun)"))
    }
    guard let seconds = eventTime.withBytes(in: buffer, { ISO8601Time.parse(bytes: $0) }) else {
      return .failure(
        RecordProblem(
          field: "eventTime",
          reason:
            "field eventTime: \"\(eventTime.string(in: buffer))\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SSZ)"
        ))
    }
    let id: FieldText?
    switch (eventIDKind, eventID) {
    case (.string, let value?) where !value.isEmpty(in: buffer): id = value
    case (nil, _):
      // eventVersion 1.0 predates eventID; such records get a stable id derived from their content.
      guard eventVersion?.equals("1.0", in: buffer) == true else {
        return .failure(RecordProblem(field: "eventID", reason: "missing eventID"))
      }
      id = nil
    case (.string, _): return .failure(RecordProblem(field: "eventID", reason: "field eventID: empty string"))
    case (let kind?, _):
      return .failure(
        RecordProblem(field: "eventID", reason: "field eventID: expected a string, found \(kind.noun)"))
    }
    let category: EventCategory
    if let eventCategory {
      // Nearly every record says Management: compared in place, without making a String.
      category =
        eventCategory.equals("Management", in: buffer)
        ? .management : EventCategory(recordValue: eventCategory.string(in: buffer))
    } else if eventType?.equals("AwsCloudTrailInsight", in: buffer) == true {
      category = .insight
    } else {
      category = managementEvent == false ? .data : .management
    }
    return .success(
      ScannedRecord(
        eventTime: seconds, eventID: id, eventName: eventName ?? insightEventName,
        eventSource: eventSource ?? insightEventSource, awsRegion: awsRegion, eventType: eventType,
        category: category, readOnly: readOnly, errorCode: errorCode, sourceIPAddress: sourceIPAddress,
        accountId: recipientAccountId ?? identity.accountId, username: identity.username(in: buffer),
        userArn: identity.arn, userArnIsUnclear: identity.arnIsUnclear,
        accessKeyId: identity.accessKeyId, resources: resources,
        resourceTypes: resourcesAreUnclear ? [.unclear] : resourceTypes,
        requestParameters: requestParametersAreUnclear ? .unclear : requestParameters,
        configItem: category == .configurationItem && configItem.identifiesResource ? configItem : nil))
  }
}

extension JSONScanner {
  /// Whether the raw text of `range` holds an escape.
  func hasBackslash(_ range: Range<Int>) -> Bool {
    bytes[range].contains(UInt8(ascii: "\\"))
  }

  /// A `resources[]` entry's `ARN` and `type` strings as `readStringMembers` reads them (the last
  /// string of each), for postings and Event history; and its `type` as Lake reads it: the first
  /// `type` member (its string, or none for null), unclear when it is not a string or null, when
  /// `type` comes twice or a key differs from it only by case.
  mutating func readResourceMembers() throws(SyntaxError) -> (
    arn: FieldText?, type: FieldText?, lakeType: ScannedResourceType
  ) {
    var arn: FieldText?
    var type: FieldText?
    var lakeType = ScannedResourceType.none
    var typeKeys = 0
    var more = try beginObject()
    while more {
      let key = try memberKey()
      if rawEquals(key, "ARN"), try peekKind() == .string {
        arn = try readField()
      } else if rawEquals(key, "type") {
        typeKeys += 1
        switch try peekKind() {
        case .string:
          let value = try readField()
          type = value
          if typeKeys == 1 { lakeType = .text(value) }
        case .null:
          try skipValue()
        default:
          try skipValue()
          lakeType = .unclear
        }
      } else {
        // A key in another case, or escaped (`"typ\u0065"` is `type` to Lake's parser).
        if rawEqualsIgnoringCase(key, "type") || hasBackslash(key) { typeKeys += 2 }
        try skipValue()
      }
      more = try nextMember()
    }
    return (arn, type, typeKeys > 1 ? .unclear : lakeType)
  }
}
