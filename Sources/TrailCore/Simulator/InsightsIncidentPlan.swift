/// Where and when the span's Insights-style incidents (`apiCallRateBurst`, `apiErrorStorm`) happen, and
/// their calls; fixed when the simulator is made.
///
/// About two of each kind per week of span, alternating, each in its own equal slot of the span after
/// a warm-up (day 7 when at least 3 days remain after it, else day 2 when at least a day remains, else
/// 36 hours), so every one has history to compare with and none overlaps another. Consecutive incidents
/// walk over the account-region pairs, so they land in different accounts and regions. Each is placed
/// at a random minute of its slot where an API fits (see `InsightsAPIChoice`), away from the four
/// classic incidents and the nightly batch; when no minute of the slot has one in its account and
/// region (a storm on a quiet weekend in a small region), the next pairs of the walk are tried, and
/// failing those the nearest miss is taken.
struct InsightsIncidentPlan: Sendable {
  var incidents: [DemoIncident] = []
  /// Sorted by first minute, never overlapping.
  var runs: [CallRun] = []

  /// No incident starts earlier than this after the span's start: a detector needs a baseline first.
  static let earliest: Int64 = 36 * 3600
  /// Incidents of each kind per 7 days of span.
  static let perWeek = 2.0
  /// The shortest slot worth an incident: the longest one plus room either side.
  static let shortestSlot: Int64 = 30 * 60
  /// Quiet minutes kept after an incident, before its slot ends.
  static let gapMinutes = 5
  /// Tries at a random minute of the slot in its own account and region, then in each other one,
  /// before settling for the best one found.
  static let tries = 40
  static let triesElsewhere = 8

  /// - Parameters:
  ///   - accountPerHour: background calls an hour of an account (index) at a time (epoch seconds).
  ///   - accountAverage: background calls an hour of an account (index) on average over a week.
  ///   - busy: epoch-second ranges to keep clear (the classic incidents).
  init(
    seed: UInt64, span: (start: Int64, end: Int64), accounts: [DemoAccount], regionNames: [String],
    rates: BackgroundRates, accountPerHour: (Int, Int64) -> Double, accountAverage: (Int) -> Double,
    busy: [Range<Int64>], batch: NightlyBatch
  ) {
    let day: Int64 = 86_400
    let duration = span.end - span.start
    let warmUp = duration >= 10 * day ? 7 * day : duration >= 3 * day ? 2 * day : Self.earliest
    let first = -DemoSimulator.floorDiv(-(span.start + warmUp), 60) * 60
    let room = span.end - first
    let perKind = max(1, Int((Double(duration) / Double(7 * day) * Self.perWeek).rounded()))
    let count = min(2 * perKind, Int(max(0, room) / Self.shortestSlot))
    guard count > 0 else { return }
    var random = SeededRandom(keys: seed, StableHash.label("insights-plan"))
    let firstKind = random.below(2)
    let accountCount = accounts.count
    let regionCount = regionNames.count
    let accountOffset = random.below(accountCount)
    let regionOffset = random.below(regionCount)

    func clear(_ start: Int64, _ end: Int64) -> Bool {
      let margin: Int64 = 10 * 60
      if busy.contains(where: { $0.overlaps((start - margin)..<(end + margin)) }) { return false }
      // The nightly batch (01:56–02:14) with room around it: a spike there is not an incident's.
      for night in [DemoSimulator.floorDiv(start, day), DemoSimulator.floorDiv(end, day)] {
        let quiet = (night * day + 105 * 60)..<(night * day + 150 * 60)
        if quiet.overlaps(start..<end) { return false }
      }
      return true
    }

    for slot in 0..<count {
      let slotStart = first + room * Int64(slot) / Int64(count)
      let slotEnd = first + room * Int64(slot + 1) / Int64(count)
      let kind: DemoIncidentKind = (slot + firstKind) % 2 == 0 ? .apiCallRateBurst : .apiErrorStorm
      let minutes = InsightsIncidentFactory.minutes(kind, &random)
      let low = -DemoSimulator.floorDiv(-slotStart, 60)
      let high = DemoSimulator.floorDiv(slotEnd, 60) - Int64(minutes + Self.gapMinutes)
      guard high >= low else { continue }
      var best: (minute: Int64, account: Int, region: Int, choice: InsightsAPIChoice)?
      // Step `slot` of a walk that visits every (account, region) once before repeating and changes both
      // at each step when it can: account a, region a + q for step = q × accounts + a.
      pairs: for step in slot..<(slot + accountCount * regionCount) {
        let pair = step % (accountCount * regionCount)
        let account = (pair % accountCount + accountOffset) % accountCount
        let region = (pair % accountCount + pair / accountCount + regionOffset) % regionCount
        let excluding = account == batch.account && region == batch.region ? batch.api : nil
        let average = { rates.perHour(api: $0, region: region, accountPerHour: accountAverage(account)) }
        for _ in 0..<(step == slot ? Self.tries : Self.triesElsewhere) {
          let minute = low + Int64(random.below(Int(high - low + 1)))
          guard clear(minute * 60, (minute + Int64(minutes)) * 60) else { continue }
          let perAccount = accountPerHour(account, minute * 60)
          let perHour = { rates.perHour(api: $0, region: region, accountPerHour: perAccount) }
          let choice =
            kind == .apiCallRateBurst
            ? InsightsAPIChoice.burst(
              region: region, excluding: excluding, rates: rates, perHour: perHour, average: average, &random)
            : InsightsAPIChoice.storm(
              region: region, excluding: excluding, rates: rates, perHour: perHour, &random)
          if best == nil || choice.miss < best!.choice.miss { best = (minute, account, region, choice) }
          if choice.miss == 0 { break pairs }
        }
      }
      guard let best else { continue }
      let made = InsightsIncidentFactory.make(
        kind, key: StableHash.combine(StableHash.label("insights"), UInt64(slot)), seed: seed,
        firstMinute: best.minute, minutes: minutes, account: accounts[best.account], region: best.region,
        regionName: regionNames[best.region], choice: best.choice, catalog: rates.catalog, &random)
      runs.append(made.run)
      incidents.append(made.incident)
    }
  }

  /// The run that covers epoch `minute`, if one does.
  func run(containing minute: Int64) -> CallRun? {
    var low = 0
    var high = runs.count
    while low < high {
      let mid = (low + high) / 2
      if runs[mid].firstMinute <= minute { low = mid + 1 } else { high = mid }
    }
    guard low > 0, runs[low - 1].contains(minute: minute) else { return nil }
    return runs[low - 1]
  }
}
