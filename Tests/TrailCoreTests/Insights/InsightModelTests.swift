import Foundation
import Testing

@testable import TrailCore

/// The detection model on hand-made per-minute series: what it must flag (a burst on a quiet API, an
/// error storm) and what it must not (a sparse API firing a few times, a nightly job at its usual
/// hour, one busy minute, too little history).
@Suite("Insights model")
struct InsightModelTests {
  static let day: Int64 = 1440
  /// Nine days of history from minute 0; judged minutes are on day 9.
  static let judgedDay: Int64 = 9 * day

  /// A series with `count` at each minute of `minutes`.
  static func series(_ pairs: [(Int64, Int64)]) -> MinuteSeries {
    var series = MinuteSeries()
    for (minute, count) in pairs.sorted(by: { $0.0 < $1.0 }) where count > 0 {
      series.add(minute: minute, count: count)
    }
    return series
  }

  /// One call every `every` minutes over the first nine days: a few calls an hour.
  static func steady(every: Int64, count: Int64 = 1) -> [(Int64, Int64)] {
    stride(from: 7, to: judgedDay, by: Int(every)).map { ($0, count) }
  }

  static func periods(_ series: MinuteSeries, in range: Range<Int64>) -> [(first: Int64, last: Int64)] {
    let detector = InsightDetector(model: InsightModel())
    return detector.groups(of: series, in: range) {
      detector.model.judgeCalls(series, at: $0, historyStart: 0)
    }
  }

  @Test func aBurstOnAnAPICalledAFewTimesAnHourOpensAPeriodAtItsFirstMinute() {
    let burstStart = Self.judgedDay + 600
    let burst = (0..<6).map { (burstStart + $0, Int64(4 + $0 % 3)) }
    let found = Self.periods(
      Self.series(Self.steady(every: 15) + burst), in: Self.judgedDay..<(Self.judgedDay + Self.day))
    #expect(found.count == 1)
    #expect(found.first?.first == burstStart && found.first?.last == burstStart + 5)
  }

  @Test func threeCallsOfAnAPISeenTwiceAWeekAreNotAnInsight() {
    let sparse: [(Int64, Int64)] = [(2 * Self.day + 300, 1), (6 * Self.day + 900, 1)]
    let fired: [(Int64, Int64)] = [(Self.judgedDay + 60, 3), (Self.judgedDay + 61, 3)]
    #expect(
      Self.periods(Self.series(sparse + fired), in: Self.judgedDay..<(Self.judgedDay + Self.day)).isEmpty)
  }

  @Test func aNightlyJobAtItsUsualHourIsNotAnInsightButTheSameLoadAtNoonIs() {
    // 20 calls a minute for 10 minutes at 02:00 (± a few minutes) every night, on an API that otherwise
    // runs a few times an hour.
    var pairs = Self.steady(every: 20)
    for night in 0...9 {
      let start = Int64(night) * Self.day + 120 + Int64((night * 3) % 7) - 3
      pairs += (0..<10).map { (start + $0, 20) }
    }
    let night = Self.judgedDay..<(Self.judgedDay + 600)
    #expect(Self.periods(Self.series(pairs), in: night).isEmpty)
    let noon = Self.judgedDay + 720
    pairs += (0..<10).map { (noon + $0, 20) }
    let found = Self.periods(Self.series(pairs), in: Self.judgedDay..<(Self.judgedDay + Self.day))
    #expect(found.map(\.first) == [noon])
  }

  @Test func oneBusyMinuteAlonePassesUnlessItIsOverwhelming() {
    let single = Self.series(Self.steady(every: 15) + [(Self.judgedDay + 100, 3)])
    #expect(Self.periods(single, in: Self.judgedDay..<(Self.judgedDay + Self.day)).isEmpty)
    let huge = Self.series(Self.steady(every: 15) + [(Self.judgedDay + 100, 40)])
    #expect(Self.periods(huge, in: Self.judgedDay..<(Self.judgedDay + Self.day)).count == 1)
  }

  @Test func nothingIsJudgedBefore36HoursOfHistory() {
    let model = InsightModel()
    #expect(model.baselineWindow(at: 2159, historyStart: 0) == nil)
    #expect(model.baselineWindow(at: 2160, historyStart: 0) == 0..<2160)
    // Past a week, the baseline is the trailing 7 days.
    #expect(
      model.baselineWindow(at: Self.judgedDay, historyStart: 0) == (Self.judgedDay - 10_080)..<Self.judgedDay)
    let early = Self.series([(5, 1), (700, 1), (1400, 1), (2000, 8), (2001, 8), (2002, 8)])
    #expect(Self.periods(early, in: 0..<2100).isEmpty)
  }

  @Test func anErrorStormNeedsItsShareOfCallsToRise() {
    // 3 successful calls a minute, one AccessDenied an hour: normal.
    var failures = (0..<Self.judgedDay).filter { $0 % 60 == 0 }.map { ($0, Int64(1)) }
    let storm = Self.judgedDay + 500
    failures += (0..<8).map { (storm + $0, Int64(6)) }
    // In the storm's minutes the API makes its 3 calls plus the 6 failures.
    var callPairs = (0..<(Self.judgedDay + Self.day)).map { ($0, Int64($0 % 60 == 0 ? 4 : 3)) }
    for i in callPairs.indices where (storm..<(storm + 8)).contains(callPairs[i].0) { callPairs[i].1 += 6 }
    let allCalls = Self.series(callPairs)
    let errors = Self.series(failures)
    let detector = InsightDetector(model: InsightModel())
    let found = detector.groups(of: errors, in: Self.judgedDay..<(Self.judgedDay + Self.day)) {
      detector.model.judgeErrors(errors, calls: allCalls, at: $0, historyStart: 0)
    }
    #expect(found.count == 1 && found.first?.first == storm)
    // The same failures on an API that makes a thousand calls a minute are a share that did not rise.
    let busy = Self.series((0..<(Self.judgedDay + Self.day)).map { ($0, 1000) })
    let quiet = detector.groups(of: errors, in: Self.judgedDay..<(Self.judgedDay + Self.day)) {
      detector.model.judgeErrors(errors, calls: busy, at: $0, historyStart: 0)
    }
    #expect(quiet.isEmpty)
  }

  /// P(X ≥ x); 1 when x is not above the mean (such a count is never unusual).
  @Test(arguments: [(Int64(3), 0.1, 1.547e-4), (5, 0.01, 8.25e-13), (10, 4, 0.008132), (2, 3, 1)])
  func poissonTail(x: Int64, lambda: Double, expected: Double) {
    let p = InsightModel.poissonTail(x, lambda)
    #expect(abs(p - expected) / expected < 0.01, "P(X ≥ \(x) | λ=\(lambda)) = \(p)")
  }
}
