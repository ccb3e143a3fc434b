/// A one-line text editor: insert, backspace, delete, left/right, home/end, ctrl-u, ctrl-k.
public struct InputLine: Equatable, Sendable {
  public private(set) var characters: [Character]
  /// Cursor position, 0…count (between characters).
  public private(set) var cursor: Int

  public init(_ text: String = "") {
    characters = Array(text)
    cursor = characters.count
  }

  public var text: String { String(characters) }

  /// Applies an editing key; returns false for keys that are not editing keys (Enter, Esc, arrows up/down).
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .character(let c):
      characters.insert(c, at: cursor)
      cursor += 1
    case .backspace:
      guard cursor > 0 else { return true }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .control("d"):
      guard cursor < characters.count else { return true }
      characters.remove(at: cursor)
    case .left, .control("b"): cursor = max(0, cursor - 1)
    case .right, .control("f"): cursor = min(characters.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .control("u"):
      characters.removeFirst(cursor)
      cursor = 0
    case .control("k"): characters.removeLast(characters.count - cursor)
    default: return false
    }
    return true
  }

  /// Draws the text scrolled so the cursor is visible; the cursor cell wears `selection`.
  public func render(in area: Rect, into grid: inout CellGrid, role: Role = .input, showsCursor: Bool = true)
  {
    guard !area.isEmpty else { return }
    grid.fill(area.row(0), role: role)
    let widths = characters.map { displayWidth(of: $0) }
    let cursorColumn = widths.prefix(cursor).reduce(0, +)
    var first = 0
    var skipped = 0
    while cursorColumn - skipped >= area.width, first < characters.count {
      skipped += widths[first]
      first += 1
    }
    grid.write(String(characters[first...]), x: area.x, y: area.y, width: area.width, role: role)
    if showsCursor {
      let x = area.x + cursorColumn - skipped
      let under = cursor < characters.count ? String(characters[cursor]) : " "
      if x < area.x + area.width {
        grid.write(under, x: x, y: area.y, width: area.x + area.width - x, role: .selection)
      }
    }
  }
}
