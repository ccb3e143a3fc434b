import Foundation
import TrailCore
import TrailTUI

/// Performs the Lake pane's effects off the UI loop: each on a thread of its own, so a long scan holds
/// up neither the UI nor the store list; Esc reaches a run through its `LakeCancellation` (which a
/// query over event data stores turns into CancelQuery).
///
/// Only the UI thread calls `perform`; a run's thread removes its own cancellation flag when it ends.
final class LakeJobs: @unchecked Sendable {
  // @unchecked: `cancellations` is only touched while holding `lock`.
  private let lake: StoreLakeQuerying
  private let post: @Sendable (RuntimeMessage) -> Void
  private let lock = NSLock()
  private var cancellations: [Int: LakeCancellation] = [:]
  /// Where saved queries live: `$XDG_DATA_HOME/traildeck/lake-saved-queries.json`.
  private let savedQueriesPath: String

  init(context: StoreContext, post: @escaping @Sendable (RuntimeMessage) -> Void) {
    lake = StoreLakeQuerying(context: context)
    self.post = post
    savedQueriesPath = EventStore.dataDirectory() + "/lake-saved-queries.json"
  }

  /// Starts `effect` when it is one of Lake's; returns false for any other effect.
  func perform(_ effect: Effect) -> Bool {
    switch effect {
    case .loadEventDataStores:
      background {
        do { return .eventDataStoresLoaded(try $0.lake.eventDataStores()) } catch {
          return .failed(.lakeStores, .wrapping(error, summary: "cannot list event data stores"))
        }
      }
    case .runLakeQuery(let requestID, let statement):
      let cancellation = LakeCancellation()
      lock.withLock { cancellations[requestID] = cancellation }
      background { jobs in
        defer { jobs.lock.withLock { _ = jobs.cancellations.removeValue(forKey: requestID) } }
        do {
          let result = try jobs.lake.run(statement, parameters: [], cancellation: cancellation)
          return .lakeQueryFinished(requestID: requestID, result)
        } catch let error as LakeRunError {
          return .lakeQueryFailed(requestID: requestID, error)
        } catch let error as ServiceError {
          return .lakeQueryFailed(requestID: requestID, LakeRunError(message: error.message))
        } catch {
          return .lakeQueryFailed(requestID: requestID, LakeRunError(message: String(describing: error)))
        }
      }
    case .cancelLakeQuery(let requestID):
      lock.withLock { cancellations[requestID] }?.cancel()
    case .runCompoundFilter(let requestID, let statement, let parameters):
      background { jobs in
        do {
          let events = try jobs.lake.events(
            statement, parameters: parameters, cancellation: LakeCancellation())
          return .historyLoaded(requestID: requestID, events: events)
        } catch let error as LakeRunError {
          return .failed(
            .history(requestID: requestID),
            Diagnostic(
              code: "InvalidQueryStatementException", summary: "compound filter failed", reason: error.message
            ))
        } catch {
          return .failed(.history(requestID: requestID), .wrapping(error, summary: "compound filter failed"))
        }
      }
    case .exportLakeResults(let path, let csv):
      background { _ in
        do {
          try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
          let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
          // Lines minus the header, CRLF-separated (a quoted field may hold a bare LF).
          let rows = max(0, csv.components(separatedBy: "\r\n").count - 2)
          return .lakeExported(path: absolute, rows: rows)
        } catch {
          return .failed(.lakeExport, .wrapping(error, summary: "cannot write \(path)"))
        }
      }
    case .loadSavedLakeQueries:
      background { jobs in
        guard let data = FileManager.default.contents(atPath: jobs.savedQueriesPath) else {
          return .savedLakeQueriesLoaded([])
        }
        do {
          return .savedLakeQueriesLoaded(try JSONDecoder().decode([SavedLakeQuery].self, from: data))
        } catch {
          return .failed(.savedLakeQueries, .wrapping(error, summary: "cannot read \(jobs.savedQueriesPath)"))
        }
      }
    case .storeSavedLakeQueries(let queries):
      background { jobs in
        do {
          let url = URL(fileURLWithPath: jobs.savedQueriesPath)
          try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
          try encoder.encode(queries).write(to: url, options: .atomic)
          return nil
        } catch {
          return .failed(
            .savedLakeQueries, .wrapping(error, summary: "cannot write \(jobs.savedQueriesPath)"))
        }
      }
    default: return false
    }
    return true
  }

  /// Cancels the runs still going (as Esc does) and waits up to `patience` real seconds for them to
  /// end: a query the UI started then reads CANCELLED, rather than FAILED because its process is gone.
  func stop(patience: TimeInterval = 2) {
    let running = lock.withLock { Array(cancellations.values) }
    guard !running.isEmpty else { return }
    for cancellation in running { cancellation.cancel() }
    let deadline = Date(timeIntervalSinceNow: patience)
    while Date() < deadline, lock.withLock({ !cancellations.isEmpty }) { usleep(10_000) }
  }

  /// Runs `job` on a new thread and posts its answer (if any) to the UI loop.
  private func background(_ job: @escaping @Sendable (LakeJobs) -> Input?) {
    let thread = Thread { [self] in
      if let input = job(self) { post(.input(input)) }
    }
    thread.name = "traildeck.lake"
    thread.start()
  }
}
