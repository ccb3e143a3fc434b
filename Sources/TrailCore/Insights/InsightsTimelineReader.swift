import Foundation

/// Builds an `InsightsTimeline` from the per-minute rollups — the counts detection itself reads, never
/// the events — with the baseline band of the same `InsightModel`.
public struct InsightsTimelineReader {
  public let reader: StoreReader
  public var model = InsightModel()

  public init(_ reader: StoreReader) { self.reader = reader }

  /// The timeline `request` asks for. The rollups read reach a baseline (7 days) before the window, so
  /// its first buckets get their band too.
  public func timeline(_ request: InsightsTimelineRequest) throws -> InsightsTimeline {
    let window = request.minutes
    let bucket = request.bucketMinutes
    let loaded = try InsightRollups.load(
      from: reader.connection, minutes: (window.lowerBound - model.baselineMinutes)...(window.upperBound - 1),
      subject: request.subject)
    let empty = MinuteSeries()
    let api = loaded?.api
    let writes = api.flatMap { loaded?.rollups.writes[$0] } ?? empty
    let calls = api.flatMap { loaded?.rollups.calls[$0] } ?? empty
    let failures =
      api.flatMap { api in loaded?.error.flatMap { loaded?.rollups.failures[.init(api: api, error: $0)] } }
      ?? empty
    let historyStart = loaded?.rollups.historyStart ?? .max
    let isErrorRate = request.subject.type == .apiErrorRateInsight
    let highlights = request.highlights.map { range in
      Int64(
        (range.lowerBound.timeIntervalSince1970 / 60).rounded(.down))..<Int64(
          (range.upperBound.timeIntervalSince1970 / 60).rounded(.up))
    }
    var buckets: [InsightsTimeline.Bucket] = []
    var first = window.lowerBound
    while first < window.upperBound {
      let minutes = first..<(first + bucket)
      let middle = first + bucket / 2
      let average: Double
      let peak: Double
      let band: InsightBaselineBand?
      if isErrorRate {
        let all = calls.sum(minutes)
        average = all > 0 ? Double(failures.sum(minutes)) / Double(all) : 0
        peak = Self.largestShare(failures, calls: calls, in: minutes)
        band = model.errorRateBand(failures, calls: calls, at: middle, historyStart: historyStart)
      } else {
        average = Double(writes.sum(minutes)) / Double(bucket)
        peak = Double(writes.peak(minutes))
        band = model.callRateBand(writes, at: middle, historyStart: historyStart)
      }
      let highlight = highlights.firstIndex { $0.overlaps(minutes) }
      buckets.append(
        InsightsTimeline.Bucket(
          start: Date(timeIntervalSince1970: TimeInterval(first * 60)), average: average, peak: peak,
          band: band, highlight: highlight))
      first += bucket
    }
    return InsightsTimeline(request: request, bucketMinutes: bucket, buckets: buckets)
  }

  /// The largest failure share of one minute of `minutes`: only minutes with failures can have one,
  /// and a minute's calls include its failures (so a share is at most 1).
  static func largestShare(_ failures: MinuteSeries, calls: MinuteSeries, in minutes: Range<Int64>) -> Double
  {
    var best = 0.0
    var i = failures.index(atOrAfter: minutes.lowerBound)
    while i < failures.minutes.count && failures.minutes[i] < minutes.upperBound {
      let failed = failures.counts[i]
      let all = max(calls.count(at: failures.minutes[i]), failed)
      if all > 0 { best = max(best, Double(failed) / Double(all)) }
      i += 1
    }
    return best
  }
}
