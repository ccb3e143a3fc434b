/// A key press as the UI sees it, independent of ncurses key codes.
public enum Key: Hashable, Sendable {
  case character(Character)
  case control(Character)  // ctrl-a … ctrl-z, as the lower-case letter
  case enter
  case escape
  case tab
  case backTab
  case backspace
  case delete
  case up
  case down
  case left
  case right
  case pageUp
  case pageDown
  case home
  case end
  case function(Int)
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case press
    case wheelUp
    case wheelDown
  }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}
