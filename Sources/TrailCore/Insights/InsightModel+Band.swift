/// The baseline band of the Insights timeline at one minute: from what `InsightModel` expects there to
/// the least value it would call unusual, so a bar that reaches the top of the band is one the detector
/// flags (when its neighbours are unusual too) and a bar inside it is ordinary for that time of day.
///
/// Drawn from the model itself rather than from a period's `baseline.average`: the average is one flat
/// number for 7 days, while the model judges each minute against the same two hours of the previous
/// days, so a nightly batch's busy hour gets a band as high as the batch and a quiet night a low one.
public struct InsightBaselineBand: Sendable, Equatable {
  /// The expected value: the larger of the weekly and the same-time-of-day rate (calls a minute), or
  /// the baseline share of calls failing with the error code (error rate).
  public var expected: Double
  /// The least value judged unusual: for call rate the least count of a minute whose Poisson tail under
  /// `expected` is below 10⁻⁴ and that clears the seasonal peak (peak + 2 and 1.5 × peak, at least 3);
  /// for error rate the baseline share plus the model's least rise (0.2), at most 1.
  public var unusualFrom: Double

  public init(expected: Double, unusualFrom: Double) {
    self.expected = expected
    self.unusualFrom = unusualFrom
  }
}

extension InsightModel {
  /// The call-rate band at `minute` over the API's write calls, or nil where the model would not judge:
  /// less than 36 hours of history, or a baseline too sparse.
  func callRateBand(_ writes: MinuteSeries, at minute: Int64, historyStart: Int64) -> InsightBaselineBand? {
    guard let window = baselineWindow(at: minute, historyStart: historyStart) else { return nil }
    let total = writes.sum(window)
    guard isDense(total: total, minutes: Int64(window.count)) else { return nil }
    let season = seasonal(writes, at: minute, within: window)
    let weekly = Double(total) / Double(window.count)
    let daily = season.minutes > 0 ? Double(season.total) / Double(season.minutes) : 0
    let rate = max(weekly, daily)
    return InsightBaselineBand(
      expected: rate, unusualFrom: Double(leastUnusualCount(rate: rate, peak: season.peak)))
  }

  /// The error-rate band at `minute`: the API's baseline share of calls failing with the error code,
  /// and that share plus the least rise the model asks of an unusual minute.
  func errorRateBand(
    _ errors: MinuteSeries, calls: MinuteSeries, at minute: Int64, historyStart: Int64
  ) -> InsightBaselineBand? {
    guard let window = baselineWindow(at: minute, historyStart: historyStart) else { return nil }
    let allCalls = calls.sum(window)
    guard isDense(total: allCalls, minutes: Int64(window.count)) else { return nil }
    let share = Double(errors.sum(window)) / Double(allCalls)
    return InsightBaselineBand(expected: share, unusualFrom: min(1, share + minimumShareRise))
  }

  /// The least count `judge` calls unusual under `rate` and a seasonal `peak`: the count conditions
  /// first, then upwards until the Poisson tail falls below `unusualPValue` (the tail only falls as the
  /// count grows, and is 1 up to the rate, so the search starts past it).
  func leastUnusualCount(rate: Double, peak: Int64) -> Int64 {
    var x = max(minimumCount, peak + 2, Int64((1.5 * Double(peak)).rounded(.up)))
    if rate.isFinite, Double(x) <= rate { x = Int64(rate.rounded(.down)) + 1 }
    let limit = x + 1_000_000
    while x < limit && Self.poissonTail(x, rate) >= unusualPValue { x += 1 }
    return x
  }
}
