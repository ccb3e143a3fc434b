import Foundation

/// A value with its count, for "top N" tiles.
public struct RankedValue: Equatable, Hashable, Sendable {
  public var value: String
  public var count: Int
  public init(_ value: String, _ count: Int) {
    self.value = value
    self.count = count
  }
}

extension RankedValue {
  /// Counts of interned values (`strings` ids) ranked by count, then value in byte order (as SQLite
  /// sorts text); with `limit`, only the largest that many, and only the ids that can make the list
  /// are named.
  static func ranked(_ counts: [Int64: Int], limit: Int? = nil, names connection: SQLiteConnection) throws
    -> [RankedValue]
  {
    var threshold = 0
    if let limit {
      let largest = counts.values.sorted(by: >)
      if largest.count > limit { threshold = largest[limit - 1] }
    }
    let select = try connection.prepare("SELECT value FROM strings WHERE id = ?")
    var values: [RankedValue] = []
    for (id, count) in counts where count >= threshold {
      select.reset()
      select.bindInt(1, id)
      values.append(RankedValue(try select.step() ? select.text(0) ?? "" : "", count))
    }
    let ranked = ordered(values)
    return limit.map { Array(ranked.prefix($0)) } ?? ranked
  }

  /// By count, then value in byte order.
  static func ordered(_ values: [RankedValue]) -> [RankedValue] {
    values.sorted {
      $0.count != $1.count ? $0.count > $1.count : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8)
    }
  }
}

/// A console sign-in (`signin.amazonaws.com` / `ConsoleLogin`) for the dashboard's sign-in tile.
public struct SignInSummary: Equatable, Hashable, Sendable {
  public var rowID: Int64
  public var eventTime: Date
  public var username: String
  public var sourceIPAddress: String
  public var isSuccess: Bool
  public var mfaUsed: Bool?
  public init(
    rowID: Int64, eventTime: Date, username: String, sourceIPAddress: String, isSuccess: Bool, mfaUsed: Bool?
  ) {
    self.rowID = rowID
    self.eventTime = eventTime
    self.username = username
    self.sourceIPAddress = sourceIPAddress
    self.isSuccess = isSuccess
    self.mfaUsed = mfaUsed
  }
}

/// Everything the Dashboard pane draws for the hour up to `asOf`, computed from the per-minute rollups.
public struct DashboardSnapshot: Equatable, Sendable {
  public var asOf: Date
  public var region: String?
  /// Management events per minute, oldest first; the last value is the minute that holds `asOf`.
  public var eventsPerMinute: [Int]
  public var total: Int
  public var readCount: Int
  public var writeCount: Int
  public var errorCount: Int
  public var topEventNames: [RankedValue]
  public var topUsers: [RankedValue]
  public var topSourceIPs: [RankedValue]
  public var eventsPerRegion: [RankedValue]
  public var recentSignIns: [SignInSummary]
  public var recentErrors: [EventSummary]

  public init(
    asOf: Date, region: String?, eventsPerMinute: [Int], total: Int, readCount: Int, writeCount: Int,
    errorCount: Int, topEventNames: [RankedValue], topUsers: [RankedValue], topSourceIPs: [RankedValue],
    eventsPerRegion: [RankedValue], recentSignIns: [SignInSummary], recentErrors: [EventSummary]
  ) {
    self.asOf = asOf
    self.region = region
    self.eventsPerMinute = eventsPerMinute
    self.total = total
    self.readCount = readCount
    self.writeCount = writeCount
    self.errorCount = errorCount
    self.topEventNames = topEventNames
    self.topUsers = topUsers
    self.topSourceIPs = topSourceIPs
    self.eventsPerRegion = eventsPerRegion
    self.recentSignIns = recentSignIns
    self.recentErrors = recentErrors
  }

  /// Errors as a share of all events in the hour, 0…1.
  public var errorRate: Double { total == 0 ? 0 : Double(errorCount) / Double(total) }
}
