import Foundation

/// TrailDeck's Insights detection model. CloudTrail does not document its own (spec §7.2, OPEN); this
/// one follows what the user guide says of the baseline (the 7 days before, read from per-minute
/// counts) and is built to be robust to what real traffic does:
///
/// - **Baseline**: the trailing 7 days of the clock before the minute judged (less when the store holds
///   less history, but at least 36 hours), from the per-minute rollups — events are never rescanned.
/// - **Day/night rhythm and recurring jobs**: the same two hours of each of the 7 previous days (the
///   minute ± 60 min) give a seasonal rate and a seasonal peak. A minute is unusual only when it is
///   improbable under the larger of the weekly and the seasonal rate (Poisson tail below 10⁻⁴) *and*
///   clearly above every minute seen at that time of day in the baseline (at least the peak + 2 and
///   1.5 × the peak): a nightly batch that runs 20 calls a minute every night is part of its baseline.
/// - **Sparse APIs**: an API needs at least 2 calls a day on average in its baseline (and 10 in all);
///   one seen twice a week that fires three times is not an insight.
/// - **Noise**: a minute needs at least 3 calls (call rate) or 3 failures with one error code (error
///   rate); a period opens on two unusual minutes no more than 3 minutes apart, or on one minute that
///   is overwhelming (Poisson tail below 10⁻⁹, at least 5, at least twice the seasonal peak). It ends
///   after 3 minutes without an unusual minute.
/// - **Error rate** judges the count of failures with one error code against the API's baseline error
///   rate applied to that minute's calls, and asks the minute's failure share to exceed the baseline
///   share by 0.2.
public struct InsightModel: Sendable, Equatable {
  /// The baseline's length (7 days).
  public var baselineMinutes: Int64 = 10_080
  /// The least history a judgement needs (36 hours).
  public var minimumHistoryMinutes: Int64 = 2_160
  /// Half the width of the same-time-of-day window of each baseline day.
  public var seasonalHalfWidth: Int64 = 60
  /// Calls (or failures) a day an API's baseline needs, on average.
  public var minimumBaselinePerDay: Double = 2
  /// Calls (or failures) the baseline needs in all.
  public var minimumBaselineTotal: Int64 = 10
  /// The least count of an unusual minute.
  public var minimumCount: Int64 = 3
  /// The least count of a minute that opens a period alone.
  public var minimumStrongCount: Int64 = 5
  /// A minute is unusual below this Poisson tail probability.
  public var unusualPValue: Double = 1e-4
  /// A minute opens a period alone below this one.
  public var strongPValue: Double = 1e-9
  /// Error rate: the least rise of the minute's failure share over the baseline's.
  public var minimumShareRise: Double = 0.2
  /// A period ends after this many minutes without an unusual minute.
  public var quietMinutesToClose: Int64 = 3

  public init() {}

  /// How one minute looks against its baseline.
  struct Verdict {
    var isUnusual: Bool
    var isStrong: Bool
  }

  /// A baseline's length and total over `[start, minute)`, or nil when there is too little history.
  func baselineWindow(at minute: Int64, historyStart: Int64) -> Range<Int64>? {
    let start = max(historyStart, minute - baselineMinutes)
    return minute - start >= minimumHistoryMinutes ? start..<minute : nil
  }

  /// Whether a baseline of `total` over `minutes` is dense enough to judge against.
  func isDense(total: Int64, minutes: Int64) -> Bool {
    total >= minimumBaselineTotal && Double(total) >= minimumBaselinePerDay * Double(minutes) / 1440
  }

