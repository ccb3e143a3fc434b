import Foundation

/// Aggregated events into the trails that aggregate their data events (PutEventConfiguration's
/// `AggregationConfigurations`; user guide "Aggregating data events"): with each delivery occurrence,
/// every 5-minute window that has closed since the last is summarized (`AggregatedEvents`) and written
/// as gzip `{"Records":[…]}` files, one per account and region, under
/// `[prefix/]AWSLogs/[o-id/]ACCOUNT/CloudTrail-Aggregated/REGION/YYYY/MM/DD/`
/// `ACCOUNT_CloudTrail-Aggregated_REGION_YYYYMMDDTHHmmZ_UNIQUE16.json.gz` — the folder is the user
/// guide's ("Finding your CloudTrail log files"), the file name TrailDeck's, by analogy with log files
/// (the guide shows only `file_name.json.gz`). SSE-KMS with the trail's key, as its log files.
///
/// What is summarized: exactly the data events the trail logs — the events log delivery would put in
/// its files (live, of its accounts and regions, inside its logging window, selected by its
/// selectors) — whose time falls in a window that starts at or after aggregation was turned on. A
/// window closes at its end (`windowEnd` exclusive); a window without any such event writes nothing.
///
/// Read from the records, not the rollups: the per-minute rollups count every stored event by
/// (account, region, source, name, user name, error), whoever selects it and wherever it came from, so
/// they can tell neither which events a trail's selectors log (a bucket, `readOnly`, an ARN prefix)
/// nor whether an event was imported; and they hold no resource ARN, principal ARN, user agent or
/// source IP, which every template breaks down by. Only the window's data events are read
/// (`events.category`), once for all templates.
extension TrailDelivery {
  /// One occurrence's aggregated files: for each aggregating trail, the windows closed since the last.
  /// - Throws: nothing for a bucket problem (the windows wait for the next occurrence); store errors.
  func deliverAggregated(at time: Date) throws {
    for trail in try trails.allTrails() {
      guard let aggregation = try TrailAggregation.load(trailARN: trail.arn, connection: trails.connection),
        let started = trail.startLoggingTime
      else { continue }
      let window = AggregatedEvents.windowSeconds
      var state = try self.state(of: trail)
      // Windows end at 5-minute marks; one closes when every event before its end is in the store.
      let upper = Int64(min(time, writtenThrough?() ?? time).timeIntervalSince1970.rounded(.down))
      let closedThrough = AggregatedEvents.windowStart(of: upper + 1)
      let enabled = Int64(aggregation.enabledAt.timeIntervalSince1970.rounded(.up))
      var first = AggregatedEvents.windowStart(of: enabled + window - 1)
      if let through = state.aggregatedThrough { first = max(first, Int64(through.timeIntervalSince1970)) }
      var last = closedThrough - 1
      if !trail.isLogging {
        guard let stop = trail.stopLoggingTime, Int64(stop.timeIntervalSince1970) >= first else { continue }
        last = min(last, Int64(stop.timeIntervalSince1970.rounded(.down)))
      }
      guard first < closedThrough else { continue }
      let lower = max(first, Int64(started.timeIntervalSince1970.rounded(.up)))
      let files =
        lower <= last
        ? try aggregatedFiles(of: trail, aggregation, from: lower, through: last, at: time) : []
      do throws(BucketError) {
        try put(files, compressed: files.map { Gzip.deflate($0.json) }, of: trail)
      } catch {
        continue  // as for log files: nothing advances, the same windows are tried again
      }
      logFilesWritten += files.count
      state.aggregatedThrough = Date(timeIntervalSince1970: TimeInterval(closedThrough))
      try save(state, of: trail)
    }
  }

  /// The aggregated-event files of `trail` for its data events with times in `[lower, upper]` (epoch
  /// seconds, whole windows), one per account and region.
  func aggregatedFiles(
    of trail: TrailRecord, _ aggregation: TrailAggregation, from lower: Int64, through upper: Int64,
    at time: Date
  ) throws -> [TrailLogFile] {
    let organization = trail.isOrganizationTrail ? try trails.organization() : nil
    let accounts = Set(organization?.accounts ?? [trail.ownerAccount])
    let selectors = SelectorSet(trail.selectors)
    let candidates = try liveEvents(
      from: Date(timeIntervalSince1970: TimeInterval(lower)),
      through: Date(timeIntervalSince1970: TimeInterval(upper)), category: .data)
    var summary = AggregatedEvents(trailARN: trail.arn, templates: aggregation.templates)
    try scanner.scan(rowIDs: candidates.keys) { record in
      guard record.category == .data, let place = candidates[record.rowID], accounts.contains(place.account),
        applies(trail, to: place), let json = try? JSONValue(parsing: record.bytes),
        selectors.matches(SelectableEvent(record: json)), let facts = AggregatedEventFacts(record: json)
      else { return }
      summary.add(facts, eventTime: EventKey.time(of: record.rowID))
    }
    var files: [String: TrailLogFile] = [:]
    var order: [String] = []
    for record in summary.records() {
      let place = record.account + "/" + record.region
      if files[place] == nil {
        order.append(place)
        files[place] = TrailLogFile(
          trail: trail, organizationID: organization?.id, account: record.account, region: record.region,
          time: time, kind: "CloudTrail-Aggregated")
      }
      record.json.withUnsafeBytes { files[place]!.add($0, eventTime: record.windowStart) }
    }
    return order.compactMap { files[$0]?.finished(kmsKeyId: trail.kmsKeyId) }
  }
}
