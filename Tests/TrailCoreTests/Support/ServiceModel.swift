import Foundation
import Testing

@testable import TrailCore

/// CloudTrail's service model (botocore's `service-2.json`, copied into Fixtures) and a check that a Swift
/// shape type reads and writes exactly the model's members, with the model's types, in the model's order.
///
/// One line per operation: `try ServiceModel.check("LookupEvents", request: …, response: …)`.
enum ServiceModel {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/botocore-models/cloudtrail/service-2.json").path

  /// Parsed once; order-preserving, because member order is half of what is checked.
  static let model: Result<JSONValue, any Error> = Result {
    try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// cloudtrail-data's model (PutAuditEvents), beside CloudTrail's.
  static let dataModel: Result<JSONValue, any Error> = Result {
    try JSONValue(
      parsing: try Data(
        contentsOf: URL(
          fileURLWithPath: path.replacingOccurrences(of: "/cloudtrail/", with: "/cloudtrail-data/"))))
  }

  /// A fixed epoch second for timestamps: a whole number, so JSON 1.1 writes it as an integer.
  static let epoch: Int64 = 1_709_294_400

  /// Records an issue (at the caller's line) for every way `request` and `response` differ from the
  /// operation's input and output shapes; an operation without input or output skips that side.
  static func check<Request: Codable, Response: Codable>(
    _ operation: String, request: Request.Type, response: Response.Type, service: String = "cloudtrail",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let model = try (service == "cloudtrail-data" ? dataModel : self.model).get()
    let op = try #require(
      model["operations"]?[operation], "no operation \(operation)", sourceLocation: sourceLocation)
    var problems: [String] = []
    if let input = op["input"]?["shape"], case .string(let name) = input {
      problems += try self.problems(shape: name, type: Request.self, shapes: model["shapes"])
    }
    if let output = op["output"]?["shape"], case .string(let name) = output {
      problems += try self.problems(shape: name, type: Response.self, shapes: model["shapes"])
    }
    for problem in problems { Issue.record("\(operation): \(problem)", sourceLocation: sourceLocation) }
  }

  /// The differences between the model's shape `name` and `type`, as readable sentences; empty when
  /// `type` decodes the maximal instance and re-encodes it unchanged, members in model order.
  static func problems<T: Codable>(shape name: String, type: T.Type, shapes: JSONValue? = nil) throws
    -> [String]
  {
    let shapes = try #require(try shapes ?? model.get()["shapes"])
    guard let instance = maximalInstance(of: name, shapes: shapes, enclosing: []) else {
      return ["shape \(name) has no instance"]
    }
    let decoded: T
    do {
      decoded = try ShapeDecoder().decode(T.self, from: instance)
    } catch {
      return ["\(T.self) cannot read the maximal \(name): \(error)"]
    }
    let encoded = try ShapeEncoder(.epochSeconds).encode(decoded)
    var problems: [String] = []
    compareMembers(instance, encoded, at: name, into: &problems)
    if problems.isEmpty { compareOrder(instance, encoded, at: name, into: &problems) }
    return problems
  }

  /// Every member present, lists and maps with one entry, scalars with a fixed value of their type.
  /// A structure inside itself is expanded twice at most; deeper, the member is left out (`nil`).
  static func maximalInstance(of name: String, shapes: JSONValue, enclosing: [String]) -> JSONValue? {
    guard let shape = shapes[name], case .string(let type)? = shape["type"] else { return nil }
    func member(_ key: String) -> String? {
      if case .string(let target)? = shape[key]?["shape"] { return target }
      return nil
    }
    switch type {
    case "structure":
      guard enclosing.filter({ $0 == name }).count < 2, case .object(let members)? = shape["members"] else {
        return nil
      }
      return .object(
        members.compactMap { member in
          guard case .string(let target)? = member.value["shape"],
            let value = maximalInstance(of: target, shapes: shapes, enclosing: enclosing + [name])
          else { return nil }
          return (key: member.key, value: value)
        })
    case "list":
      let item = member("member").flatMap { maximalInstance(of: $0, shapes: shapes, enclosing: enclosing) }
      return .array(item.map { [$0] } ?? [])
    case "map":
      guard
        case .string(let key)? = member("key").flatMap({
          maximalInstance(of: $0, shapes: shapes, enclosing: [])
        }),
        let value = member("value").flatMap({ maximalInstance(of: $0, shapes: shapes, enclosing: enclosing) })
      else { return .object([]) }
      return .object([(key: key, value: value)])
    case "string":
      if case .array(let values)? = shape["enum"], let first = values.first { return first }
      return .string("x")
    case "integer", "long": return .integer(1)
    case "boolean": return .bool(true)
    case "double", "float": return .double(1.5)
    case "timestamp": return .integer(epoch)
    case "blob": return .string(Data("x".utf8).base64EncodedString())
    default: return nil
    }
  }

  /// Same members, same values, same JSON types, whatever the order.
  static func compareMembers(
    _ expected: JSONValue, _ actual: JSONValue, at path: String, into problems: inout [String]
  ) {
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
      for member in e {
        if let value = actual[member.key] {
          compareMembers(member.value, value, at: "\(path).\(member.key)", into: &problems)
        } else {
          problems.append("\(path).\(member.key) is lost (the Swift type has no such member)")
        }
      }
      for member in a where expected[member.key] == nil {
        problems.append("\(path).\(member.key) is written but the model has no such member")
      }
    case (.array(let e), .array(let a)) where e.count == a.count:
      for (i, pair) in zip(e, a).enumerated() {
        compareMembers(pair.0, pair.1, at: "\(path)[\(i)]", into: &problems)
      }
    default:
      if expected != actual {
        problems.append(
          "\(path) is \(actual.compactText()) after the round trip; the model's instance is \(expected.compactText())"
        )
      }
    }
  }

  /// Members of every object in the model's order (the instance's order).
  static func compareOrder(
    _ expected: JSONValue, _ actual: JSONValue, at path: String, into problems: inout [String]
  ) {
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
      if a.map(\.key) != e.map(\.key) {
        problems.append("\(path) writes members as \(a.map(\.key)); the model's order is \(e.map(\.key))")
      }
      for member in e {
        if let value = actual[member.key] {
          compareOrder(member.value, value, at: "\(path).\(member.key)", into: &problems)
        }
      }
    case (.array(let e), .array(let a)):
      for (i, pair) in zip(e, a).enumerated() {
        compareOrder(pair.0, pair.1, at: "\(path)[\(i)]", into: &problems)
      }
    default: break
    }
  }
}