  /// The same-time-of-day windows of the baseline days: their total, their length and their peak.
  func seasonal(_ series: MinuteSeries, at minute: Int64, within window: Range<Int64>) -> (
    total: Int64, minutes: Int64, peak: Int64
  ) {
    var total: Int64 = 0
    var length: Int64 = 0
    var peak: Int64 = 0
    var day: Int64 = 1
    while minute - day * 1440 + seasonalHalfWidth >= window.lowerBound {
      let center = minute - day * 1440
      let range =
        max(
          window.lowerBound, center - seasonalHalfWidth)..<min(
          window.upperBound, center + seasonalHalfWidth + 1)
      if !range.isEmpty {
        total += series.sum(range)
        length += Int64(range.count)
        peak = max(peak, series.peak(range))
      }
      day += 1
    }
    return (total, length, peak)
  }

  /// Judges a count `x` against a rate `lambda` per minute and a seasonal `peak`.
  func judge(_ x: Int64, rate lambda: Double, peak: Int64) -> Verdict {
    let no = Verdict(isUnusual: false, isStrong: false)
    guard x >= minimumCount, x >= peak + 2, Double(x) >= 1.5 * Double(peak) else { return no }
    let p = Self.poissonTail(x, lambda)
    guard p < unusualPValue else { return no }
    return Verdict(isUnusual: true, isStrong: p < strongPValue && x >= minimumStrongCount && x >= 2 * peak)
  }

  /// Call rate: the write calls of one API at `minute`.
  func judgeCalls(_ calls: MinuteSeries, at minute: Int64, historyStart: Int64) -> Verdict {
    let x = calls.count(at: minute)
    guard x >= minimumCount, let window = baselineWindow(at: minute, historyStart: historyStart) else {
      return Verdict(isUnusual: false, isStrong: false)
    }
    let total = calls.sum(window)
    guard isDense(total: total, minutes: Int64(window.count)) else {
      return Verdict(isUnusual: false, isStrong: false)
    }
    let season = seasonal(calls, at: minute, within: window)
    let weekly = Double(total) / Double(window.count)
    let daily = season.minutes > 0 ? Double(season.total) / Double(season.minutes) : 0
    return judge(x, rate: max(weekly, daily), peak: season.peak)
  }

  /// Error rate: the failures with one error code of one API at `minute`, against all its calls.
  func judgeErrors(
    _ errors: MinuteSeries, calls: MinuteSeries, at minute: Int64, historyStart: Int64
  ) -> Verdict {
    let failures = errors.count(at: minute)
    guard failures >= minimumCount, let window = baselineWindow(at: minute, historyStart: historyStart) else {
      return Verdict(isUnusual: false, isStrong: false)
    }
    let allCalls = calls.sum(window)
    guard isDense(total: allCalls, minutes: Int64(window.count)) else {
      return Verdict(isUnusual: false, isStrong: false)
    }
    let share = Double(errors.sum(window)) / Double(allCalls)
    let callsNow = max(calls.count(at: minute), failures)
    guard Double(failures) / Double(callsNow) >= share + minimumShareRise else {
      return Verdict(isUnusual: false, isStrong: false)
    }
    let season = seasonal(errors, at: minute, within: window)
    // At least one failure in the baseline's length: an API that never failed is not infinitely sure.
    let rate = max(
      Double(errors.sum(window)) / Double(window.count),
      season.minutes > 0 ? Double(season.total) / Double(season.minutes) : 0,
      Double(callsNow) * share, 1 / Double(window.count))
    return judge(failures, rate: rate, peak: season.peak)
  }

  /// P(X ≥ x) for X Poisson with mean `lambda`, summed from x upwards in log space (terms fall fast
  /// once k is past lambda); 1 when x is not above the mean.
  static func poissonTail(_ x: Int64, _ lambda: Double) -> Double {
    guard x > 0 else { return 1 }
    guard lambda > 0 else { return 0 }
    guard Double(x) > lambda else { return 1 }
    var sum = 0.0
    var k = Double(x)
    var term = exp(k * log(lambda) - lambda - lgamma(k + 1))
    while term > sum * 1e-12 && k < Double(x) + 1000 {
      sum += term
      k += 1
      term *= lambda / k
    }
    return min(1, sum)
  }
}
