import Foundation

/// Runs the real `traildeck ui` inside a detached tmux session and measures its CPU use while idle.
enum IdleCPU {
  /// Percent of one core used by the UI process over `seconds`, after it has settled; nil if tmux or
  /// the `traildeck` binary (next to this one) is missing.
  static func measure(database: String, seconds: Int) throws -> Double? {
    let binary = siblingTraildeck()
    guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
    let socket = "traildeck-bench-\(getpid())"
    /// Runs tmux through the shell, output to a file: the server that `new-session` forks inherits the
    /// client's descriptors, so a pipe would never reach end-of-file (and Foundation's Process waited
    /// on it forever here).
    func tmux(_ arguments: String) -> String {
      let output = NSTemporaryDirectory() + "\(socket).out"
      defer { unlink(output) }
      _ = system("tmux -L \(socket) -f /dev/null \(arguments) > '\(output)' 2>/dev/null < /dev/null")
      return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
    _ = tmux(
      "new-session -d -x 120 -y 40 \"TERM=xterm-256color '\(binary)' ui --db '\(database)' --no-live\"")
    defer { _ = tmux("kill-server") }
    Thread.sleep(forTimeInterval: 3)
    guard
      let pid = Int(
        tmux("list-panes -F '#{pane_pid}'").trimmingCharacters(in: .whitespacesAndNewlines))
    else { return nil }
    // The pane runs a shell that runs traildeck; measure the traildeck child when there is one.
    let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    let target = children.split(separator: " ").first.flatMap { Int($0) } ?? pid
    guard let before = ticks(target) else { return nil }
    Thread.sleep(forTimeInterval: Double(seconds))
    guard let after = ticks(target) else { return nil }
    let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
    return Double(after - before) / hertz / Double(seconds) * 100
  }

  /// utime + stime of a process, in clock ticks.
  private static func ticks(_ pid: Int) -> Int? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
    return user + system
  }
}
