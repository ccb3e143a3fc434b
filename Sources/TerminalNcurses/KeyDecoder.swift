import CNcurses
import TrailTUI

/// Maps what `wget_wch` returns to a `Key`; pure, so every mapping is testable without a terminal.
public enum KeyDecoder {
  /// A character read by `wget_wch` (result OK): control bytes become named keys.
  public static func key(forCharacter code: Int) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter  // \r after nonl(), \n from some terminals and pastes
    case 27: return .escape
    case 8, 127: return .backspace  // ^H and DEL: terminals disagree which one backspace sends
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + code))))
    case 0..<32: return nil
    default:
      guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// A key code read by `wget_wch` (result KEY_CODE_YES). KEY_RESIZE and KEY_MOUSE are not keys and
  /// are handled by the terminal; unknown codes give nil and are dropped.
  public static func key(forKeyCode code: Int) -> Key? {
    switch Int32(code) {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME, KEY_FIND, KEY_A1: return .home  // some terminals send find/keypad-7 for Home
    case KEY_END, KEY_SELECT, KEY_C1: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    default:
      let function = code - Int(tdcurses_key_f(0))
      if (1...63).contains(function) { return .function(function) }
      return nil
    }
  }
}
