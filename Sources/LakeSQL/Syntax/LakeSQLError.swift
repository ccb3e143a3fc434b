/// A statement Lake refuses, or a failure while analysing it: what is wrong, the offending token as
/// written, and where it starts.
///
/// The operation layer turns it into `InvalidQueryStatementException` whose message is
/// `description`, in Trino's shape: `line 1:8: mismatched input 'FORM'. Expecting: ...`.
public struct LakeSQLError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  /// The token as it appears in the statement (empty at the end of the text).
  public var token: String
  public var position: SourcePosition

  public init(_ message: String, token: String, at position: SourcePosition) {
    self.message = message
    self.token = token
    self.position = position
  }

  public var description: String { "\(position): \(message)" }
}
