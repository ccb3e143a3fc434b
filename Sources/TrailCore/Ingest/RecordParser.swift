/// Extracts and checks the lookup fields of one record whose bytes start at the scanner's position.
///
/// Every field of the schema is accepted; the ones Event history and the rollups need are typed and
/// checked (a wrong type rejects the record with the field's name), the rest are skipped but still
/// validated as JSON. Unknown fields stay in the raw record untouched.
enum RecordParser {
  static func parse(_ scanner: inout JSONScanner) throws(JSONScanner.SyntaxError) -> Result<
    ParsedRecord, RecordProblem
  > {
    guard try scanner.peekKind() == .object else {
      let kind = try scanner.peekKind()
      try scanner.skipValue()
      return .failure(RecordProblem(field: nil, reason: "expected a record object, found \(kind.noun)"))
    }
    var fields = RawFields()
    var problem: RecordProblem?
    try scanner.forEachMember { (s: inout JSONScanner, key: Range<Int>) throws(JSONScanner.SyntaxError) in
      if problem != nil {
        try s.skipValue()
        return
      }
      problem = try fields.read(key: key, from: &s)
    }
    if let problem { return .failure(problem) }
    return fields.finish()
  }
}

/// Field values as found, before the record-level rules (required fields, derived values) apply.
private struct RawFields {
  var eventVersion: String?
  var eventTime: String?
  var eventTimeKind: JSONScanner.ValueKind?
  var eventID: String?
  var eventIDKind: JSONScanner.ValueKind?
  var eventName: String?
  var eventSource: String?
  var awsRegion: String?
  var eventType: String?
  var eventCategory: String?
  var managementEvent: Bool?
  var readOnly: Bool?
  var errorCode: String?
  var sourceIPAddress: String?
  var recipientAccountId: String?
  var identity = IdentityFields()
  var resources: [EventResource] = []
  var insightEventName: String?
  var insightEventSource: String?

