import Foundation

extension HistoryService {
  /// The dashboard for the hour up to the clock's now: counts from the per-minute rollups, lists
  /// (source IPs, sign-ins, errors) from short backward reads of the time-clustered events table.
  public func dashboard(region: String?) throws -> DashboardSnapshot {
    let now = clock.now()
    let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.down))
    let lastMinute = nowSeconds / 60
    let firstMinute = lastMinute - 59
    var regionCondition = ""
    var regionID: Int64?
    if let region {
      guard let id = try stringID(region) else { return .empty(asOf: now, region: region) }
      regionCondition = " AND aws_region = \(id)"
      regionID = id
    }
    // The rollups' id range of the hour: a range read of the table clustered by minute.
    func window(_ alias: String = "") -> String {
      let column = alias.isEmpty ? "" : alias + "."
      return Rollups.minutes(firstMinute, lastMinute, alias: alias) + " AND \(column)category = 0"
        + (regionID.map { " AND \(column)aws_region = \($0)" } ?? "")
    }

    var perMinute = Array(repeating: 0, count: 60)
    let minutes = try connection.prepare(
      "SELECT id >> \(Rollups.slotBits), SUM(count) FROM rollup_counts WHERE \(window()) GROUP BY 1")
    while try minutes.step() { perMinute[Int(minutes.int64(0) - firstMinute)] = Int(minutes.int64(1)) }

    let totals = try connection.prepare(
      """
      SELECT COALESCE(SUM(count), 0), COALESCE(SUM(CASE WHEN read_only = 1 THEN count END), 0),
        COALESCE(SUM(CASE WHEN read_only = 0 THEN count END), 0),
        COALESCE(SUM(CASE WHEN error_code != 0 THEN count END), 0)
      FROM rollup_counts WHERE \(window())
      """)
    _ = try totals.step()

    func top(_ column: String, limit: Int = 10) throws -> [RankedValue] {
      let statement = try connection.prepare(
        """
        SELECT s.value, SUM(r.count) AS n FROM rollup_counts r JOIN strings s ON s.id = r.\(column)
        WHERE \(window("r")) AND r.\(column) != 0
        GROUP BY r.\(column) ORDER BY n DESC, s.value LIMIT \(limit)
        """)
      var values: [RankedValue] = []
      while try statement.step() {
        values.append(RankedValue(statement.text(0) ?? "", Int(statement.int64(1))))
      }
      return values
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
    let signIns = try page(signInFilter, after: nil, direction: .older, limit: 8).map(signIn)
    let errors = try recentErrors(
      region: regionCondition, low: EventKey.firstRowID(atOrAfter: nowSeconds - 86_399), high: high)

    return DashboardSnapshot(
      asOf: now, region: region, eventsPerMinute: perMinute, total: Int(totals.int64(0)),
      readCount: Int(totals.int64(1)), writeCount: Int(totals.int64(2)), errorCount: Int(totals.int64(3)),
      topEventNames: try top("event_name"), topUsers: try top("username"), topSourceIPs: topIPs,
      eventsPerRegion: try top("aws_region"), recentSignIns: signIns, recentErrors: errors)
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
    let raw = try record(rowID: row.rowID)
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
