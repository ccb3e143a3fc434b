import Foundation
import TrailCore

/// Checks a JSON 1.1 request body against the operation's input shape before it is decoded, so a bad
/// request gets the model's error instead of a decoding failure:
///
/// - a value of the wrong JSON type (a string where the model has an integer, an array where it has a
///   structure) is `SerializationException`, naming the member's path;
/// - a missing required member, a string or list outside its length range, a number outside its
///   range are `ValidationException`, worded as AWS words them ("1 validation error detected: Value
///   '100' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to
///   50").
///
/// The ranges of a top-level member whose own exception the operation models (`MaxResults` when it lists
/// `InvalidMaxResultsException`, a trail `Name` when it lists `InvalidTrailNameException`, …) are left to
/// the operation, which checks them with CloudTrail's more specific error and text; its type and
/// presence are still checked here (a missing required member is always `ValidationException`). Enum values and
/// patterns are also the operation's: CloudTrail answers them with its own exceptions. Unknown members
/// are ignored, as AWS's JSON services ignore them.
public struct RequestValidation: Sendable {
  public let model: ServiceModel

  public init(model: ServiceModel) { self.model = model }

  /// The members an operation checks itself when it models the exception named beside them.
  static let checkedByOperation: [String: [String]] = [
    "MaxResults": ["InvalidMaxResultsException"],
    "MaxQueryResults": ["InvalidMaxResultsException"],
    "NextToken": ["InvalidNextTokenException", "InvalidTokenException"],
    "Name": ["InvalidTrailNameException"],
    "TrailName": ["InvalidTrailNameException"],
    "trailNameList": ["InvalidTrailNameException"],
    "ResourceId": ["InvalidTrailNameException"],
    "ResourceIdList": ["InvalidTrailNameException"],
    "S3BucketName": ["InvalidS3BucketNameException"],
    "S3KeyPrefix": ["InvalidS3PrefixException"],
    "SnsTopicName": ["InvalidSnsTopicNameException"],
    "KmsKeyId": ["InvalidKmsKeyIdException"],
    "CloudWatchLogsLogGroupArn": ["InvalidCloudWatchLogsLogGroupArnException"],
    "CloudWatchLogsRoleArn": ["InvalidCloudWatchLogsRoleArnException"],
    "StartTime": ["InvalidTimeRangeException"],
    "EndTime": ["InvalidTimeRangeException"],
    "EventSelectors": ["InvalidEventSelectorsException"],
    "AdvancedEventSelectors": ["InvalidEventSelectorsException"],
    "InsightSelectors": ["InvalidInsightSelectorsException"],
    "TagsList": ["InvalidTagParameterException"],
    "LookupAttributes": ["InvalidLookupAttributesException"],
    "EventCategory": ["InvalidEventCategoryException"],
  ]

  /// Checks `body` for `operation`; throws the first `ServiceError` it finds (type errors) or one
  /// listing every constraint broken.
  public func validate(_ body: JSONValue, operation: String) throws(ServiceError) {
    guard let entry = model.operations[operation] else { return }
    guard let input = entry.input else { return }
    guard case .object = body else {
      throw ServiceError(
        "SerializationException", "The request body must be a JSON object (the \(input) structure).")
    }
    var problems: [String] = []
    try check(body, shape: input, path: "", problems: &problems) { member in
      let owners = Self.checkedByOperation[member] ?? []
      return owners.contains { entry.errors.contains($0) }
    }
    guard problems.isEmpty else {
      let count = problems.count
      throw ServiceError(
        "ValidationException",
        "\(count) validation error\(count == 1 ? "" : "s") detected: " + problems.joined(separator: "; "))
    }
  }