  /// Reads the value of `key` (consuming it); returns a problem for a wrongly typed field.
  mutating func read(key: Range<Int>, from s: inout JSONScanner) throws(JSONScanner.SyntaxError)
    -> RecordProblem?
  {
    func string(_ name: String) throws(JSONScanner.SyntaxError) -> Result<String?, RecordProblem> {
      let kind = try s.peekKind()
      switch kind {
      case .string: return .success(try s.readString())
      case .null:
        try s.skipValue()
        return .success(nil)
      default:
        try s.skipValue()
        return .failure(
          RecordProblem(field: name, reason: "field \(name): expected a string, found \(kind.noun)"))
      }
    }
    func assign(_ name: String, _ target: inout String?) throws(JSONScanner.SyntaxError) -> RecordProblem? {
      switch try string(name) {
      case .success(let value):
        target = value
        return nil
      case .failure(let problem): return problem
      }
    }
    // Dispatch on the first byte, then the whole key, to keep the common path cheap.
    switch s.bytes[key.lowerBound] {
    case UInt8(ascii: "e"):
      if s.rawEquals(key, "eventTime") {
        eventTimeKind = try s.peekKind()
        if eventTimeKind == .string { eventTime = try s.readString() } else { try s.skipValue() }
        return nil
      }
      if s.rawEquals(key, "eventID") {
        eventIDKind = try s.peekKind()
        if eventIDKind == .string { eventID = try s.readString() } else { try s.skipValue() }
        return nil
      }
      if s.rawEquals(key, "eventName") { return try assign("eventName", &eventName) }
      if s.rawEquals(key, "eventSource") { return try assign("eventSource", &eventSource) }
      if s.rawEquals(key, "eventType") { return try assign("eventType", &eventType) }
      if s.rawEquals(key, "eventCategory") { return try assign("eventCategory", &eventCategory) }
      if s.rawEquals(key, "eventVersion") { return try assign("eventVersion", &eventVersion) }
      if s.rawEquals(key, "errorCode") { return try assign("errorCode", &errorCode) }
    case UInt8(ascii: "a"):
      if s.rawEquals(key, "awsRegion") { return try assign("awsRegion", &awsRegion) }
    case UInt8(ascii: "s"):
      if s.rawEquals(key, "sourceIPAddress") { return try assign("sourceIPAddress", &sourceIPAddress) }
    case UInt8(ascii: "r"):
      if s.rawEquals(key, "readOnly") { return try readFlag("readOnly", &readOnly, &s) }
      if s.rawEquals(key, "recipientAccountId") {
        return try assign("recipientAccountId", &recipientAccountId)
      }
      if s.rawEquals(key, "resources") { return try readResources(&s) }
    case UInt8(ascii: "m"):
      if s.rawEquals(key, "managementEvent") { return try readFlag("managementEvent", &managementEvent, &s) }
    case UInt8(ascii: "u"):
      if s.rawEquals(key, "userIdentity") {
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
    case UInt8(ascii: "i"):
      if s.rawEquals(key, "insightDetails"), try s.peekKind() == .object {
        try s.forEachMember { (s: inout JSONScanner, key: Range<Int>) throws(JSONScanner.SyntaxError) in
          if s.rawEquals(key, "eventName"), try s.peekKind() == .string {
            insightEventName = try s.readString()
          } else if s.rawEquals(key, "eventSource"), try s.peekKind() == .string {
            insightEventSource = try s.readString()
          } else {
            try s.skipValue()
          }
        }
        return nil
      }
    default: break
    }
    try s.skipValue()
    return nil
  }

  /// Booleans; some producers write them as the strings "true"/"false", which are accepted too.
  func readFlag(_ name: String, _ target: inout Bool?, _ s: inout JSONScanner) throws(JSONScanner.SyntaxError)
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
    var found: [EventResource] = []
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
      var arn: String?
      var type: String?
      try s.forEachMember { (s: inout JSONScanner, key: Range<Int>) throws(JSONScanner.SyntaxError) in
        if s.rawEquals(key, "ARN"), try s.peekKind() == .string {
          arn = try s.readString()
        } else if s.rawEquals(key, "type"), try s.peekKind() == .string {
          type = try s.readString()
        } else {
          try s.skipValue()
        }
      }
      if let arn, let name = ResourceNameRule.name(fromARN: arn) {
        found.append(EventResource(type: type, name: name))
      } else if let type {
        found.append(EventResource(type: type, name: ""))
      }
    }
    resources = found
    return problem
  }

  func finish() -> Result<ParsedRecord, RecordProblem> {
    guard let eventTimeKind else {
      return .failure(RecordProblem(field: "eventTime", reason: "missing eventTime"))
    }
    guard eventTimeKind == .string, let eventTime else {
      return .failure(
        RecordProblem(
          field: "eventTime", reason: "field eventTime: expected a string, found \(eventTimeKind.noun)"))
    }
    guard let seconds = ISO8601Time.parse(eventTime) else {
      return .failure(
        RecordProblem(
          field: "eventTime",
          reason: "field eventTime: \"\(eventTime)\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SSZ)")
      )
    }
    let id: String
    switch (eventIDKind, eventID) {
    case (.string, let value?) where !value.isEmpty: id = value
    case (nil, _):
      // eventVersion 1.0 predates eventID; such records get a stable id derived from their content.
      guard eventVersion == "1.0" else {
        return .failure(RecordProblem(field: "eventID", reason: "missing eventID"))
      }
      id = ""
    case (.string, _): return .failure(RecordProblem(field: "eventID", reason: "field eventID: empty string"))
    case (let kind?, _):
      return .failure(
        RecordProblem(field: "eventID", reason: "field eventID: expected a string, found \(kind.noun)"))
    }
    let type = eventType ?? "AwsApiCall"
    let category: EventCategory
    if let eventCategory {
      category = EventCategory(recordValue: eventCategory)
    } else if type == "AwsCloudTrailInsight" {
      category = .insight
    } else {
      category = managementEvent == false ? .data : .management
    }
    return .success(
      ParsedRecord(
        eventTime: seconds, eventID: id, eventName: eventName ?? insightEventName ?? "",
        eventSource: eventSource ?? insightEventSource ?? "", awsRegion: awsRegion ?? "", eventType: type,
        category: category, readOnly: readOnly, errorCode: errorCode, sourceIPAddress: sourceIPAddress,
        accountId: recipientAccountId ?? identity.accountId, username: identity.username,
        accessKeyId: identity.accessKeyId.flatMap { $0.isEmpty ? nil : $0 }, resources: resources))
  }
}
