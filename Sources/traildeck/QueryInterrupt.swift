import Dispatch
import Foundation
import Synchronization
import TrailCore

/// Ctrl-C while `start-query` or `query` waits: the query is cancelled (CANCELLED, as CancelQuery
/// does) instead of the process dying with it, which would leave the next process to mark it FAILED.
/// A second Ctrl-C exits at once.
final class QueryInterrupt {
  private let source: any DispatchSourceSignal

  /// Cancels query `id` of `context`'s store on SIGINT, until the value goes away.
  init(query id: String, context: StoreContext) {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    let interrupts = OnceFlag()
    source.setEventHandler {
      guard interrupts.setOnce() else { exit(130) }
      FileHandle.standardError.write(Data("\ncancelling query \(id) (Ctrl-C again to quit at once)\n".utf8))
      if let services = try? StoreServices(context) {
        _ = try? CancelQuery.perform(CancelQueryRequest(queryId: id), with: services)
      }
    }
    source.resume()
    self.source = source
  }

  deinit {
    source.cancel()
    signal(SIGINT, SIG_DFL)
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
