import Foundation

/// Reads the files AWS Config delivers to its bucket — configuration history
/// (`AWSLogs/ACCOUNT/Config/REGION/YYYY/M/D/ConfigHistory/ACCOUNT_Config_REGION_ConfigHistory_TYPE_TIME_….json.gz`)
/// and configuration snapshots (`…/ConfigSnapshot/…`) — as Lake's configuration items.
///
/// A file is `{"fileVersion":"1.0", "configSnapshotId"?, "configurationItems":[…]}`; each item carries
/// AWS Config's fields (`configurationItemCaptureTime`, `configurationStateId` — a number in files —,
/// `awsAccountId`, `resourceType`, `resourceId`, `ARN`, `relationships[].name`, …). Each good item
/// becomes a `ConfigurationItemRecord` and the file goes on as JSON Lines of those records, so the
/// journal, de-duplication by eventID (derived from account, type, id and state id: an item seen in a
/// snapshot and in a history file is stored once) and the event data stores' selectors treat it as
/// any log file. A bad item is reported naming the file, the item (`record N`, from 1) and the field;
/// the file's other items still load.
enum ConfigFileReader {
  /// Whether `path` (or, for a renamed file, its text) is an AWS Config history or snapshot file.
  static func isConfigFile(path: String, text: [UInt8]) -> Bool {
    let name = (path as NSString).lastPathComponent
    if name.contains("_Config_"), name.contains("_ConfigHistory_") || name.contains("_ConfigSnapshot_") {
      return true
    }
    // AWS Config writes `fileVersion` first; CloudTrail's files start with `Records` or a record.
    var i = 0
    while i < text.count, [0x20, 0x0A, 0x0D, 0x09].contains(text[i]) { i += 1 }
    guard i < text.count, text[i] == UInt8(ascii: "{") else { return false }
    i += 1
    while i < text.count, [0x20, 0x0A, 0x0D, 0x09].contains(text[i]) { i += 1 }
    let key = Array("\"fileVersion\"".utf8)
    return text.count >= i + key.count && text[i..<(i + key.count)].elementsEqual(key)
  }

  /// The file's items as a parsed file of configuration-item records (`size` and `hash` are the
  /// delivered file's, which the journal keeps).
  static func parse(text: [UInt8], path: String, size: Int, hash: String) -> ParsedFile {
    func rejected(_ reason: String) -> ParsedFile {
      ParsedFile(
        path: path, size: size, contentHash: hash, kind: .rejected, text: [], records: [], rawRanges: [],
        problems: [
          Diagnostic(
            code: "InvalidLogFile", summary: "cannot read AWS Config file", location: .init(path: path),
            reason: reason)
        ])
    }
    let document: JSONValue
    do {
      document = try JSONValue(parsing: text)
    } catch {
      return rejected("not valid JSON: \(error)")
    }
    guard case .array(let items)? = document["configurationItems"] else {
      return rejected(
        "not an AWS Config history or snapshot file: expected {\"fileVersion\":…, \"configurationItems\":[…]}"
      )
    }
    var lines: [UInt8] = []
    var problems: [Diagnostic] = []
    for (index, item) in items.enumerated() {
      switch configurationItem(item) {
      case .success(let record):
        lines += record.json
        lines.append(0x0A)
      case .failure(let problem):
        problems.append(
          Diagnostic(
            code: "InvalidRecord", summary: "cannot read configuration item",
            location: .init(path: path, record: index + 1, field: problem.field), reason: problem.reason,
            help: "fix or drop that item; the file's other configuration items were read"))
      }
    }
    var file =
      lines.isEmpty
      // A file of no (good) items is still a Config file read: nothing to store.
      ? ParsedFile(
        path: path, size: size, contentHash: hash, kind: .events, text: [], records: [], rawRanges: [],
        problems: [])
      : LogFileReader.parseEvents(text: lines, path: path, size: size, hash: hash)
    file.isConfigurationItems = true
    file.problems = problems + file.problems
    return file
  }

  /// What is wrong with an item: the field and why.
  struct Problem: Error, Equatable {
    var field: String
    var reason: String
  }

  /// One item of a delivered file as Lake's record.
  static func configurationItem(_ item: JSONValue) -> Result<ConfigurationItemRecord, Problem> {
    do {
      return .success(try read(item))
    } catch let problem as Problem {
      return .failure(problem)
    } catch {
      return .failure(Problem(field: "", reason: "\(error)"))
    }
  }

