import Crypto
import Foundation

/// Delivers what trails log into their buckets (spec §5, §6): every 5 minutes of the clock, each
/// logging trail's matching events as gzip `{"Records":[…]}` files, one per account and region, in
/// CloudTrail's key layout; every hour, for trails with log file validation, a signed digest per
/// region (and per account of an organization trail), chained.
///
/// What a trail delivers: events that enter the store live — through `RecordIntake` (the simulator,
/// later API calls and channels), never events imported from log files — whose time falls in the
/// trail's logging window (from StartLogging to StopLogging, inclusive), of its account (every account
/// of the organization for an organization trail), in a region where it applies, that its selectors
/// select. Insights events go to their own folder (`TrailDelivery+Insights.swift`), and so do the
/// summaries of trails that aggregate their data events (`TrailDelivery+Aggregated.swift`).
///
/// State lives in the store (`trail_status`): what each trail has delivered up to and its digests'
/// chains, so a crash, a restart or a one-shot `traildeck deliver` continues where delivery stopped:
/// no event twice, none lost. A bucket that is missing or unwritable sets `LatestDeliveryError`, and
/// the same events are tried again at the next occurrence.
public final class TrailDelivery {
  /// CloudTrail publishes log files about every 5 minutes (spec §5.2).
  public static let interval: TimeInterval = 300
  /// Digests are hourly, at a fixed offset in the hour; AWS's examples show one offset per trail
  /// (`…T071728Z`, `…T081728Z`); TrailDeck uses one for all trails, 17 min 28 s.
  public static let digestInterval: TimeInterval = 3600
  public static let digestOffset: TimeInterval = 17 * 60 + 28

  let context: StoreContext
  let trails: TrailStore
  let reader: SQLiteConnection
  let scanner: RecordScanner
  let folder: BucketFolder
  let keyRing: SigningKeyRing
  /// The KMS keys of trails with a `KmsKeyId`: their log files are SSE-KMS (`KmsEnvelope`).
  let kmsKeys: KmsKeyRing
  /// SNS topics and CloudWatch Logs groups, written after each successful delivery.
  public var notifications: TrailNotifications
  /// How far live events are already in the store, when a writer in this process lags the clock (the
  /// live simulation appends a step at a time): delivery never passes it, so no event is written
  /// behind a delivery that already went by. Nil: everything up to the clock is written.
  public var writtenThrough: (() -> Date)?
  /// Log files and digests this delivery has written (what `traildeck deliver` reports).
  public internal(set) var logFilesWritten = 0
  public internal(set) var digestsWritten = 0

  /// Opens the store for delivery (a writer for state, a reader for events).
  public init(context: StoreContext) throws {
    self.context = context
    trails = try TrailStore(databasePath: context.databasePath)
    reader = try EventStore.openReader(path: context.databasePath)
    scanner = RecordScanner(connection: reader)
    folder = BucketFolder(context)
    keyRing = SigningKeyRing(connection: trails.connection, clock: context.clock)
    kmsKeys = KmsKeyRing(context)
    notifications = TrailNotifications(context)
  }

  // MARK: Scheduling

  /// Registers delivery and digests on `scheduler`, from where delivery last stopped (or the earliest
  /// logging trail's start) so that a process started late catches up on every occurrence in order.
  public func schedule(on scheduler: Scheduler) throws {
    let start = try resumePoint()
    scheduler.every(Self.interval, startingAfter: start, name: "trail delivery") { [self] time in
      try deliver(at: time)
    }
    scheduler.every(
      Self.digestInterval, offset: Self.digestOffset, startingAfter: start, name: "trail digests"
    ) {
      [self] time in try writeDigests(at: time)
    }
  }

  /// Runs every delivery and digest due up to `now` (what `traildeck deliver` does).
  @discardableResult
  public func runDue(upTo now: Date) throws -> Int {
    let scheduler = Scheduler()
    try schedule(on: scheduler)
    return try scheduler.runDue(upTo: now)
  }

  /// Where the schedule resumes: the last occurrence run, or just before the earliest logging
  /// window that still has something to deliver; the clock's now when there is none.
  func resumePoint() throws -> Date {
    var candidates: [Date] = []
    for trail in try trails.allTrails() {
      let state = try self.state(of: trail)
      if let lower = deliveryStart(trail, state) { candidates.append(lower.addingTimeInterval(-1)) }
    }
    if let last = try lastOccurrence() { candidates.append(last) }
    return min(candidates.min() ?? context.clock.now(), context.clock.now())
  }

  // MARK: Delivering

