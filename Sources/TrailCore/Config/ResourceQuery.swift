import Foundation

/// The resource a timeline is asked for: an ARN, a type with an id, or a bare id or name.
///
/// `ResourceQuery(parsing:)` reads what a user or the TUI hands over: `arn:…` is an ARN,
/// `AWS::EC2::SecurityGroup/sg-0abc` (or with a space) a type and id, anything else (`sg-0abc`,
/// `i-0123…`, a bucket or role name, a role's `AROA…` id) an id or name.
public enum ResourceQuery: Equatable, Hashable, Sendable, CustomStringConvertible {
  case arn(String)
  case typeAndId(type: String, id: String)
  /// A `resourceId` or `resourceName`.
  case identifier(String)

  /// nil for blank text.
  public init?(parsing text: String) {
    let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { return nil }
    if text.hasPrefix("arn:") {
      self = .arn(text)
    } else if text.hasPrefix("AWS::") || text.hasPrefix("Custom::"),
      let split = text.firstIndex(where: { $0 == "/" || $0 == " " })
    {
      let id = text[text.index(after: split)...].trimmingCharacters(in: .whitespaces)
      self = id.isEmpty ? .identifier(text) : .typeAndId(type: String(text[..<split]), id: id)
    } else {
      self = .identifier(text)
    }
  }

  /// The `config_items` key looked up first.
  var key: String {
    switch self {
    case .arn(let arn): arn
    case .typeAndId(let type, let id): ConfigItemIndex.typeKey(type, id)
    case .identifier(let text): text
    }
  }

  /// As a user would type it.
  public var description: String {
    switch self {
    case .arn(let arn): arn
    case .typeAndId(let type, let id): "\(type) \(id)"
    case .identifier(let text): text
    }
  }
}
