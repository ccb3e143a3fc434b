import ArgumentParser
import Foundation
import TrailCore

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Fill the store with a simulated organization's CloudTrail events (deterministic for a seed).",
    discussion: """
      Generates management events of IAM users, assumed roles, AWS services and console sign-ins across \
      accounts and regions, with a day/night rhythm, ~3% errors and injected incidents: four classic \
      ones in the first account and us-east-1 (a burst of IAM writes, an AccessDenied storm, a console \
      login from a new IP, one access key used from two countries) and, for testing a CloudTrail \
      Insights-style detector, about two API call-rate bursts (one rarely called write API, 4–8 calls in \
      every minute) and two API error storms (5–10 failures a minute with one error code) per week of \
      span in varying accounts and regions, none in the first 36 hours. A harmless nightly batch job \
      (CreateSnapshot 15–25 times a minute around 02:00 UTC, every night) is not an incident. Every \
      incident is printed with its kind, API, error code, account, region and times, and so is the job. \
      Alongside them: data events (S3 object reads and writes, \
      Lambda invocations, DynamoDB item calls; about 3 for every 10 management events), network activity \
      events of calls through VPC endpoints (a few of them refused by the endpoint policy), and AWS \
      service events (KMS key and Secrets Manager rotations). Event history (lookup-events, the UI's \
      history) shows management events only, as CloudTrail's does; `traildeck stats` counts every \
      category. Records pass through the same validation as log files.

      The span is --days (default 30) or --hours long and ends at the clock's now (--now); with \
      --start it begins there instead (`--start 2026-01-01T00:00:00Z --hours 2` generates \
      00:00–02:00; events after the clock's now are stored but Event history does not show them yet). \
      With --live, keeps adding events as the clock passes at --rate events per clock second until \
      interrupted, or until the clock reaches --until; with --speed N the clock runs N times faster \
      (`--now 2026-01-01T00:00:00Z --live --speed 3600 --until 2026-01-01T06:00:00Z` adds six hours of \
      events in about six seconds). Live events are management events; live mode also injects one \
      call-rate burst and one error storm in every 8 hours of UTC time and runs the nightly job, and \
      prints each live incident when the clock reaches its start. The demo's first account becomes the \
      store's management account.

      The demo organization has CloudTrail Insights on: after seeding, the detector runs over the \
      history (as `traildeck insights scan` does) and, with --live, once a minute of the clock, so \
      `lookup-events --event-category insight` and the UI show its Insights events. --no-insights skips \
      both.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: "Days of history to generate (default 30; not with --hours).") var days: Int?
  @Option(help: "Hours of history to generate instead of days (1–8784).") var hours: Int?
  @Option(
    help: ArgumentHelp(
      "Begin the span at this ISO 8601 time instead of ending it at the clock's now.", valueName: "time"))
  var start: String?
  @Option(help: "Number of AWS accounts (1–9).") var accounts = 3
  @Option(help: "Number of regions (1–8; us-east-1 first).") var regions = 3
  @Option(help: "Random seed: the same seed gives the same events.") var seed: UInt64 = 1
  @Flag(help: "After seeding, keep producing events in real time.") var live = false
  @Flag(
    inversion: .prefixedNo,
    help: "Detect Insights over the simulated history (and live): the demo organization has Insights on.")
  var insights = true
  @Option(
    help:
      "Events per second of the clock in --live mode (default: the history's own average, about 0.1 per account)."
  )
  var rate: Double?
  @Option(
    help: ArgumentHelp("With --live: stop once the clock reaches this ISO 8601 time.", valueName: "time"))
  var until: String?

  func validate() throws {
    if days != nil && hours != nil {
      throw ValidationError("Please give either --days or --hours, not both.")
    }
    if let days, !(1...366).contains(days) { throw ValidationError("Please give --days between 1 and 366.") }
    if let hours, !(1...(366 * 24)).contains(hours) {
      throw ValidationError("Please give --hours between 1 and \(366 * 24).")
    }
    if let start {
      guard ISO8601Time.parseUserTime(start) != nil else {
        throw ValidationError(
          "Please give --start as an ISO 8601 time (2024-01-02T03:04:05Z); got '\(start)'.")
      }
      guard !live else {
        throw ValidationError("Please give --start without --live: live events begin at the clock's now.")
      }
    }
    guard (1...9).contains(accounts) else { throw ValidationError("Please give --accounts between 1 and 9.") }
    guard (1...8).contains(regions) else { throw ValidationError("Please give --regions between 1 and 8.") }
    if let rate, !(rate > 0 && rate <= 10_000) {
      throw ValidationError("Please give --rate between 0 and 10000.")
    }
    if let until {
      guard live else { throw ValidationError("Please give --until only with --live.") }
      guard ISO8601Time.parseUserTime(until) != nil else {
        throw ValidationError(
          "Please give --until as an ISO 8601 time (2024-01-02T03:04:05Z); got '\(until)'.")
      }
    }
    if live && store.isClockFixed {
      throw ValidationError(
        "Please add --speed or drop --now: with --now alone the clock stands still, so --live would never add an event."
      )
    }
  }

  func run() throws {
    let context = try store.context()
    let clock = context.clock
    let now = clock.now()
    let simulator = DemoSimulator(configuration: configuration(endingAt: now))
    let loader = try DemoLoader(databasePath: store.db, clock: clock)
    let bar = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    let summary = try loader.seed(simulator) { events, fraction in
      bar.showText("seeding demo account: \(Int(fraction * 100))%  \(events) events")
    }
    bar.clear()
    say(
      "demo: \(summary.eventsLoaded) events loaded (\(summary.alreadyIngested) hours already present) into \(store.db)"
    )
    for incident in simulator.incidents { say("  " + Self.describe(incident)) }
    for job in simulator.recurringJobs { say("  " + Self.describe(job)) }
    if insights {
      // The simulated organization has Insights on: its history carries the Insights events a trail
      // with both types would have had (the detector needs 36 hours of it first).
      let span = simulator.configuration.span
      let found = try InsightsScan(context: context).run(from: span.start, to: span.end)
      say(
        "insights: \(found.periods.count) periods, \(found.eventsStored) Insights events stored"
          + " (lookup-events --event-category insight; the UI's Insights pane)")
    }
    guard live else { return }
    let rate = self.rate ?? simulator.historyLiveRate
    let end = until.flatMap(ISO8601Time.parseUserTime)
    say(
      "live: adding ~\(Self.rateText(rate)) events per clock second\(store.speed.map { " at \($0)× speed" } ?? "")"
        + (end.map { " until \(ISO8601Time.format($0))" } ?? "; Ctrl-C to stop"))
    // The live events are a scheduled job; this loop is the driver: once a real second it runs what
    // the clock has made due.
    let scheduler = Scheduler()
    let simulation = LiveSimulation(
      simulator: simulator, rate: rate, loader: loader, scheduler: scheduler, start: now,
      step: LiveSimulation.step(for: clock))
    // Trails deliver what they log as the clock passes, after each simulated step.
    let delivery = try TrailDelivery(context: context)
    delivery.writtenThrough = { simulation.simulatedUpTo }
    try delivery.schedule(on: scheduler)
    // Insights judged once a minute of the clock over what the simulation has written.
    if insights {
      let detection = try InsightsLive(context: context)
      detection.fixedScope = .everything(since: .distantPast)
      detection.writtenThrough = { simulation.simulatedUpTo }
      detection.schedule(on: scheduler, startingAfter: now)
    }
    // Lake dashboards refresh on their schedules of the clock.
    DashboardsLive(context: context).schedule(on: scheduler, startingAfter: now)
    // Live incidents are announced once the simulation has written their start; one already under way
    // at the start is announced with the first step.
    var announcedUpTo = now
    func announce() {
      let upTo = simulation.simulatedUpTo
      guard upTo > announcedUpTo else { return }
      for incident in simulator.liveIncidents(in: DateInterval(start: announcedUpTo, end: upTo), rate: rate)
      where incident.start >= announcedUpTo || announcedUpTo == now {
        say("  live " + Self.describe(incident))
      }
      announcedUpTo = upTo
    }
    while true {
      Thread.sleep(forTimeInterval: 1)
      let now = clock.now()
      if let end, now >= end {
        try scheduler.runDue(upTo: end)
        announce()
        break
      }
      try scheduler.runDue(upTo: now)
      announce()
    }
    say("live: \(simulation.appended) events added up to \(ISO8601Time.format(simulation.simulatedUpTo))")
  }

  /// `0.5`, `0.31`, `5`: two decimals at most, no trailing zeros.
  static func rateText(_ rate: Double) -> String {
    var text = String(format: "%.2f", rate)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// One line per incident: kind, times, API and error code where it has one, account, region, summary.
  static func describe(_ incident: DemoIncident) -> String {
    var line =
      "incident \(incident.kind): \(ISO8601Time.format(incident.start)) – \(ISO8601Time.format(incident.end))"
    if let source = incident.eventSource, let name = incident.eventName { line += "  \(source) \(name)" }
    if let code = incident.errorCode { line += " \(code)" }
    return line + "  \(incident.accountId) \(incident.region)  \(incident.summary)"
  }

  /// One line per recurring job: when, what, where, and that it is harmless.
  static func describe(_ job: DemoRecurringJob) -> String {
    let at = String(format: "%02d:%02d", job.hour, job.minute)
    return
      "recurring \(job.name) (not an incident): daily at \(at) UTC ±\(job.jitterMinutes) min for "
      + "\(job.durationMinutes) min  \(job.eventSource) \(job.eventName)  \(job.accountId) \(job.region)  "
      + job.summary
  }

  /// The span the options ask for: from --start if given, else ending at `now`.
  private func configuration(endingAt now: Date) -> DemoConfiguration {
    let length = hours.map { Double($0) * 3600 } ?? Double(days ?? 30) * 86_400
    let begin = start.flatMap(ISO8601Time.parseUserTime) ?? now.addingTimeInterval(-length)
    guard start != nil || hours != nil else {
      // --days alone: exactly the configuration earlier versions made, so a seed keeps its events.
      return DemoConfiguration(seed: seed, days: days ?? 30, accounts: accounts, regions: regions, end: now)
    }
    return DemoConfiguration(seed: seed, start: begin, duration: length, accounts: accounts, regions: regions)
  }

  /// Prints a line at once (unbuffered), so a pipe reading `demo --live` sees each as it is said.
  private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}
