import Foundation
import TrailCore
import TrailServer

/// Trail delivery while `traildeck serve` runs: once a real second, every delivery and digest the
/// clock has made due (and Insights, and federated stores' exports), as the UI and `demo --live` do,
/// so trails created through the API write their log files every 5 minutes of the clock. Deliveries wait for the server's calls to be stored
/// (`CallRecorder.writtenThrough`), so a call answered across a boundary is not skipped.
final class ServeDelivery: @unchecked Sendable {
  // @unchecked: `isStopping` is only touched while holding `condition`; the rest is set in `init`.
  private let context: StoreContext
  private let recorder: CallRecorder
  private let condition = NSCondition()
  private var isStopping = false
  private let finished = DispatchSemaphore(value: 0)

  init(context: StoreContext, recorder: CallRecorder) {
    self.context = context
    self.recorder = recorder
  }

  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "traildeck.serve.delivery"
    thread.start()
  }

  /// Stops after the occurrence in progress.
  func stop() {
    condition.withLock {
      isStopping = true
      condition.signal()
    }
    finished.wait()
  }

  private func run() {
    defer { finished.signal() }
    let scheduler = Scheduler()
    var lastProblem = ""
    do {
      let delivery = try TrailDelivery(context: context)
      let recorder = recorder
      delivery.writtenThrough = { recorder.writtenThrough }
      try delivery.schedule(on: scheduler)
      // Insights where trails turned them on, judged once a minute of the clock.
      let insights = try InsightsLive(context: context)
      insights.writtenThrough = { recorder.writtenThrough }
      insights.schedule(on: scheduler, startingAfter: context.clock.now())
      // Federated event data stores' exports, rewritten every 5 minutes of the clock when they changed.
      FederationRefresh(context: context).schedule(on: scheduler, startingAfter: context.clock.now())
      // Lake dashboards with an enabled RefreshSchedule (and Highlights, every 6 hours of the clock).
      DashboardsLive(context: context).schedule(on: scheduler, startingAfter: context.clock.now())
    } catch {
      say("trail delivery is off: \(error)")
      return
    }
    while waitOneSecond() {
      do {
        try scheduler.runDue(upTo: context.clock.now())
      } catch {
        // Said once, not every second; the next occurrence tries again.
        let problem = "\(error)"
        if problem != lastProblem { say("trail delivery: \(problem)") }
        lastProblem = problem
      }
    }
  }

  private func waitOneSecond() -> Bool {
    condition.withLock {
      // A real second, whatever the clock's speed (NSCondition takes a wall-clock date).
      let deadline = Date().addingTimeInterval(1)
      while !isStopping && condition.wait(until: deadline) {}
      return !isStopping
    }
  }

  private func say(_ line: String) {
    FileHandle.standardError.write(Data("traildeck serve: \(line)\n".utf8))
  }
}