  private static func read(_ item: JSONValue) throws -> ConfigurationItemRecord {
    guard case .object = item else {
      throw Problem(
        field: "configurationItems",
        reason: "expected a configuration item (an object), found \(item.kindNoun)")
    }
    func text(_ names: String..., required: Bool = false) throws -> String? {
      for name in names {
        switch item[name] {
        case nil, .null?: continue
        case .string(let value)?: return value
        case let other?:
          throw Problem(field: name, reason: "field \(name): expected a string, found \(other.kindNoun)")
        }
      }
      if required { throw Problem(field: names[0], reason: "missing \(names[0])") }
      return nil
    }
    func time(_ name: String, required: Bool) throws -> Int64? {
      switch item[name] {
      case nil, .null?:
        if required { throw Problem(field: name, reason: "missing \(name)") }
        return nil
      case .string(let value)?:
        guard let ms = ISO8601Time.parseMilliseconds(value) else {
          throw Problem(
            field: name,
            reason: "field \(name): \"\(value)\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SS.sssZ)")
        }
        return ms
      // The API (GetResourceConfigHistory) gives times as epoch seconds.
      case .integer(let seconds)?: return seconds * 1000
      case .double(let seconds)?: return Int64((seconds * 1000).rounded())
      case let other?:
        throw Problem(field: name, reason: "field \(name): expected a time, found \(other.kindNoun)")
      }
    }
    let accountId = try text("awsAccountId", "accountId", required: true)!
    guard accountId.count == 12, accountId.allSatisfy(\.isASCII), accountId.allSatisfy(\.isNumber) else {
      throw Problem(
        field: "awsAccountId", reason: "field awsAccountId: \"\(accountId)\" is not a 12-digit account ID")
    }
    let capture = try time("configurationItemCaptureTime", required: true)!
    let statusText = try text("configurationItemStatus") ?? ConfigurationItemRecord.Status.ok.rawValue
    guard let status = ConfigurationItemRecord.Status(rawValue: statusText) else {
      throw Problem(
        field: "configurationItemStatus",
        reason:
          "field configurationItemStatus: \"\(statusText)\" is not one of \(ConfigurationItemRecord.Status.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let stateId: String?
    switch item["configurationStateId"] {
    case nil, .null?: stateId = nil
    case .integer(let n)?: stateId = String(n)
    case .string(let s)?: stateId = s
    case let other?:
      throw Problem(
        field: "configurationStateId",
        reason: "field configurationStateId: expected a number, found \(other.kindNoun)")
    }
    let resourceType = try text("resourceType", required: true)!
    let resourceId = try text("resourceId", required: true)!
    let region = try text("awsRegion", required: true)!
    let zone = try text("availabilityZone")
    return ConfigurationItemRecord(
      captureTime: capture, status: status, stateId: stateId, accountId: accountId,
      resourceType: resourceType, resourceId: resourceId, resourceName: try text("resourceName"),
      arn: try text("ARN", "arn"), awsRegion: region, availabilityZone: zone == "Not Applicable" ? nil : zone,
      resourceCreationTime: try time("resourceCreationTime", required: false),
      configuration: configuration(item["configuration"]),
      supplementaryConfiguration: try supplementary(item["supplementaryConfiguration"]),
      relatedEvents: try relatedEvents(item["relatedEvents"]),
      relationships: try relationships(item["relationships"]),
      tags: try tags(item["tags"]),
      itemVersion: try text("configurationItemVersion") ?? ConfigurationItemRecord.itemVersion)
  }

  /// `configuration` as the resource's JSON: the API's JSON-encoded text is decoded; files hold the object.
  private static func configuration(_ value: JSONValue?) -> JSONValue {
    guard let value else { return .null }
    if case .string(let text) = value, let decoded = try? JSONValue(parsing: Array(text.utf8)) {
      return decoded
    }
    return value
  }

  private static func supplementary(_ value: JSONValue?) throws -> JSONValue {
    switch value {
    case nil, .null?: return .object([])
    case .object?: return value!
    case let other?:
      throw Problem(
        field: "supplementaryConfiguration",
        reason: "field supplementaryConfiguration: expected an object, found \(other.kindNoun)")
    }
  }

  private static func relatedEvents(_ value: JSONValue?) throws -> [String] {
    switch value {
    case nil, .null?: return []
    case .array(let items)?:
      return try items.enumerated().map { i, element in
        guard case .string(let id) = element else {
          throw Problem(
            field: "relatedEvents[\(i)]",
            reason:
              "field relatedEvents[\(i)]: expected a CloudTrail eventID (a string), found \(element.kindNoun)"
          )
        }
        return id
      }
    case let other?:
      throw Problem(
        field: "relatedEvents", reason: "field relatedEvents: expected an array, found \(other.kindNoun)")
    }
  }

  private static func relationships(_ value: JSONValue?) throws -> [ConfigurationItemRecord.Relationship] {
    switch value {
    case nil, .null?: return []
    case .array(let items)?:
      return try items.enumerated().map { i, element in
        let field = "relationships[\(i)]"
        guard case .object = element else {
          throw Problem(field: field, reason: "field \(field): expected an object, found \(element.kindNoun)")
        }
        // Delivered files say `name`, the API `relationshipName`.
        guard let name = (element["name"] ?? element["relationshipName"])?.stringValue else {
          throw Problem(
            field: "\(field).name", reason: "field \(field).name: missing the relationship's name")
        }
        guard let type = element["resourceType"]?.stringValue else {
          throw Problem(field: "\(field).resourceType", reason: "field \(field).resourceType: missing")
        }
        return .init(
          name: name, resourceType: type, resourceId: element["resourceId"]?.stringValue,
          resourceName: element["resourceName"]?.stringValue)
      }
    case let other?:
      throw Problem(
        field: "relationships", reason: "field relationships: expected an array, found \(other.kindNoun)")
    }
  }

  private static func tags(_ value: JSONValue?) throws -> [(key: String, value: String)] {
    switch value {
    case nil, .null?: return []
    case .object(let members)?:
      return try members.map { member in
        guard case .string(let text) = member.value else {
          throw Problem(
            field: "tags.\(member.key)",
            reason: "field tags.\(member.key): expected a string, found \(member.value.kindNoun)")
        }
        return (member.key, text)
      }
    case let other?:
      throw Problem(field: "tags", reason: "field tags: expected an object, found \(other.kindNoun)")
    }
  }

}
