import Foundation

// Live mode: records for wall-clock slices after the span, with their own incidents.
extension DemoSimulator {
  /// A live rate for callers that have no simulator at hand (tests, the simulator's own defaults).
  public static let defaultLiveRate = 5.0

  /// The rate live mode uses when none is given: the management events a second the history averages,
  /// so live traffic continues the history instead of jumping to another volume — which Insights,
  /// judging live minutes against the history's baseline, would rightly call unusual everywhere.
  public var historyLiveRate: Double { perMinute.reduce(0, +) / 60 }

  /// Records for the wall-clock slice `from ..< to` at about `rate` background events per second, plus
  /// the live incidents (`liveIncidents(in:rate:)`), the nightly batch (`recurringJobs`) and the service
  /// call chains (`ServiceChainPlan`) where they fall in the slice.
  ///
  /// Deterministic for (seed, rate, whole seconds of the slice): consecutive slices `a..<b`, `b..<c`
  /// never repeat or skip a second. Live eventIDs use a UUID variant that history never does, so they
  /// cannot collide with historical ones. A rate of 0 gives nothing at all.
  public func liveRecords(from: Date, to: Date, rate: Double) -> [DemoRecord] {
    let first = Int64(from.timeIntervalSince1970.rounded(.up))
    let last = Int64(to.timeIntervalSince1970.rounded(.up))
    guard first < last, rate > 0 else { return [] }
    let weights = perMinute
    let total = weights.reduce(0, +)
    var out: [DemoRecord] = []
    for second in first..<last {
      var random = SeededRandom(
        keys: configuration.seed, StableHash.label("live"), UInt64(bitPattern: second))
      let count = Int(rate) + (random.chance(rate - rate.rounded(.down)) ? 1 : 0)
      for _ in 0..<count {
        var pick = random.unit() * total
        var account = 0
        while account < weights.count - 1 && pick >= weights[account] {
          pick -= weights[account]
          account += 1
        }
        let event = backgroundEvent(account: account, time: second, &random)
        out.append(composer.compose(event, &random, isLive: true))
      }
    }
    // Incidents and the batch come whole minutes at a time from generators of their own, then are cut
    // to the slice: the same seconds come out whichever slice asks for them.
    let runs = live.incidents(from: first, to: last, rate: rate).map(\.run)
    var extra: [DemoRecord] = []
    var minute = Self.floorDiv(first, 60)
    while minute * 60 < last {
      for run in runs + [batch.run(containing: minute)].compactMap({ $0 }) where run.contains(minute: minute)
      {
        extra += run.records(minute: minute, composer: composer, isLive: true)
      }
      minute += 1
    }
    // Service chains go in last, by time, so the other records keep their order.
    let chained = serviceChains.records(from: first, to: last, isLive: true)
    extra.removeAll { $0.eventTime < first || $0.eventTime >= last }
    extra.sort { $0.eventTime < $1.eventTime }
    // Resource changes, their configuration items and evidence continue the history's sequences.
    if let configActivity {
      extra = Self.merged(extra[...], configActivity.liveRecords(from: first, to: last))
    }
    guard !extra.isEmpty else { return Self.merged(out[...], chained) }
    return Self.merged(Self.merged(out[...], extra)[...], chained)
  }

  /// The incidents live mode injects at `rate` (as given to `liveRecords`) that overlap `interval`, in
  /// time order: one `apiCallRateBurst` and one `apiErrorStorm` in every 8 hours of UTC time (blocks
  /// from 00:00, 08:00 and 16:00), each inside one hour at :05–:55, never in the nightly batch's hour.
  /// Their API is chosen for `rate`, so ask with the rate the records are made at.
  public func liveIncidents(in interval: DateInterval, rate: Double = DemoSimulator.defaultLiveRate)
    -> [DemoIncident]
  {
    let first = Int64(interval.start.timeIntervalSince1970.rounded(.up))
    let last = Int64(interval.end.timeIntervalSince1970.rounded(.up))
    return live.incidents(from: first, to: last, rate: rate).map(\.incident)
  }
}
