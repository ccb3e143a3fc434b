/// Live mode's Insights-style incidents: one `apiCallRateBurst` and one `apiErrorStorm` in every 8 hours
/// of epoch time (blocks starting 00:00, 08:00, 16:00 UTC), each in its own hour of the block at a
/// minute from :05 to :40, so it ends within its hour and the two never overlap. The 02:00 hour is left
/// to the nightly batch. Account, region and API are drawn from (seed, block); the API is chosen from
/// live mode's flat background at the given rate (live traffic has no day/night rhythm), so which API
/// fits depends on the rate.
struct LiveInsights: Sendable {
  static let blockHours: Int64 = 8

  let seed: UInt64
  let accounts: [DemoAccount]
  let regionNames: [String]
  let rates: BackgroundRates
  /// Each account's share of live background calls.
  let accountShares: [Double]
  let batch: NightlyBatch

  /// The incidents (with their runs) that overlap `from ..< to` (epoch seconds) at `rate` events a
  /// second, in time order.
  func incidents(from: Int64, to: Int64, rate: Double) -> [(run: CallRun, incident: DemoIncident)] {
    guard from < to, rate > 0 else { return [] }
    let length = Self.blockHours * 3600
    var out: [(run: CallRun, incident: DemoIncident)] = []
    var block = DemoSimulator.floorDiv(from, length)
    while block * length < to {
      out += incidents(block: block, rate: rate).filter {
        $0.run.endMinute * 60 > from && $0.run.firstMinute * 60 < to
      }
      block += 1
    }
    return out
  }

  private func incidents(block: Int64, rate: Double) -> [(run: CallRun, incident: DemoIncident)] {
    var random = SeededRandom(keys: seed, StableHash.label("live-insights"), UInt64(bitPattern: block))
    var hours = (0..<Self.blockHours).map { block * Self.blockHours + $0 }.filter {
      DemoSimulator.floorMod($0, 24) != 2
    }
    var out: [(run: CallRun, incident: DemoIncident)] = []
    for (index, kind) in [DemoIncidentKind.apiCallRateBurst, .apiErrorStorm].enumerated() {
      let hour = hours.remove(at: random.below(hours.count))
      let minutes = InsightsIncidentFactory.minutes(kind, &random)
      let firstMinute = hour * 60 + Int64(random.within(5...40))
      let account = random.below(accounts.count)
      let region = random.below(regionNames.count)
      let excluding = account == batch.account && region == batch.region ? batch.api : nil
      let perAccount = rate * 3600 * accountShares[account]
      let perHour = { rates.perHour(api: $0, region: region, accountPerHour: perAccount) }
      let choice =
        kind == .apiCallRateBurst
        ? InsightsAPIChoice.burst(
          region: region, excluding: excluding, rates: rates, perHour: perHour, average: perHour, &random)
        : InsightsAPIChoice.storm(
          region: region, excluding: excluding, rates: rates, perHour: perHour, &random)
      out.append(
        InsightsIncidentFactory.make(
          kind,
          key: StableHash.combine(
            StableHash.label("live-insights"), UInt64(bitPattern: block), UInt64(index)),
          seed: seed, firstMinute: firstMinute, minutes: minutes, account: accounts[account], region: region,
          regionName: regionNames[region], choice: choice, catalog: rates.catalog, &random))
    }
    return out.sorted { $0.run.firstMinute < $1.run.firstMinute }
  }
}
