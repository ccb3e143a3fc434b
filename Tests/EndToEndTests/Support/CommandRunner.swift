import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a short helper command (tmux) and returns what it printed, never waiting forever.
///
/// Spawned with posix_spawn rather than Foundation's `Process`: the child must start with an empty
/// signal mask and default handlers (a tmux server forked from a client that inherited the test
/// runner's blocked signals never reaps its panes nor obeys kill-server), and its output goes to
/// files so a daemon that keeps a descriptor open cannot stall the reader.
enum CommandRunner {
  struct Output {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  struct SpawnError: Error, CustomStringConvertible {
    var executable: String
    var code: Int32
    var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
  }

  /// Runs `executable` with `arguments`; one still running after `timeout` seconds is killed so a
  /// wedged helper fails the test instead of hanging it.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String],
    timeout: TimeInterval = 10
  ) throws -> Output {
    let folder = FileManager.default.temporaryDirectory
    let token = UUID().uuidString
    let outputPath = folder.appendingPathComponent("traildeck-e2e-\(token).out").path
    let errorPath = folder.appendingPathComponent("traildeck-e2e-\(token).err").path
    defer {
      unlink(outputPath)
      unlink(errorPath)
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw SpawnError(executable: executable, code: spawned) }

    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while waitpid(pid, &status, WNOHANG) == 0 {
      if Date() >= deadline {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        break
      }
      usleep(5_000)
    }
    // Exit code when it exited normally, 128 + signal when a signal ended it (as a shell reports).
    let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Output(
      status: exitStatus, standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
      standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
  }

  /// The full path of `name` on PATH (or the usual places), nil when it is not installed.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
    return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}
