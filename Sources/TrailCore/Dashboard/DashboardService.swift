import Foundation

/// The Dashboard pane's numbers: the hour up to the clock's now, from the per-minute rollups and short
/// backward reads of the time-clustered events table.
public struct DashboardService {
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  private var connection: SQLiteConnection { reader.connection }

  /// The dashboard for the hour up to the clock's now: counts from the per-minute rollups, lists
  /// (source IPs, sign-ins, errors) from short backward reads of the time-clustered events table.
  public func dashboard(region: String?) throws -> DashboardSnapshot {
    let now = reader.clock.now()
    let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
    let lastMinute = nowSeconds / 60
    let firstMinute = lastMinute - 59
    var regionCondition = ""
    var regionID: Int64?
    if let region {
      guard let id = try reader.stringID(region) else { return .empty(asOf: now, region: region) }
      regionCondition = " AND aws_region = \(id)"
      regionID = id
    }
    // The hour's packed rollups (a range read of the table clustered by minute), summed here.
    var perMinute = Array(repeating: 0, count: 60)
    var total = 0
    var reads = 0
    var writes = 0
    var errors = 0
    var byName: [Int64: Int] = [:]
    var byUser: [Int64: Int] = [:]
    var byRegion: [Int64: Int] = [:]
    try Rollups.forEach(in: connection, minutes: firstMinute...lastMinute) { key, stored in
      guard key.category == 0, regionID == nil || key.region == regionID else { return }
      let count = Int(stored)
      perMinute[Int(key.minute - firstMinute)] += count
      total += count
      if key.readOnly == 1 { reads += count } else if key.readOnly == 0 { writes += count }
      if key.error != 0 { errors += count }
      if key.name != 0 { byName[key.name, default: 0] += count }
      if key.user != 0 { byUser[key.user, default: 0] += count }
      if key.region != 0 { byRegion[key.region, default: 0] += count }
    }

    func top(_ counts: [Int64: Int]) throws -> [RankedValue] {
      try RankedValue.ranked(counts, limit: 10, names: connection)
    }

    let low = EventKey.firstRowID(atOrAfter: nowSeconds - 3599)
    let high = EventKey.lastRowID(atOrBefore: nowSeconds)
    let ips = try connection.prepare(
      """
      SELECT source_ip, COUNT(*) AS n FROM events
      WHERE id BETWEEN \(low) AND \(high) AND category = 0 AND source_ip IS NOT NULL\(regionCondition)
      GROUP BY source_ip ORDER BY n DESC, source_ip LIMIT 10
      """)
    var topIPs: [RankedValue] = []
    while try ips.step() { topIPs.append(RankedValue(ips.text(0) ?? "", Int(ips.int64(1)))) }

    // A value no event has makes `page` answer at once with no rows.
    let signInFilter = HistoryFilter(
      attribute: LookupAttribute(.eventName, "ConsoleLogin"), startTime: now.addingTimeInterval(-86_400),
      endTime: now, region: region)
    let signIns = try EventPages(reader).page(signInFilter, after: nil, direction: .older, limit: 8).map(
      signIn)

    return DashboardSnapshot(
      asOf: now, region: region, eventsPerMinute: perMinute, total: total, readCount: reads,
      writeCount: writes, errorCount: errors, topEventNames: try top(byName), topUsers: try top(byUser),
      topSourceIPs: topIPs, eventsPerRegion: try top(byRegion), recentSignIns: signIns,
      recentErrors: try recentErrors(
        region: regionCondition, low: EventKey.firstRowID(atOrAfter: nowSeconds - 86_399), high: high))
  }

  private func recentErrors(region: String, low: Int64, high: Int64) throws -> [EventSummary] {
    let statement = try connection.prepare(
      """
      SELECT \(SummaryColumns.select) FROM events e \(SummaryColumns.joins)
      WHERE e.id BETWEEN \(low) AND \(high) AND e.category = 0 AND e.error_code != 0\(region.replacingOccurrences(of: "aws_region", with: "e.aws_region"))
      ORDER BY e.id DESC LIMIT 8
      """)
    var rows: [EventSummary] = []
    while try statement.step() { rows.append(SummaryColumns.read(statement)) }
    return rows
  }

  /// A ConsoleLogin's outcome lives in the record (`responseElements.ConsoleLogin`, `errorMessage`).
  private func signIn(_ row: EventSummary) throws -> SignInSummary {
    let raw = try EventRecords(reader).record(rowID: row.rowID)
    let object = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any] ?? [:]
    let response = (object["responseElements"] as? [String: Any])?["ConsoleLogin"] as? String
    let isSuccess =
      response == "Success" || (response == nil && object["errorMessage"] == nil && row.errorCode == nil)
    let mfa = ((object["additionalEventData"] as? [String: Any])?["MFAUsed"] as? String).map {
      $0.lowercased() == "yes"
    }
    return SignInSummary(
      rowID: row.rowID, eventTime: row.eventTime, username: row.username ?? "?",
      sourceIPAddress: row.sourceIPAddress ?? "", isSuccess: isSuccess, mfaUsed: mfa)
  }
}

extension DashboardSnapshot {
  static func empty(asOf: Date, region: String?) -> DashboardSnapshot {
    DashboardSnapshot(
      asOf: asOf, region: region, eventsPerMinute: Array(repeating: 0, count: 60), total: 0, readCount: 0,
      writeCount: 0, errorCount: 0, topEventNames: [], topUsers: [], topSourceIPs: [], eventsPerRegion: [],
      recentSignIns: [], recentErrors: [])
  }
}
