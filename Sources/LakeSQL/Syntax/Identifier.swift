/// A name in the statement: a column, field, alias, function or table id.
///
/// Lake's names are case-insensitive (`eventID` is the schema's `eventid`), quoted or not; `value`
/// keeps the spelling for messages and result column names, `key` is what names are matched by.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
  /// The name as written, without the double quotes of a quoted identifier.
  public var value: String
  /// Whether it was written in double quotes (`"eventName"`).
  public var quoted: Bool
  public var position: SourcePosition

  public init(_ value: String, quoted: Bool = false, at position: SourcePosition = .start) {
    self.value = value
    self.quoted = quoted
    self.position = position
  }

  /// The name lowercased: what columns, fields, functions and aliases are matched by.
  public var key: String { value.lowercased() }

  public var description: String { value }
}
