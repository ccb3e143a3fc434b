/// A JSON tree that keeps object members in the order they were written.
///
/// The aws CLI prints members in the order botocore parsed them, which is the service model's order, so a
/// dictionary (unordered in Swift) cannot stand for a CloudTrail shape; objects are a list of pairs instead.
/// Integers and doubles are separate cases because Python prints `1` and `1.0` differently.
public enum JSONValue: Equatable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number without fraction or exponent (CloudTrail's `integer`/`long`, whole epoch seconds).
  case integer(Int64)
  /// Any other number (CloudTrail's `double`/`float`, epoch seconds with a fraction).
  case double(Double)
  /// A string.
  case string(String)
  /// A list, in order.
  case array([JSONValue])
  /// An object's members in written order; a key should appear once.
  case object([(key: String, value: JSONValue)])

  /// Structural equality that also compares member order: two objects with the same members in another
  /// order are different output for the aws CLI, so they are not equal here.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// What kind of value this is, as messages about bad input name it (`a string`, `an object`, `null`).
  public var kindNoun: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .integer, .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The value of the first member named `key` when this is an object; `nil` otherwise.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The string, when this is one.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The member names of an object in order; empty for anything else.
  public var keys: [String] {
    guard case .object(let members) = self else { return [] }
    return members.map(\.key)
  }
}
