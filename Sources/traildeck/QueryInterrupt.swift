import Dispatch
import Foundation
import Synchronization
import TrailCore

/// Ctrl-C while `start-query` or `query` runs its query: the query is cancelled (CANCELLED, as
/// CancelQuery does) instead of the process dying with it, which would leave the next process to mark
/// it FAILED. A second Ctrl-C exits at once.
///
/// It is installed before StartQuery, so that no Ctrl-C can fall between the query's start and the
/// handler: one that comes before the QueryId is known cancels the query as soon as it has one.
final class QueryInterrupt {
  /// Set by the first Ctrl-C; `StartedQuery.waitUntilEnded` cancels the query when it sees it.
  let cancellation: LakeCancellation
  private let query: QueryName
  private let source: any DispatchSourceSignal
  private let isStopped = OnceFlag()

  /// Takes over SIGINT until `stop()` (or the value goes away).
  init() {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    let interrupts = OnceFlag()
    let cancellation = LakeCancellation()
    let query = QueryName()
    source.setEventHandler {
      guard interrupts.setOnce() else { exit(130) }
      let name = query.id.map { "query \($0)" } ?? "the query"
      FileHandle.standardError.write(Data("\ncancelling \(name) (Ctrl-C again to quit at once)\n".utf8))
      cancellation.cancel()
    }
    source.resume()
    self.source = source
    self.cancellation = cancellation
    self.query = query
  }

  /// The query a Ctrl-C cancels, once StartQuery has answered (the message names it).
  func watch(_ id: String) { query.id = id }

  /// Gives SIGINT back its default action.
  func stop() {
    guard isStopped.setOnce() else { return }
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }

  deinit { stop() }
}

/// The QueryId the signal handler names, set from the waiting thread.
private final class QueryName: Sendable {
  private let value = Mutex<String?>(nil)
  var id: String? {
    get { value.withLock { $0 } }
    set { value.withLock { $0 = newValue } }
  }
}

/// A flag set once, from any thread.
final class OnceFlag: Sendable {
  private let isSet = Mutex(false)

  /// Sets the flag; true the first time only.
  func setOnce() -> Bool {
    isSet.withLock { isSet in
      defer { isSet = true }
      return !isSet
    }
  }
}
