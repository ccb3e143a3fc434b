import Foundation

/// Insights events into the trails that turned Insights on (spec §7.4): gzip `{"Records":[…]}` files
/// under `AWSLogs/[o-id/]ACCOUNT/CloudTrail-Insight/REGION/YYYY/MM/DD/`, one per account and region,
/// with every delivery occurrence.
///
/// Delivered: the Insights events live detection wrote (`insights-live:` sources — never those of
/// `traildeck insights scan` over imported history), of the trail's accounts and regions, whose type
/// and category the trail enables and whose time is at least 36 hours after it enabled them, while
/// the trail logs. An End is written a few minutes after its eventTime (the period must stay quiet
/// first), so Insights delivery trails the clock by `insightsLag`; no event is delivered twice.
/// Insights files are not listed in digests (OPEN: the user guide's digest examples list only log
/// files).
extension TrailDelivery {
  /// How far behind the clock Insights delivery stays, so that events written late are not passed.
  public static let insightsLag: TimeInterval = 600

  func deliverInsights(at time: Date) throws {
    for trail in try trails.allTrails() where trail.insightsEnabledTimes?.isEmpty == false {
      guard let started = trail.startLoggingTime, let enabled = trail.insightsEnabledTimes?.values.min()
      else {
        continue
      }
      var state = try self.state(of: trail)
      var lower = max(started, enabled)
      if let through = state.insightsDeliveredThrough { lower = max(lower, through.addingTimeInterval(1)) }
      var upper = min(time, writtenThrough?() ?? time).addingTimeInterval(-Self.insightsLag)
      if !trail.isLogging {
        guard let stop = trail.stopLoggingTime else { continue }
        upper = min(upper, stop)
      }
      guard lower <= upper else { continue }
      let files = try insightFiles(of: trail, from: lower, through: upper, at: time)
      do throws(BucketError) {
        try put(files, compressed: files.map { Gzip.deflate($0.json) }, of: trail)
      } catch {
        continue  // as for log files: nothing advances, the same window is tried again
      }
      logFilesWritten += files.count
      state.insightsDeliveredThrough = upper
      try save(state, of: trail)
    }
  }

  /// The Insights files of `trail` for events in `[lower, upper]`, one per account and region.
  func insightFiles(of trail: TrailRecord, from lower: Date, through upper: Date, at time: Date) throws
    -> [TrailLogFile]
  {
    let organization = trail.isOrganizationTrail ? try trails.organization() : nil
    guard
      let grant = InsightsScope.grant(of: trail, organization: organization)
        ?? stoppedGrant(trail, organization)
    else { return [] }
    let scope = InsightsScope(grants: [grant])
    let candidates = try insightEvents(from: lower, through: upper)
    var groups: [String: TrailLogFile] = [:]
    var order: [String] = []
    try scanner.scan(rowIDs: candidates) { record in
      guard record.category == .insight, let subject = InsightEventFields(record)?.subject
      else { return }
      let eventTime = Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: record.rowID)))
      // The record does not say whether its API's events were management or data events (OPEN in
      // CloudTrail's format); live detection already judged only what the trail enables.
      var asData = subject
      asData.category = .data
      guard scope.allows(subject, startingAt: eventTime) || scope.allows(asData, startingAt: eventTime) else {
        return
      }
      let group = subject.accountId + "/" + subject.region
      if groups[group] == nil {
        order.append(group)
        groups[group] = TrailLogFile(
          trail: trail, organizationID: organization?.id, account: subject.accountId, region: subject.region,
          time: time, kind: "CloudTrail-Insight")
      }
      groups[group]!.add(record.bytes, eventTime: EventKey.time(of: record.rowID))
    }
    return order.compactMap { groups[$0]?.finished(kmsKeyId: trail.kmsKeyId) }
  }

  /// A trail that stopped logging still owes the Insights of its logging window.
  private func stoppedGrant(_ trail: TrailRecord, _ organization: OrganizationInfo?) -> InsightsScope.Grant? {
    var logging = trail
    logging.isLogging = true
    return InsightsScope.grant(of: logging, organization: organization)
  }

  /// Row ids of the Insights events live detection wrote with times in `[lower, upper]`.
  func insightEvents(from lower: Date, through upper: Date) throws -> [Int64] {
    let low = EventKey.firstRowID(atOrAfter: Int64(lower.timeIntervalSince1970.rounded(.up)))
    let high = EventKey.lastRowID(atOrBefore: Int64(upper.timeIntervalSince1970.rounded(.down)))
    guard low <= high else { return [] }
    let statement = try reader.prepare(
      """
      SELECT e.id FROM events e JOIN ingested_files f ON f.id = e.file_id
      WHERE e.id BETWEEN \(low) AND \(high) AND e.category = \(EventCategory.insight.rawValue)
        AND f.path GLOB 'insights-live:*'
      """)
    var ids: [Int64] = []
    try reader.reading {
      while try statement.step() { ids.append(statement.int64(0)) }
    }
    return ids
  }
}