  /// One delivery occurrence at `time`: each trail's events from where it stopped up to `time`.
  ///
  /// - Throws: nothing for a bucket problem (recorded in the trail's status); store errors.
  public func deliver(at time: Date) throws {
    for trail in try trails.allTrails() {
      var state = try self.state(of: trail)
      guard let lower = deliveryStart(trail, state) else { continue }
      var upper = min(time, writtenThrough?() ?? time)
      if !trail.isLogging, let stop = trail.stopLoggingTime { upper = min(upper, stop) }
      guard lower <= upper else { continue }
      let files = try logFiles(of: trail, from: lower, through: upper, at: time)
      var failure: BucketError?
      // Compressing is most of a delivery's CPU: the files of an occurrence are compressed on every core.
      let compressed = files.map(\.json).concurrentMap { Gzip.deflate($0) }
      do throws(BucketError) { try put(files, compressed: compressed, of: trail) } catch { failure = error }
      if let failure {
        // Nothing advances: the same window is delivered again, whole, at the next occurrence.
        for region in Set(files.map(\.region)) {
          var status = try trails.status(arn: trail.arn, region: region)
          status.latestDeliveryAttemptTime = time
          status.latestDeliveryError = failure.code
          try trails.save(status, arn: trail.arn, region: region)
        }
        continue
      }
      // The digest hashes the uncompressed plaintext, so it holds for an SSE-KMS file too.
      let delivered = files.map { ($0, $0.digestEntry(bucket: trail.s3BucketName)) }
      logFilesWritten += delivered.count
      // After the files are in the bucket: one SNS notification for the batch, the records to
      // CloudWatch Logs (spec §5.3, §5.4). Neither is retried: the log files are what delivery owes.
      let deliveredFiles = delivered.map(\.0)
      var notificationError: String?
      if let topic = trail.snsTopicARN, !deliveredFiles.isEmpty {
        notificationError = notifications.publish(
          topicARN: topic, bucket: trail.s3BucketName, keys: deliveredFiles.map(\.key), at: time)
      }
      var logsErrors: [String: String] = [:]
      if let group = trail.cloudWatchLogsLogGroupArn {
        let organizationID = trail.isOrganizationTrail ? trail.organizationId : nil
        for file in deliveredFiles {
          if let error = notifications.send(file, groupARN: group, organizationID: organizationID) {
            logsErrors[file.region] = error
          }
        }
      }
      for region in Set(files.map(\.region)) {
        var status = try trails.status(arn: trail.arn, region: region)
        status.latestDeliveryTime = time
        status.latestDeliveryAttemptTime = time
        status.latestDeliveryAttemptSucceeded = time
        status.latestDeliveryError = nil
        if trail.snsTopicARN != nil {
          status.latestNotificationAttemptTime = time
          status.latestNotificationError = notificationError
          if notificationError == nil {
            status.latestNotificationTime = time
            status.latestNotificationAttemptSucceeded = time
          }
        }
        if trail.cloudWatchLogsLogGroupArn != nil {
          status.latestCloudWatchLogsDeliveryError = logsErrors[region]
          if logsErrors[region] == nil { status.latestCloudWatchLogsDeliveryTime = time }
        }
        try trails.save(status, arn: trail.arn, region: region)
      }
      state.deliveredThrough = upper
      if trail.logFileValidationEnabled {
        for (file, entry) in delivered {
          state.digests[file.account + "/" + file.region, default: DigestProgress()].files.append(
            entry.stored)
        }
        // Stopping logging emits a final digest, once the files up to the stop are delivered (§6.1).
        if !trail.isLogging, upper == trail.stopLoggingTime, !state.finalDigestWritten {
          try writeDigests(of: trail, state: &state, at: time, isFinal: true)
        }
      }
      try save(state, of: trail)
    }
    try deliverInsights(at: time)
    try deliverAggregated(at: time)
    try setLastOccurrence(time)
  }

  /// Puts `files` (their gzip bytes in `compressed`) into the trail's bucket, sealed for its KMS key,
  /// all or none: after a failure the files this call wrote are taken back, so that delivering the same
  /// window again never puts an event in two files.
  func put(_ files: [TrailLogFile], compressed: [[UInt8]], of trail: TrailRecord) throws(BucketError) {
    var written: [TrailLogFile] = []
    do throws(BucketError) {
      for (file, gzip) in zip(files, compressed) {
        var bytes = gzip
        if let kmsKeyId = trail.kmsKeyId {
          bytes = try encrypt(bytes, with: kmsKeyId, bucket: trail.s3BucketName, key: file.key)
        }
        try folder.put(bucket: trail.s3BucketName, key: file.key, bytes: bytes, metadata: file.metadata)
        written.append(file)
      }
    } catch {
      for file in written { try? folder.delete(bucket: trail.s3BucketName, key: file.key) }
      throw error
    }
  }

