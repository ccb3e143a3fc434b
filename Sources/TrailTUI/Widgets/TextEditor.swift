/// A multi-line text editor's state: lines of characters, a cursor and a scroll position.
///
/// Pure and value-typed like `InputLine`: the pane holds one, `handle` applies a key, `render` (in
/// `TextEditor+Render.swift`) draws it. A paste arrives as keys (characters and enter), so pasted
/// lines land as typed; `insert(_:)` does the same for a whole text at once.
public struct TextEditor: Equatable, Sendable {
  public private(set) var lines: [[Character]]
  /// The cursor's line, 0-based.
  public private(set) var row: Int
  /// The cursor's column in characters, 0…line length.
  public private(set) var column: Int
  /// The first line and first column shown; `scrollToCursor` keeps the cursor inside.
  public var topLine = 0
  public var leftColumn = 0

  /// An editor holding `text`, the cursor at its end.
  public init(_ text: String = "") {
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    if lines.isEmpty { lines = [[]] }
    row = lines.count - 1
    column = lines[row].count
  }

  /// The whole text, lines joined by newlines.
  public var text: String { lines.map { String($0) }.joined(separator: "\n") }

  /// Whether the editor holds only blanks.
  public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

  /// Applies an editing key; returns false for keys that are not editing keys (Esc, Tab, F-keys).
  ///
  /// Word moves are ctrl-b / ctrl-f (a terminal sends no distinct code for ctrl-arrows through
  /// ncurses' key table); line start and end are Home/End and ctrl-a / ctrl-e.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .character("\n"), .character("\r"), .enter: insertNewline()
    case .character(let c): insertCharacter(c)
    case .backspace: deleteBackward()
    case .delete, .control("d"): deleteForward()
    case .left:
      if column > 0 {
        column -= 1
      } else if row > 0 {
        row -= 1
        column = lines[row].count
      }
    case .right:
      if column < lines[row].count {
        column += 1
      } else if row < lines.count - 1 {
        row += 1
        column = 0
      }
    case .up:
      guard row > 0 else { return true }
      row -= 1
      column = min(column, lines[row].count)
    case .down:
      guard row < lines.count - 1 else { return true }
      row += 1
      column = min(column, lines[row].count)
    case .home, .control("a"): column = 0
    case .end, .control("e"): column = lines[row].count
    case .control("b"): moveWordBackward()
    case .control("f"): moveWordForward()
    case .control("u"):
      lines[row].removeFirst(column)
      column = 0
    case .control("k"): lines[row].removeLast(lines[row].count - column)
    case .pageUp:
      row = max(0, row - 10)
      column = min(column, lines[row].count)
    case .pageDown:
      row = min(lines.count - 1, row + 10)
      column = min(column, lines[row].count)
    default: return false
    }
    return true
  }

  /// Inserts `text` at the cursor as if typed (newlines split lines).
  public mutating func insert(_ text: String) {
    for character in text {
      if character == "\n" || character == "\r\n" { insertNewline() } else { insertCharacter(character) }
    }
  }

  /// Moves the cursor to a 1-based `line` and `column`, clamped to the text (an error's position).
  public mutating func moveCursor(line: Int, column: Int) {
    row = max(0, min(lines.count - 1, line - 1))
    self.column = max(0, min(lines[row].count, column - 1))
  }

  /// The identifier (letters, digits, `_`, `.`) that ends at the cursor: what completion extends.
  public var wordBeforeCursor: String {
    var start = column
    while start > 0, Self.isWordPart(lines[row][start - 1]) || lines[row][start - 1] == "." { start -= 1 }
    return String(lines[row][start..<column])
  }

  /// Replaces the `wordBeforeCursor` with `word`.
  public mutating func replaceWordBeforeCursor(with word: String) {
    let count = wordBeforeCursor.count
    lines[row].removeSubrange((column - count)..<column)
    column -= count
    insert(word)
  }

  /// Scrolls so the cursor is inside a view of `height` lines and `width` columns.
  public mutating func scrollToCursor(height: Int, width: Int) {
    let height = max(1, height)
    let width = max(1, width)
    if row < topLine { topLine = row }
    if row >= topLine + height { topLine = row - height + 1 }
    if column < leftColumn { leftColumn = column }
    if column >= leftColumn + width { leftColumn = column - width + 1 }
  }

  private mutating func insertCharacter(_ c: Character) {
    lines[row].insert(c, at: column)
    column += 1
  }

  private mutating func insertNewline() {
    let rest = Array(lines[row][column...])
    lines[row].removeLast(rest.count)
    lines.insert(rest, at: row + 1)
    row += 1
    column = 0
  }

  private mutating func deleteBackward() {
    if column > 0 {
      lines[row].remove(at: column - 1)
      column -= 1
    } else if row > 0 {
      let line = lines.remove(at: row)
      row -= 1
      column = lines[row].count
      lines[row] += line
    }
  }

  private mutating func deleteForward() {
    if column < lines[row].count {
      lines[row].remove(at: column)
    } else if row < lines.count - 1 {
      lines[row] += lines.remove(at: row + 1)
    }
  }

  private static func isWordPart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

  /// To the start of the word before the cursor, crossing to the previous line's end at a line start.
  private mutating func moveWordBackward() {
    if column == 0 {
      if row > 0 {
        row -= 1
        column = lines[row].count
      }
      return
    }
    while column > 0, !Self.isWordPart(lines[row][column - 1]) { column -= 1 }
    while column > 0, Self.isWordPart(lines[row][column - 1]) { column -= 1 }
  }

  /// To the end of the word after the cursor, crossing to the next line's start at a line end.
  private mutating func moveWordForward() {
    let line = lines[row]
    if column == line.count {
      if row < lines.count - 1 {
        row += 1
        column = 0
      }
      return
    }
    while column < line.count, !Self.isWordPart(line[column]) { column += 1 }
    while column < line.count, Self.isWordPart(line[column]) { column += 1 }
  }
}
