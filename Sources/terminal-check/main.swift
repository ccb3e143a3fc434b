import Foundation
import TerminalNcurses
import TrailTUI

// terminal-check: paints a known screen through NcursesTerminal and echoes each decoded input, so
// the end-to-end tests can drive the adapter in tmux and read the result. `q` quits.
//
// Usage: terminal-check [--no-color]

let arguments = CommandLine.arguments.dropFirst()
if let unknown = arguments.first(where: { $0 != "--no-color" }) {
  FileHandle.standardError.write(
    Data("terminal-check: unknown option '\(unknown)'\nusage: terminal-check [--no-color]\n".utf8))
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
    screen.lastEvent = event
    return .redraw
  },
  render: { size in screen.render(size: size) },
  style: CheckStyles.style(for:))
terminal.restore()