  /// `gzip` sealed for the trail's KMS key (`KmsEnvelope`), as S3 stores an SSE-KMS object.
  /// - Throws: `BucketError` with S3's `KMS.` code: `KMS.NotFoundException` when the key has left the
  ///   ring, which the trail's status shows as `LatestDeliveryError` until it is back.
  func encrypt(_ gzip: [UInt8], with kmsKeyId: String, bucket: String, key: String) throws(BucketError)
    -> [UInt8]
  {
    // The trail keeps the key's ARN, which names its own account and region.
    guard let kmsKey = try? kmsKeys.resolve(kmsKeyId, account: "", region: "") else {
      throw BucketError(
        code: "KMS.NotFoundException", bucket: bucket, key: key,
        message: "KMS key \(kmsKeyId) is not in TrailDeck's key ring (\(kmsKeys.directory)).")
    }
    do {
      return try KmsEnvelope.seal(gzip, with: kmsKey)
    } catch {
      throw BucketError(
        code: "KMS.KMSInternalException", bucket: bucket, key: key, message: "Cannot encrypt: \(error).")
    }
  }

  /// Where the trail's next delivery starts: after what it delivered, inside its logging window; nil
  /// when it has nothing left to deliver.
  func deliveryStart(_ trail: TrailRecord, _ state: TrailDeliveryState) -> Date? {
    guard let started = trail.startLoggingTime else { return nil }
    var lower = started
    if let through = state.deliveredThrough, through >= started { lower = through.addingTimeInterval(1) }
    if !trail.isLogging {
      guard let stop = trail.stopLoggingTime, stop >= started, lower <= stop else { return nil }
    }
    return lower
  }

  /// The log files of `trail` for events in `[lower, upper]`, one per account and region.
  func logFiles(of trail: TrailRecord, from lower: Date, through upper: Date, at time: Date) throws
    -> [TrailLogFile]
  {
    let organization = trail.isOrganizationTrail ? try trails.organization() : nil
    let accounts = Set(organization?.accounts ?? [trail.ownerAccount])
    let selectors = SelectorSet(trail.selectors)
    let columns = ColumnSelector(trail.selectors)
    let candidates = try liveEvents(from: lower, through: upper)
    var groups: [String: TrailLogFile] = [:]
    var order: [String] = []
    try scanner.scan(rowIDs: candidates.keys) { record in
      guard let place = candidates[record.rowID], accounts.contains(place.account),
        applies(trail, to: place), record.category != .insight
      else { return }
      if let columns {
        guard columns.matches(category: record.category, readOnly: place.readOnly) else { return }
      } else {
        guard let event = try? SelectableEvent(recordJSON: record.bytes), selectors.matches(event) else {
          return
        }
      }
      let group = place.account + "/" + place.region
      if groups[group] == nil {
        order.append(group)
        groups[group] = TrailLogFile(
          trail: trail, organizationID: organization?.id, account: place.account, region: place.region,
          time: time)
      }
      groups[group]!.add(record.bytes, eventTime: EventKey.time(of: record.rowID))
    }
    return order.compactMap { groups[$0]?.finished(kmsKeyId: trail.kmsKeyId) }
  }

  /// Whether `trail` logs events of `place`'s region: its home region or every region, and global
  /// service events (IAM, STS, sign-in… recorded in us-east-1) only when it includes them — a
  /// single-region trail elsewhere then receives them too.
  func applies(_ trail: TrailRecord, to place: EventPlace) -> Bool {
    if place.isGlobalService {
      guard trail.includeGlobalServiceEvents else { return false }
      return true
    }
    return trail.applies(in: place.region)
  }

  /// Row ids of events that entered the store live, with time in `[lower, upper]` (and of `category`
  /// when given), and where each happened.
  func liveEvents(from lower: Date, through upper: Date, category: EventCategory? = nil) throws
    -> [Int64: EventPlace]
  {
    let low = EventKey.firstRowID(atOrAfter: Int64(lower.timeIntervalSince1970.rounded(.up)))
    let high = EventKey.lastRowID(atOrBefore: Int64(upper.timeIntervalSince1970.rounded(.down)))
    guard low <= high else { return [:] }
    let sources = RecordIntake.liveSourceSchemes.map { "f.path GLOB '\($0):*'" }.joined(separator: " OR ")
    let statement = try reader.prepare(
      """
      SELECT e.id, ea.value, er.value, es.value, e.read_only FROM events e
      JOIN ingested_files f ON f.id = e.file_id
      JOIN strings ea ON ea.id = e.account JOIN strings er ON er.id = e.aws_region
      JOIN strings es ON es.id = e.event_source
      WHERE e.id BETWEEN \(low) AND \(high) AND (\(sources))\(category.map { " AND e.category = \($0.rawValue)" } ?? "")
      """)
    var places: [Int64: EventPlace] = [:]
    try reader.reading {
      while try statement.step() {
        let region = statement.text(2) ?? ""
        let source = statement.text(3) ?? ""
        places[statement.int64(0)] = EventPlace(
          account: statement.text(1) ?? "", region: region,
          isGlobalService: EventPlace.isGlobalService(region: region, source: source),
          readOnly: statement.isNull(4) ? nil : statement.int64(4) == 1)
      }
    }
    return places
  }

}
