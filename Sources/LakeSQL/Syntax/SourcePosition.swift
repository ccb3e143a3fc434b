/// Where a token starts in the statement text: 1-based line and column (in characters), and the
/// 0-based character offset, so a front can point at it (the CLI quotes line:column, the Lake pane
/// moves its editor's cursor there).
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
  public var offset: Int
  public var line: Int
  public var column: Int

  public init(offset: Int, line: Int, column: Int) {
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// The start of the text.
  public static let start = SourcePosition(offset: 0, line: 1, column: 1)

  /// Trino's way of quoting a position: `line 1:8`.
  public var description: String { "line \(line):\(column)" }
}
