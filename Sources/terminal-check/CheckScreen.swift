import TerminalNcurses
import TrailTUI

/// What terminal-check shows: fixed text the end-to-end tests look for, the colour mode and the
/// last decoded input.
struct CheckScreen {
  var colorMode: ColorMode
  var lastEvent: TerminalEvent?
  /// Shown so a test can signal exactly this process (SIGTERM/SIGHUP restore checks).
  var processID: Int32
  /// Switched by `t`: the text stays, only the role styles change.
  var usesAlternateTheme = false

  static let roleSamples: [(Role, String)] = [
    (.header, "header: Time     Event name"),
    (.selection, "selection: 10:00:01 ConsoleLogin alice"),
    (.error, "error: AccessDenied"),
    (.warning, "warning: throttled"),
    (.success, "success: delivered"),
    (.muted, "muted: 3 more"),
    (.insight, "insight: ApiCallRateInsight"),
  ]

  func render(size: Size) -> CellGrid {
    var grid = CellGrid(width: size.width, height: size.height)
    grid.fillRow(0, role: .title)
    grid.put("TrailDeck terminal-check", x: 0, y: 0, role: .title)
    grid.put("wide: 漢字テスト 🚀✅ end", x: 0, y: 1, role: .normal)
    for (offset, sample) in Self.roleSamples.enumerated() {
      grid.put(sample.1, x: 0, y: 2 + offset, role: sample.0)
    }
    let statusRow = 2 + Self.roleSamples.count
    grid.put("colors: \(colorMode.rawValue)", x: 0, y: statusRow, role: .normal)
    grid.put("size: \(size.width)x\(size.height)", x: 0, y: statusRow + 1, role: .normal)
    grid.put("pid: \(processID)", x: 20, y: statusRow + 1, role: .muted)
    grid.put(
      "last: \(lastEvent.map(String.init(describing:)) ?? "none")", x: 0, y: statusRow + 2, role: .normal)
    if size.height > statusRow + 3 {
      grid.fillRow(size.height - 1, role: .statusBar)
      grid.put("q quits", x: 0, y: size.height - 1, role: .statusBar)
    }
    return grid
  }
}
