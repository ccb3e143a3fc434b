import Foundation

/// How much time the Insights timeline shows at once.
public enum InsightsZoom: String, CaseIterable, Sendable {
  case hour
  case day
  case week
  case days90

  /// The window's length.
  public var minutes: Int64 {
    switch self {
    case .hour: 60
    case .day: 1_440
    case .week: 10_080
    case .days90: 129_600
    }
  }

  public var label: String {
    switch self {
    case .hour: "hour"
    case .day: "day"
    case .week: "week"
    case .days90: "90 days"
    }
  }

  /// The next closer zoom, nil at the closest.
  public var zoomedIn: InsightsZoom? {
    let all = Self.allCases
    let index = all.firstIndex(of: self)!
    return index > 0 ? all[index - 1] : nil
  }

  /// The next wider zoom, nil at the widest.
  public var zoomedOut: InsightsZoom? {
    let all = Self.allCases
    let index = all.firstIndex(of: self)!
    return index + 1 < all.count ? all[index + 1] : nil
  }

  /// The zoom a period of `durationMinutes` opens at: the closest that holds it three times over, so
  /// the baseline on both sides shows (the console likewise widens its default span with the duration).
  public static func fitting(durationMinutes: Int64) -> InsightsZoom {
    allCases.first { $0.minutes >= 3 * max(1, durationMinutes) } ?? .days90
  }
}

/// What the Insights pane asks the timeline for: one API's activity over a window of `zoom`'s length
/// ending at `end`, in at most `columns` buckets.
public struct InsightsTimelineRequest: Hashable, Sendable {
  public var subject: InsightSubject
  public var zoom: InsightsZoom
  /// The window's end; it is rounded up to a whole bucket.
  public var end: Date
  /// The chart's width in cells.
  public var columns: Int
  /// Periods to highlight (each start ..< end).
  public var highlights: [Range<Date>]

  public init(
    subject: InsightSubject, zoom: InsightsZoom, end: Date, columns: Int, highlights: [Range<Date>] = []
  ) {
    self.subject = subject
    self.zoom = zoom
    self.end = end
    self.columns = columns
    self.highlights = highlights
  }

  /// Bucket lengths the chart uses, each a whole number of minutes that divides a day or is a day.
  public static let bucketSteps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1_440]

  /// Minutes a bucket: the shortest step that fits the window into `columns` cells (a minute a cell
  /// for an hour; a day a cell for 90 days in 90 or more cells).
  public var bucketMinutes: Int64 {
    let needed = (zoom.minutes + Int64(max(1, columns)) - 1) / Int64(max(1, columns))
    return Self.bucketSteps.first { $0 >= needed } ?? needed
  }

  /// The window in epoch minutes, half-open: its end rounded up to a whole bucket (buckets line up on
  /// UTC minutes, hours and days however the window is scrolled), its start a whole number of buckets
  /// back that covers the zoom.
  public var minutes: Range<Int64> {
    let bucket = bucketMinutes
    let endMinute = Int64((end.timeIntervalSince1970 / 60).rounded(.up))
    let last = (endMinute + bucket - 1) / bucket * bucket
    let count = (zoom.minutes + bucket - 1) / bucket
    return (last - count * bucket)..<last
  }
}

/// One API's per-minute activity over a window, from the rollups, with the model's baseline band:
/// what the Insights pane draws.
public struct InsightsTimeline: Sendable, Equatable {
  /// One bucket (a column of the chart).
  public struct Bucket: Sendable, Equatable {
    /// Its first minute.
    public var start: Date
    /// Call rate: write calls a minute, averaged over the bucket. Error rate: the bucket's failures
    /// with the error code over its calls.
    public var average: Double
    /// The bucket's busiest minute (call rate), or the largest failure share of one of its minutes
    /// (error rate): what a coarse zoom would otherwise average away.
    public var peak: Double
    /// The band at the bucket's middle minute; nil where the model has too little history to judge.
    public var band: InsightBaselineBand?
    /// The index in the request's `highlights` of the first period the bucket overlaps.
    public var highlight: Int?

    public init(
      start: Date, average: Double, peak: Double, band: InsightBaselineBand?, highlight: Int?
    ) {
      self.start = start
      self.average = average
      self.peak = peak
      self.band = band
      self.highlight = highlight
    }
  }

  public var request: InsightsTimelineRequest
  public var bucketMinutes: Int64
  /// Oldest first, covering `request.minutes`.
  public var buckets: [Bucket]

  public init(request: InsightsTimelineRequest, bucketMinutes: Int64, buckets: [Bucket]) {
    self.request = request
    self.bucketMinutes = bucketMinutes
    self.buckets = buckets
  }

  /// Values are shares of calls (0…1), not calls a minute.
  public var isErrorRate: Bool { request.subject.type == .apiErrorRateInsight }

  /// The window's start and end.
  public var start: Date { Date(timeIntervalSince1970: TimeInterval(request.minutes.lowerBound * 60)) }
  public var end: Date { Date(timeIntervalSince1970: TimeInterval(request.minutes.upperBound * 60)) }

  /// The largest value drawn (a peak or a band's top), for the chart's scale.
  public var largestValue: Double {
    buckets.reduce(0) { max($0, $1.peak, $1.average, $1.band?.unusualFrom ?? 0) }
  }
}
