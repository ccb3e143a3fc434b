import ArgumentParser
import Foundation
import TrailCore
import TrailServer

/// `traildeck serve`: CloudTrail's API (JSON 1.1), an S3 view of the bucket folders and SNS topics on
/// one HTTP port, for the aws CLI, boto3 and the SDKs (`--endpoint-url http://127.0.0.1:4588`).
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract:
      "Serve CloudTrail's API, an S3 view of the buckets and SNS topics over HTTP for the aws CLI and SDKs.",
    discussion: """
      Prints `listening on http://HOST:PORT` as its first line once the port is bound (--listen HOST:0 takes
      a free port) and serves until SIGTERM or Ctrl-C. One port serves every protocol, told apart by the
      service of the request's SigV4 scope: CloudTrail's JSON 1.1 (`cloudtrail`), S3 path-style REST
      (`s3`), SNS's query protocol (`sns`). The caller's region is the signature's region.
      Without --credentials any signature is accepted and every caller is the store's management account
      (123456789012 on a fresh store). With it, requests must be signed by a key of the file, whose lines
      are `ACCESS_KEY_ID SECRET ACCOUNT [USER]`. Calls are recorded as CloudTrail events of the store, and
      trails deliver as the clock passes (every 5 minutes of it), as in `ui`, unless --no-deliver.
      Lake queries (StartQuery) run on worker threads of the server and stop TIMED_OUT after \
      --query-timeout seconds of the store's clock (default 3600, CloudTrail's hour; so a minute at \
      --speed 60), or $\(LakeQueryTimeout.variable) seconds when the option is not given.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "HOST:PORT to listen on (loopback by default; port 0 takes a free one).", valueName: "host:port"))
  var listen: String = "127.0.0.1:4588"

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Check signatures against this file of `ACCESS_KEY_ID SECRET ACCOUNT [USER]` lines.", valueName: "file")
  )
  var credentials: String?

  @Flag(
    name: .customLong("no-deliver"),
    help: "Do not deliver trails' log files while serving (leave it to `traildeck deliver`).")
  var noDeliver = false

  @Flag(
    name: .long,
    help:
      "Enforce CloudTrail's request quotas per account and region (LookupEvents 2/s, Get/Describe/List 10/s, others 1/s): calls over them get ThrottlingException. Off by default."
  )
  var throttle = false

  @Option(
    name: .customLong("query-timeout"),
    help: ArgumentHelp(
      "Stop a Lake query after this many seconds of the store's clock (default 3600, CloudTrail's hour).",
      valueName: "seconds"))
  var queryTimeout: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Threads that answer requests (default: twice the processors, at least 4).", valueName: "n"))
  var threads: Int?

  /// Threads for the blocking work of requests (SQLite, bucket files). Twice the processors: a request
  /// is mostly CPU work, and more threads than that only share the processors out more finely; with 8
  /// on 2 processors, 8 LookupEvents clients got a p99 of 29–31 ms, against 12–19 ms with 4 and
  /// 10–12 ms with 2 (`traildeck-bench api`). Not one per processor: a thread waiting on the disk, or a
  /// request that walks long postings, would then hold back every other one behind it.
  var requestThreads: Int { threads ?? max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

  func validate() throws {
    if let threads, threads < 1 {
      throw ValidationError("Please give --threads a number of threads above 0; got \(threads).")
    }
    if let queryTimeout, !(queryTimeout > 0) {
      throw ValidationError(
        "Please give --query-timeout a number of seconds above 0; got \(String(format: "%g", queryTimeout)).")
    }
    // A bad TRAILDECK_QUERY_TIMEOUT is a usage error of `serve`, before anything listens.
    _ = try LakeQueryTimeout.seconds(given: queryTimeout)
    guard address != nil else {
      throw ValidationError(
        "Please give --listen as HOST:PORT (127.0.0.1:4588, 127.0.0.1:0); got '\(listen)'.")
    }
  }

  /// `listen` split into host and port.
  var address: (host: String, port: Int)? {
    guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
      (0...65535).contains(port)
    else { return nil }
    let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    return host.isEmpty ? nil : (host, port)
  }

  func run() throws {
    let credentialsFile = try credentials.map { path in
      do {
        return try CredentialsFile(path: path)
      } catch let problem as CredentialsFile.Problem {
        throw ValidationError(problem.description)
      }
    }
    // Before the first request: the host runs every query of the store in this process.
    try LakeQueryTimeout.install(for: store.db, timeout: queryTimeout)
    // A missing database is a fresh store.
    _ = try EventStore.openWriter(path: store.db)
    let context = try store.context()
    let recorder = CallRecorder(
      databasePath: context.databasePath, clock: context.clock,
      report: { FileHandle.standardError.write(Data("traildeck serve: \($0)\n".utf8)) })
    let environment = ServerEnvironment(
      databasePath: context.databasePath, bucketsDirectory: context.bucketsDirectory, clock: context.clock,
      defaultAccount: context.account, work: BlockingWork(threads: requestThreads), recorder: recorder,
      throttle: throttle ? RequestThrottle() : nil)
    let router = ProtocolRouter(
      handlers: ServerHandlers.all(environment), credentials: credentialsFile, defaultAccount: context.account
    )
    if credentialsFile == nil {
      FileHandle.standardError.write(
        Data(
          "traildeck serve: signatures are not checked (no --credentials): every caller is account \(context.account)\n"
            .utf8))
    }
    let (host, port) = address!
    recorder.start()
    let delivery = noDeliver ? nil : ServeDelivery(context: context, recorder: recorder)
    delivery?.start()
    let outcome = ServeOutcome()
    let server = TrailDeckServer(host: host, port: port, router: router)
    Task.detached {
      do {
        try await server.run { address in
          // The first line on stdout, flushed at once: scripts read it through a pipe.
          FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
        }
      } catch {
        outcome.fail(error)
      }
      await environment.work.shutdown()
      outcome.finish()
    }
    outcome.wait()
    recorder.stop()
    environment.auditEvents.finish()
    delivery?.stop()
    if let error = outcome.error {
      FileHandle.standardError.write(Data("traildeck serve: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}

/// How the server task ended, handed to the command's thread.
private final class ServeOutcome: @unchecked Sendable {
  // Unchecked: `error` is written before `finish()` signals and read only after `wait()` returns.
  private(set) var error: (any Error)?
  private let done = DispatchSemaphore(value: 0)
  func fail(_ error: any Error) { self.error = error }
  func finish() { done.signal() }
  func wait() { done.wait() }
}
