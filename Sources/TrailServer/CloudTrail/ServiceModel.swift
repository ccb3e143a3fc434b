import Foundation
import TrailCore

/// The parts of a service model (botocore's `service-2.json`) that requests are checked against:
/// each operation's input shape and modelled errors, each shape's type, members, required members
/// and ranges. Built once from the subset `scripts/gen_model_constraints.py` embeds.
public struct ServiceModel: Sendable {
  /// One shape: `structure`, `list`, `map`, `string`, `integer`, `long`, `boolean`, `timestamp`,
  /// `blob`, `double`, `float`.
  public struct Shape: Sendable {
    public var type: String
    public var members: [(name: String, shape: String)] = []
    public var required: Set<String> = []
    public var min: Double?
    public var max: Double?
    /// The element shape of a list, the value shape of a map.
    public var member: String?
    public var key: String?
  }

  /// One operation: its input shape and the names of the errors it may return.
  public struct Operation: Sendable {
    public var input: String?
    public var errors: Set<String>
  }

  public var targetPrefix: String
  public var operations: [String: Operation]
  public var shapes: [String: Shape]

  /// CloudTrail's model.
  public static let cloudTrail = ServiceModel(json: modelJSON)

  /// Reads the embedded subset; it is generated, so a malformed one is a build defect.
  init(json text: String) {
    guard let root = try? JSONValue(parsing: text) else {
      preconditionFailure("the embedded service model is not JSON: re-run scripts/gen_model_constraints.py")
    }
    targetPrefix = root["metadata"]?["targetPrefix"]?.stringValue ?? ""
    var operations: [String: Operation] = [:]
    for name in root["operations"]?.keys ?? [] {
      let entry = root["operations"]?[name]
      operations[name] = Operation(
        input: entry?["input"]?.stringValue,
        errors: Set(entry?["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []))
    }
    var shapes: [String: Shape] = [:]
    for name in root["shapes"]?.keys ?? [] {
      guard let entry = root["shapes"]?[name] else { continue }
      var shape = Shape(type: entry["type"]?.stringValue ?? "structure")
      if case .object(let members)? = entry["members"] {
        shape.members = members.map { (name: $0.key, shape: $0.value.stringValue ?? "") }
      }
      shape.required = Set(entry["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
      shape.min = entry["min"]?.numberValue
      shape.max = entry["max"]?.numberValue
      shape.member = entry["member"]?.stringValue ?? entry["value"]?.stringValue
      shape.key = entry["key"]?.stringValue
      shapes[name] = shape
    }
    self.operations = operations
    self.shapes = shapes
  }
}

extension JSONValue {
  var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }
  var numberValue: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }
}
