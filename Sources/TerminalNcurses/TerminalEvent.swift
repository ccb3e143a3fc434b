import TrailTUI

/// What a terminal reports: a key, a mouse action or a new size.
public enum TerminalEvent: Equatable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  /// The terminal went away (its pty closed). Nothing more will arrive; the program should save
  /// what it must and quit. `TerminalRunLoop` stops after delivering it.
  case hangup
}

extension TerminalEvent: CustomStringConvertible {
  /// A short, stable text form (`key(down)`, `mouse(press 3,4)`, `resize(100x30)`) for logs and the
  /// terminal-check screen, which end-to-end tests read back.
  public var description: String {
    switch self {
    case .key(let key): "key(\(Self.name(of: key)))"
    case .mouse(let event): "mouse(\(Self.name(of: event.kind)) \(event.x),\(event.y))"
    case .resize(let size): "resize(\(size.width)x\(size.height))"
    case .hangup: "hangup"
    }
  }

  static func name(of key: Key) -> String {
    switch key {
    case .character(let character): "char \(character)"
    case .control(let letter): "ctrl-\(letter)"
    case .enter: "enter"
    case .escape: "escape"
    case .tab: "tab"
    case .backTab: "backtab"
    case .backspace: "backspace"
    case .delete: "delete"
    case .up: "up"
    case .down: "down"
    case .left: "left"
    case .right: "right"
    case .pageUp: "pageup"
    case .pageDown: "pagedown"
    case .home: "home"
    case .end: "end"
    case .function(let number): "f\(number)"
    }
  }

  static func name(of kind: MouseEvent.Kind) -> String {
    switch kind {
    case .press: "press"
    case .wheelUp: "wheelup"
    case .wheelDown: "wheeldown"
    }
  }
}
