import ArgumentParser
import Foundation
import TrailCore

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Fill the store with a simulated organization's CloudTrail events (deterministic for a seed).",
    discussion: """
      Generates IAM users, assumed roles, AWS services and console sign-ins across accounts and regions, with
      a day/night rhythm, ~3% errors and four injected incidents (a burst of IAM writes, an AccessDenied
      storm, a console login from a new IP, one access key used from two countries); their times are
      printed. Records pass through the same validation as log files. The span ends at the clock's now
      (--now). With --live, keeps adding events in real time at --rate events/s until interrupted.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "Days of history to generate.") var days = 30
  @Option(help: "Number of AWS accounts (1–9).") var accounts = 3
  @Option(help: "Number of regions (1–8; us-east-1 first).") var regions = 3
  @Option(help: "Random seed: the same seed gives the same events.") var seed: UInt64 = 1
  @Flag(help: "After seeding, keep producing events in real time.") var live = false
  @Option(help: "Events per second in --live mode.") var rate: Double = 5

  func validate() throws {
    guard (1...366).contains(days) else { throw ValidationError("Please give --days between 1 and 366.") }
    guard (1...9).contains(accounts) else { throw ValidationError("Please give --accounts between 1 and 9.") }
    guard (1...8).contains(regions) else { throw ValidationError("Please give --regions between 1 and 8.") }
    guard rate > 0 && rate <= 10_000 else { throw ValidationError("Please give --rate between 0 and 10000.") }
  }

  func run() throws {
    let clock = try store.clock()
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: seed, days: days, accounts: accounts, regions: regions, end: clock.now()))
    let loader = try DemoLoader(databasePath: store.db)
    let bar = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    let summary = try loader.seed(simulator) { events, fraction in
      bar.showText("seeding demo account: \(Int(fraction * 100))%  \(events) events")
    }
    bar.clear()
    print(
      "demo: \(summary.eventsLoaded) events loaded (\(summary.alreadyIngested) hours already present) into \(store.db)"
    )
    for incident in simulator.incidents {
      print(
        "  incident \(incident.kind): \(ISO8601Time.format(incident.start)) – \(ISO8601Time.format(incident.end))  \(incident.summary)"
      )
    }
    guard live else { return }
    print("live: adding ~\(rate) events/s; Ctrl-C to stop")
    var last = clock.now()
    while true {
      Thread.sleep(forTimeInterval: 1)
      let now = last.addingTimeInterval(1)
      try loader.appendLive(simulator, from: last, to: now, rate: rate)
      last = now
    }
  }
}
