import Foundation

/// One query's run on a worker thread: RUNNING, the engine, then the end status and results.
struct LakeQueryRun {
  let job: LakeQueryJob
  let settings: LakeQuerySettings

  func execute() {
    let context = job.context
    let store: LakeQueryStore
    do {
      store = try LakeQueryStore(databasePath: context.databasePath)
      let now = context.clock.now()
      // Cancelled while it waited for a worker: nothing to run.
      guard try store.markRunning(job.id, at: now, heartbeat: settings.wallClock.now()) else { return }
      job.startedAt = now
    } catch {
      // The row must not stay QUEUED under this live process (it would hold a place for ever).
      if let store = try? LakeQueryStore(databasePath: context.databasePath) {
        _ = try? store.finish(
          job.id, status: .failed, output: nil,
          error: Self.errorMessage("The query could not start: \(error)"),
          at: context.clock.now(), rowsPerPage: settings.rowsPerPage)
      }
      return
    }

    var status = LakeQueryStatus.finished
    var output: LakeQueryOutput?
    var message: String?
    do {
      let reader = try SQLiteConnection(path: context.databasePath, readOnly: true)
      output = try job.prepared.run(
        on: reader, now: job.startedAt ?? context.clock.now(), cancellation: job.cancellation)
    } catch let cancelled as LakeQueryCancelled {
      if job.stopReason == .timedOut {
        status = .timedOut
        output = cancelled.partial
        message =
          "The query ran longer than \(Self.duration(settings.timeout)), the timeout; partial results were kept."
      } else {
        status = .cancelled
      }
    } catch let failure as LakeQueryFailure {
      status = .failed
      message = failure.message
    } catch let error as ServiceError {
      status = .failed
      message = error.message
    } catch {
      status = .failed
      message = "\(error)"
    }
    let ended = context.clock.now()
    let recorded =
      (try? store.finish(
        job.id, status: status, output: output, error: message.map(Self.errorMessage), at: ended,
        rowsPerPage: settings.rowsPerPage)) ?? false
    guard let uri = job.deliveryS3Uri else { return }
    // Results go to the bucket only for a query that finished; CloudTrail never delivers partial ones.
    let delivery: String
    if recorded, status == .finished, let output {
      delivery = LakeResultDelivery(context: context).deliver(
        output, query: job.id, to: uri, completed: ended)
    } else {
      delivery = (try? store.status(job.id)) == .cancelled ? "CANCELLED" : "FAILED"
    }
    try? store.setDeliveryStatus(job.id, delivery)
  }

  /// The model's ErrorMessage is 4–1000 characters.
  static func errorMessage(_ text: String) -> String {
    let text = text.count < 4 ? "Query failed: " + text : text
    return text.count > 1000 ? String(text.prefix(999)) + "…" : text
  }

  static func duration(_ seconds: TimeInterval) -> String {
    if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 {
      let hours = Int(seconds / 3600)
      return "\(hours) hour\(hours == 1 ? "" : "s")"
    }
    return "\(Int(seconds)) s"
  }
}
