import Foundation

/// The demo's live events as a scheduled job: every `step` seconds of the clock, the simulator's
/// events of the step just passed are appended to the store.
///
/// Long-running processes (`ui`, `demo --live`) drive it through their `Scheduler` once a real
/// second, so on an accelerated clock (`--speed N`) the store gains N seconds of events each second,
/// and a clock that jumped runs every step in between, in order, none twice.
public final class LiveSimulation {
  public let simulator: DemoSimulator
  /// Events per second of the clock.
  public let rate: Double
  private let loader: DemoLoader
  /// The end of the last step appended.
  public private(set) var simulatedUpTo: Date
  /// Events appended so far.
  public private(set) var appended = 0

  /// Registers the job on `scheduler`: steps of `step` seconds after `start`.
  ///
  /// Choose `step` as the clock seconds that pass in one real second (1 for the real clock, N at
  /// `--speed N`): one transaction a second whatever the speed.
  public init(
    simulator: DemoSimulator, rate: Double, loader: DemoLoader, scheduler: Scheduler, start: Date,
    step: TimeInterval
  ) {
    self.simulator = simulator
    self.rate = rate
    self.loader = loader
    simulatedUpTo = start
    scheduler.every(step, startingAfter: start, name: "live simulation") { [self] time in
      appended += try loader.appendLive(simulator, from: simulatedUpTo, to: time, rate: rate)
      simulatedUpTo = time
    }
  }

  /// The clock seconds one real second spans (the speed of an accelerated clock, else 1), at most
  /// `maximumStep`: trails deliver every 5 minutes of the clock and should find each 5 minutes'
  /// events written by then.
  public static func step(for clock: any Clock) -> TimeInterval {
    min(maximumStep, (clock as? AcceleratedClock).map { max(1, $0.speed) } ?? 1)
  }

  /// Five minutes: one step per trail delivery at most, whatever the speed.
  public static let maximumStep: TimeInterval = 300
}
