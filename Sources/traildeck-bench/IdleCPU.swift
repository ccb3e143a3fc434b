import Foundation

/// Runs the real `traildeck ui` inside a detached tmux session and measures its CPU use while idle.
enum IdleCPU {
  /// Percent of one core used by the UI process over `seconds`, after it has settled; nil if tmux or
  /// the `traildeck` binary (next to this one) is missing.
  static func measure(database: String, seconds: Int) throws -> Double? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("traildeck").path
    guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
    let socket = "traildeck-bench-\(getpid())"
    /// Runs tmux; reads its output only when asked: the server that `new-session` starts inherits the
    /// client's stdout, and a pipe there would never reach end-of-file.
    func tmux(_ arguments: [String], readsOutput: Bool = false) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
      let pipe = Pipe()
      process.standardOutput = readsOutput ? pipe : FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      guard readsOutput else { return "" }
      return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
    let command = "TERM=xterm-256color '\(binary)' ui --db '\(database)' --no-live"
    _ = try tmux(["new-session", "-d", "-x", "120", "-y", "40", command])
    defer { _ = try? tmux(["kill-server"]) }
    Thread.sleep(forTimeInterval: 3)
    guard
      let pid = Int(
        try tmux(["list-panes", "-F", "#{pane_pid}"], readsOutput: true).trimmingCharacters(in: .whitespacesAndNewlines))
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
