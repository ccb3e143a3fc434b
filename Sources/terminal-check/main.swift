import Foundation
import TerminalNcurses
import TrailTUI

// terminal-check: paints a known screen through NcursesTerminal and echoes each decoded input, so
// the end-to-end tests can drive the adapter in tmux and read the result. `q` quits, `t` switches
// to an alternate theme (only styles change, which must still repaint every cell).
//
// Usage: terminal-check [--no-color] [--crash-on-key]
//   --crash-on-key  traps (fatalError) on the first key other than q, to test restore on a crash.

let arguments = CommandLine.arguments.dropFirst()
let options: Set<String> = ["--no-color", "--crash-on-key"]
if let unknown = arguments.first(where: { !options.contains($0) }) {
  FileHandle.standardError.write(
    Data(
      "terminal-check: unknown option '\(unknown)'\nusage: terminal-check [--no-color] [--crash-on-key]\n"
        .utf8))
  exit(64)
}

let terminal: NcursesTerminal
do {
  terminal = try NcursesTerminal(options: .init(noColor: arguments.contains("--no-color")))
} catch {
  FileHandle.standardError.write(Data("\(error)\n".utf8))
  exit(1)
}

var screen = CheckScreen(colorMode: terminal.colorMode, lastEvent: nil, processID: getpid())
let loop = TerminalRunLoop<Never>(device: terminal)
loop.run(
  handle: { input in
    guard case .terminal(let event) = input else { return .unchanged }
    if event == .key(.character("q")) { return .quit }
    if arguments.contains("--crash-on-key"), case .key = event {
      fatalError("terminal-check: crash requested with --crash-on-key")
    }
    if event == .key(.character("t")) { screen.usesAlternateTheme.toggle() }
    screen.lastEvent = event
    return .redraw
  },
  render: { size in screen.render(size: size) },
  style: { role in
    screen.usesAlternateTheme ? CheckStyles.alternateStyle(for: role) : CheckStyles.style(for: role)
  })
terminal.restore()
