import Foundation

/// How often background traffic calls each API in one account and region: the same numbers the
/// simulator's background generator draws from (account volume, catalog weight, region split), so an
/// injected incident can choose its API by how busy that API normally is.
struct BackgroundRates: Sendable {
  let catalog: ServiceCatalog
  let regionCount: Int
  private let totalWeight: Double

  init(catalog: ServiceCatalog, regionCount: Int) {
    self.catalog = catalog
    self.regionCount = regionCount
    totalWeight = catalog.apis.reduce(0) { $0 + $1.weight }
  }

  /// The share of an API's calls recorded in `region`, as `DemoSimulator.backgroundEvent` draws it:
  /// global services (and sign-ins) all in us-east-1 (index 0); the others half there and half spread
  /// evenly over the other regions.
  func regionShare(api: Int, region: Int) -> Double {
    if catalog.apis[api].service.isGlobal || regionCount == 1 { return region == 0 ? 1 : 0 }
    return region == 0 ? 0.5 : 0.5 / Double(regionCount - 1)
  }

  /// Expected calls per hour of `api` in `region` of an account that makes `accountPerHour`
  /// background calls an hour (all APIs and regions together).
  func perHour(api: Int, region: Int, accountPerHour: Double) -> Double {
    accountPerHour * catalog.apis[api].weight / totalWeight * regionShare(api: api, region: region)
  }
}

/// The subject API of an Insights-style incident, chosen by its normal background rate.
struct InsightsAPIChoice: Sendable {
  var api: Int
  /// Expected background calls per hour of `api` at the incident's time, account and region.
  var perHour: Double
  /// How far `perHour` is from what the incident wants: 0 when it fits, larger the worse.
  var miss: Double

  /// Calls per hour a burst's API normally sees: a few, so that 4–8 a minute stands out clearly.
  static let burstRange = 1.0...10.0
  /// Calls per hour a storm's API normally sees at least: steady traffic that goes on around the
  /// failures, so the error rate (not the call rate) is what changes.
  static let stormMinimum = 20.0
  /// Never subjects, because background traffic has only one kind of caller for them and an incident's
  /// principals would look out of place: sign-ins (their own event type, no error code), web-identity
  /// exchanges (CI's OIDC provider), SSM agents' heartbeats (instance roles) and log streams (workloads).
  static let excluded: Set<String> = [
    "ConsoleLogin", "AssumeRoleWithWebIdentity", "UpdateInstanceInformation", "CreateLogStream",
  ]

  /// A write API that `region` records, normally called within `burstRange` times an hour at the
  /// incident's time (`perHour(api)`) and at most `burstRange.upperBound` times an hour on average over
  /// a week (`average(api)`), so its baseline is a few calls an hour whatever the time of day: a random
  /// one of those. When none is, the nearest miss.
  static func burst(
    region: Int, excluding: Int?, rates: BackgroundRates, perHour: (Int) -> Double,
    average: (Int) -> Double, _ random: inout SeededRandom
  ) -> InsightsAPIChoice {
    let candidates = allowed(region: region, excluding: excluding, rates: rates).filter {
      !rates.catalog.apis[$0].isReadOnly
    }
    let scored = candidates.map { api -> InsightsAPIChoice in
      let rate = perHour(api)
      let busy = max(0, log(average(api) / burstRange.upperBound))
      let miss =
        burstRange.contains(rate) && busy == 0 ? 0 : rate > 0 ? abs(log(rate / 3)) + busy + 0.01 : .infinity
      return InsightsAPIChoice(api: api, perHour: rate, miss: miss)
    }
    return best(scored, &random)
  }

  /// An API (read or write) that `region` records, normally called at least `stormMinimum` times an
  /// hour (a random one of those); when none is, the busiest.
  static func storm(
    region: Int, excluding: Int?, rates: BackgroundRates, perHour: (Int) -> Double,
    _ random: inout SeededRandom
  ) -> InsightsAPIChoice {
    let candidates = allowed(region: region, excluding: excluding, rates: rates)
    let scored = candidates.map { api -> InsightsAPIChoice in
      let rate = perHour(api)
      let miss = rate >= stormMinimum ? 0 : rate > 0 ? log(stormMinimum / rate) : .infinity
      return InsightsAPIChoice(api: api, perHour: rate, miss: miss)
    }
    return best(scored, &random)
  }

  private static func allowed(region: Int, excluding: Int?, rates: BackgroundRates) -> [Int] {
    rates.catalog.apis.indices.filter { index in
      index != excluding && !excluded.contains(rates.catalog.apis[index].name)
        && rates.regionShare(api: index, region: region) > 0
    }
  }

  /// A random fitting choice, else the nearest miss (the first on ties, so the choice stays stable).
  private static func best(_ scored: [InsightsAPIChoice], _ random: inout SeededRandom) -> InsightsAPIChoice {
    let fitting = scored.filter { $0.miss == 0 }
    if !fitting.isEmpty { return random.pick(fitting) }
    var best = scored[0]
    for choice in scored.dropFirst() where choice.miss < best.miss { best = choice }
    return best
  }
}