  /// Checks `value` against shape `name` at `path`; `skipping(member)` says whether a top-level member
  /// is the operation's to check.
  private func check(
    _ value: JSONValue, shape name: String, path: String, problems: inout [String], checksRanges: Bool = true,
    skipping: (String) -> Bool = { _ in false }
  ) throws(ServiceError) {
    guard let shape = model.shapes[name] else { return }
    if case .null = value { return }
    let at = path.isEmpty ? "the request" : "'\(path)'"
    func mismatch(_ expected: String) -> ServiceError {
      ServiceError(
        "SerializationException",
        "Expected \(expected) at \(at) (shape \(name)); got \(value.kindNoun).")
    }
    switch shape.type {
    case "structure":
      guard case .object(let members) = value else { throw mismatch("a JSON object") }
      for (member, memberShape) in shape.members {
        let memberPath = path.isEmpty ? Self.lowerCamel(member) : path + "." + Self.lowerCamel(member)
        let given = members.first { $0.key == member }?.value
        let isSkipped = path.isEmpty && skipping(member)
        guard let given, given != .null else {
          // Even a member the operation checks itself: its absence never reaches the operation (the
          // request does not decode without it), so it is the model's ValidationException.
          if shape.required.contains(member) {
            problems.append(
              "Value null at '\(memberPath)' failed to satisfy constraint: Member must not be null")
          }
          continue
        }
        try check(
          given, shape: memberShape, path: memberPath, problems: &problems,
          checksRanges: checksRanges && !isSkipped)
      }
    case "list":
      guard case .array(let items) = value else { throw mismatch("a JSON array") }
      if checksRanges { checkRange(Double(items.count), shape, value, path, "length", &problems) }
      for (index, item) in items.enumerated() {
        try check(
          item, shape: shape.member ?? "", path: "\(path).\(index + 1).member", problems: &problems,
          checksRanges: checksRanges)
      }
    case "map":
      guard case .object(let entries) = value else { throw mismatch("a JSON object") }
      if checksRanges { checkRange(Double(entries.count), shape, value, path, "length", &problems) }
      for entry in entries {
        try check(
          entry.value, shape: shape.member ?? "", path: "\(path).\(entry.key)", problems: &problems,
          checksRanges: checksRanges)
      }
    case "string":
      guard case .string(let text) = value else { throw mismatch("a string") }
      if checksRanges { checkRange(Double(text.count), shape, value, path, "length", &problems) }
    case "blob":
      guard case .string(let text) = value else { throw mismatch("a base64 string") }
      guard Data(base64Encoded: text) != nil else { throw mismatch("valid base64") }
    case "boolean":
      guard case .bool = value else { throw mismatch("true or false") }
    case "integer", "long":
      guard case .integer(let number) = value else { throw mismatch("an integer") }
      if checksRanges { checkRange(Double(number), shape, value, path, "value", &problems) }
    case "double", "float":
      guard let number = value.numberValue else { throw mismatch("a number") }
      if checksRanges { checkRange(number, shape, value, path, "value", &problems) }
    case "timestamp":
      switch value {
      case .integer, .double: break
      case .string(let text) where ShapeDecoder.parseTimestamp(text) != nil: break
      default: throw mismatch("a timestamp (epoch seconds)")
      }
    default:
      break
    }
  }

  private func checkRange(
    _ measure: Double, _ shape: ServiceModel.Shape, _ value: JSONValue, _ path: String, _ what: String,
    _ problems: inout [String]
  ) {
    let shown = Self.shown(value)
    if let min = shape.min, measure < min {
      let bound = what == "length" ? "length greater than or equal to" : "value greater than or equal to"
      problems.append(
        "Value \(shown) at '\(path)' failed to satisfy constraint: Member must have \(bound) \(Self.number(min))"
      )
    }
    if let max = shape.max, measure > max {
      let bound = what == "length" ? "length less than or equal to" : "value less than or equal to"
      problems.append(
        "Value \(shown) at '\(path)' failed to satisfy constraint: Member must have \(bound) \(Self.number(max))"
      )
    }
  }

  /// `MaxResults` → `maxResults`, as AWS names members in validation messages.
  static func lowerCamel(_ name: String) -> String {
    guard let first = name.first else { return name }
    return first.lowercased() + name.dropFirst()
  }

  static func number(_ value: Double) -> String {
    value.rounded() == value ? String(Int64(value)) : String(value)
  }

  /// The value as the message quotes it: strings and numbers in quotes, containers by their size.
  static func shown(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): "'\(text.count > 64 ? String(text.prefix(64)) + "…" : text)'"
    case .integer(let number): "'\(number)'"
    case .double(let number): "'\(number)'"
    case .array(let items): "of \(items.count) items"
    case .object(let members): "of \(members.count) entries"
    default: "'\(value.compactText())'"
    }
  }

}
