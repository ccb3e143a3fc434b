import CSQLite
import Foundation

/// What writing one file did.
public struct FileOutcome: Sendable, Equatable {
  public var path: String
  public var kind: LogFileKind
  public var loaded: Int
  public var duplicates: Int
  public var rejected: Int
  /// True when the journal already had this exact file (same path and content): nothing was done.
  public var wasAlreadyIngested: Bool
}

/// The only code that inserts events. Owns the read-write connection; one per process at a time.
///
/// A batch of whole files is written in one transaction together with their journal rows, so a
/// process killed at any moment leaves either all of a file (and its journal row) or none of it.
final class EventWriter {
  let connection: SQLiteConnection
  /// Stamps the journal's rows (when a file was ingested) and new dictionaries.
  let clock: any Clock
  private let strings: StringInterner
  private let eventIDs: EventIDIndex
  private let insertEvent: SQLiteStatement
  private let insertBlock: SQLiteStatement
  private let insertParameterPage: SQLiteStatement
  private let insertPosting: SQLiteStatement
  private let findFile: SQLiteStatement
  private let insertFile: SQLiteStatement
  private let insertRejection: SQLiteStatement
  private let updateFile: SQLiteStatement
  private let insertDictionary: SQLiteStatement
  private let rollupAppender: RollupAppender<RollupKey>
  private let arnRollupAppender: RollupAppender<ArnRollupKey>
  private let resourceRollupAppender: RollupAppender<ResourceTypeRollupKey>
  private let hourRollupAppender: RollupAppender<HourRollupKey>
  private let configItems: ConfigItemWriter
  private var rollups = RollupAccumulator<RollupKey>()
  private var arnRollups = RollupAccumulator<ArnRollupKey>()
  private var resourceRollups = RollupAccumulator<ResourceTypeRollupKey>()
  private var postings = PostingBuffer()
  /// Files inserted events into the event data stores that collect them (and an import's destination).
  let collector: EventDataStoreCollector
  /// Where the writer's time goes (printed by `traildeck-bench ingest`).
  private(set) var timings = WriterTimings()

  init(connection: SQLiteConnection, clock: any Clock) throws {
    self.connection = connection
    self.clock = clock
    strings = try StringInterner(connection)
    eventIDs = try EventIDIndex(connection)
    // `access_key` is 0 since version 11: the key is text (`?20`), see `AccessKeyPostings`.
    insertEvent = try connection.prepare(
      """
      INSERT INTO events (id, event_id, event_time, category, event_type, event_name, event_source, aws_region,
        account, username, access_key, read_only, error_code, source_ip, resources, file_id, raw, raw_dict,
        raw_block_slot, access_key_text, params_slot)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
      """)
    insertParameterPage = try connection.prepare(
      "INSERT INTO \(RequestParameterPage.table) (id, last_time, bytes) VALUES (?, ?, ?)")
    insertBlock = try connection.prepare(
      "INSERT INTO raw_blocks (dict, last_time, bytes) VALUES (?, ?, ?)")
    insertPosting = try connection.prepare(PostingBuffer.insertSQL)
    findFile = try connection.prepare("SELECT id FROM ingested_files WHERE path = ? AND content_hash = ?")
    insertFile = try connection.prepare(
      """
      INSERT INTO ingested_files (path, size, content_hash, kind, events, duplicates, rejected, ingested_at)
      VALUES (?, ?, ?, ?, 0, 0, 0, ?)
      """)
    insertRejection = try connection.prepare(
      "INSERT INTO rejections (file_id, location, field, reason) VALUES (?, ?, ?, ?)")
    insertDictionary = try connection.prepare(
      "INSERT OR IGNORE INTO raw_dictionaries (id, bytes, created_at) VALUES (?, ?, ?)")
    updateFile = try connection.prepare(
      "UPDATE ingested_files SET events = ?, duplicates = ?, rejected = ? WHERE id = ?")
    rollupAppender = try RollupAppender(connection)
    arnRollupAppender = try RollupAppender(connection)
    resourceRollupAppender = try RollupAppender(connection)
    hourRollupAppender = try RollupAppender(connection)
    collector = try EventDataStoreCollector(connection: connection)
    configItems = try ConfigItemWriter(connection)
  }

  /// Moves everything committed in the WAL into the database file, so the file alone is complete
  /// (someone may copy it); done once at the end of a run, not per transaction.
  func checkpoint() {
    try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }

  /// Moves the eventID runs into `event_id_index` when they have grown enough (see `EventIDRuns`);
  /// done at the end of a run, not per transaction. Everything is committed by then: if this fails
  /// (another writer kept the store past the busy timeout), the runs stay valid and the next run moves
  /// them, so the failure is not the run's.
  func consolidateEventIDs() {
    timings.measure(\.eventIDs) { _ = try? EventIDRuns.consolidateIfWorthIt(connection) }
  }

  /// The journal row of this path with this content (the file is known to be there).
  private func journalID(path: String, contentHash: String) throws -> Int64 {
    findFile.reset()
    findFile.bindText(1, path)
    findFile.bindText(2, contentHash)
    defer { findFile.reset() }
    return try findFile.step() ? findFile.int64(0) : -1
  }

  /// True when the journal already holds this path with this content.
  func isIngested(path: String, contentHash: String) throws -> Bool {
    findFile.reset()
    findFile.bindText(1, path)
    findFile.bindText(2, contentHash)
    defer { findFile.reset() }
    return try findFile.step()
  }

  /// Writes whole files in one transaction; returns one outcome per file, in order.
  func write(_ files: [ParsedFile]) throws -> [FileOutcome] {
    let now = clock.now()
    do {
      let started = DispatchTime.now().uptimeNanoseconds
      defer { timings.total += DispatchTime.now().uptimeNanoseconds - started }
      try connection.execute("BEGIN IMMEDIATE")
      do {
        try timings.measure(\.eventDataStores) { try collector.begin(now: now) }
        let outcomes = try writeFiles(files, now: now)
        try timings.measure(\.eventDataStores) { try collector.finish() }
        try timings.measure(\.eventIDs) { try eventIDs.flush() }
        try timings.measure(\.rollups) {
          let minuteCounts = rollups.drain()
          try rollupAppender.append(minuteCounts)
          try hourRollupAppender.append(HourRollupKey.counts(of: minuteCounts))
          try arnRollupAppender.append(arnRollups.drain())
          try resourceRollupAppender.append(resourceRollups.drain())
        }
        try timings.measure(\.postings) { try postings.flush(with: insertPosting) }
        let added = outcomes.reduce(0) { $0 + $1.loaded }
        if added > 0 {
          try connection.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + \(added) WHERE key = 'event_count'")
        }
        try timings.measure(\.commit) { try connection.execute("COMMIT") }
        return outcomes
      } catch {
        try? connection.execute("ROLLBACK")
        throw error
      }
    } catch {
      strings.reset()
      eventIDs.discardPending()
      rollups = RollupAccumulator()
      arnRollups = RollupAccumulator()
      resourceRollups = RollupAccumulator()
      postings.discard()
      collector.discard()
      throw error
    }
  }

  /// Journal rows first, then every event of the batch in row-id order, then each file's counts.
  ///
  /// Sorting the batch by row id (time) turns inserts into appends at the end of the table and of
  /// each index, instead of splitting pages where several accounts' deliveries interleave.
  private func writeFiles(_ files: [ParsedFile], now: Date) throws -> [FileOutcome] {
    let prepareStart = DispatchTime.now().uptimeNanoseconds
    var outcomes: [FileOutcome] = []
    var fileIDs: [Int64] = []
    for file in files {
      if let dictionary = file.newDictionary {
        insertDictionary.reset()
        _ = dictionary.bytes.withUnsafeBytes { bytes in
          insertDictionary.bindInt(1, dictionary.id)
          insertDictionary.bindBlobNoCopy(2, bytes)
          insertDictionary.bindInt(3, Int64(now.timeIntervalSince1970))
          return insertDictionary.stepCode()
        }
        insertDictionary.reset()
      }
      let isDone = try isIngested(path: file.path, contentHash: file.contentHash)
      outcomes.append(
        FileOutcome(
          path: file.path, kind: file.kind, loaded: 0, duplicates: 0,
          rejected: isDone ? 0 : file.problems.count,
          wasAlreadyIngested: isDone))
      guard !isDone else {
        // An import copies a file the journal has too: its events (all stored) join the destination.
        fileIDs.append(
          collector.destination != nil ? try journalID(path: file.path, contentHash: file.contentHash) : -1)
        continue
      }
      insertFile.reset()
      insertFile.bindText(1, file.path)
      insertFile.bindInt(2, Int64(file.size))
      insertFile.bindText(3, file.contentHash)
      insertFile.bindText(4, file.kind.rawValue)
      insertFile.bindInt(5, Int64(now.timeIntervalSince1970))
      try insertFile.step()
      let fileID = connection.lastInsertRowID
      fileIDs.append(fileID)
      for problem in file.problems {
        insertRejection.reset()
        insertRejection.bindInt(1, fileID)
        insertRejection.bindText(2, problem.location?.compact ?? file.path)
        if let field = problem.location?.field {
          insertRejection.bindText(3, field)
        } else {
          insertRejection.bindNull(3)
        }
        insertRejection.bindText(4, problem.reason)
        try insertRejection.step()
      }
    }

    var order: [(rowID: Int64, file: Int32, record: Int32)] = []
    order.reserveCapacity(files.reduce(0) { $0 + $1.records.count })
    // Each file's distinct values, interned once: records refer to them by index.
    var valueIDs: [[Int64]] = []
    for (f, file) in files.enumerated() {
      guard fileIDs[f] >= 0 else {
        valueIDs.append([])
        continue
      }
      let values = file.values
      valueIDs.append(
        try values.strings.indices.map { n in
          n == 0 ? 0 : try strings.id(values.strings[n], hash: values.hashes[n])
        })
      // By index: iterating the records themselves copied each one (a dozen retains and releases).
      file.records.withUnsafeBufferPointer { records in
        for r in records.indices { order.append((records[r].keys.rowID, Int32(f), Int32(r))) }
      }
    }
    order.sort { ($0.rowID, $0.file, $0.record) < ($1.rowID, $1.file, $1.record) }
    timings.prepare += DispatchTime.now().uptimeNanoseconds - prepareStart
    let insertStart = DispatchTime.now().uptimeNanoseconds
    defer { timings.events += DispatchTime.now().uptimeNanoseconds - insertStart }
    // `files[f]` is only ever borrowed here: binding a whole `ParsedFile` per event retained and released
    // its dozen buffers each time, which showed as a tenth of the writer's time. The buffers are local
    // while the loop runs: each change of a class's stored property is checked for exclusive access.
    var postings = self.postings
    var rollups = self.rollups
    var arnRollups = self.arnRollups
    var resourceRollups = self.resourceRollups
    self.postings = PostingBuffer()
    self.rollups = RollupAccumulator()
    self.arnRollups = RollupAccumulator()
    self.resourceRollups = RollupAccumulator()
    defer {
      self.postings = postings
      self.rollups = rollups
      self.arnRollups = arnRollups
      self.resourceRollups = resourceRollups
    }
    // What `insertEvent` holds from the last batch is not known to this one (its files, its texts).
    var bound = BoundParameters()
    // Each file's blocks get their row when the first of their events is inserted (0 until then): a
    // file whose every event is a duplicate adds none.
    var blockIDs = files.map { [Int64](repeating: 0, count: $0.blockRanges.count) }
    var pages = RequestParameterPageSet(
      nextPage: try connection.scalarInt("SELECT IFNULL(MAX(id), 0) + 1 FROM \(RequestParameterPage.table)"))
    // Files are reached through a pointer and only their fields are read: subscripting the array, or
    // passing a file along, copied the whole `ParsedFile` (a dozen retains and releases) per event.
    try files.withUnsafeBufferPointer { files in
      for item in order {
        let f = Int(item.file)
        let inserted = try insert(
          Int(item.record), of: files.baseAddress! + f, f, values: valueIDs[f], blockIDs: &blockIDs[f],
          fileID: fileIDs[f], bound: &bound, pages: &pages, postings: &postings, rollups: &rollups,
          arnRollups: &arnRollups, resourceRollups: &resourceRollups)
        if inserted { outcomes[f].loaded += 1 } else { outcomes[f].duplicates += 1 }
      }
    }
    for page in pages.takeAll() { try store(page) }

    for (f, outcome) in outcomes.enumerated() where fileIDs[f] >= 0 && !outcome.wasAlreadyIngested {
      updateFile.reset()
      updateFile.bindInt(1, Int64(outcome.loaded))
      updateFile.bindInt(2, Int64(outcome.duplicates))
      updateFile.bindInt(3, Int64(outcome.rejected))
      updateFile.bindInt(4, fileIDs[f])
      try updateFile.step()
    }
    return outcomes
  }

  /// Inserts record `r` of `file`; false when its eventID is already stored (a duplicate delivery).
  /// `blockIDs` are the rows of the file's raw blocks, stored as their first event is.
  private func insert(
    _ r: Int, of file: UnsafePointer<ParsedFile>, _ f: Int, values: borrowing [Int64],
    blockIDs: inout [Int64],
    fileID: Int64, bound: inout BoundParameters, pages: inout RequestParameterPageSet,
    postings: inout PostingBuffer,
    rollups: inout RollupAccumulator<RollupKey>, arnRollups: inout RollupAccumulator<ArnRollupKey>,
    resourceRollups: inout RollupAccumulator<ResourceTypeRollupKey>
  ) throws -> Bool {
    let record = file.pointee.records[r]
    let name = values[Int(record.keys.values.eventName)]
    let source = values[Int(record.keys.values.eventSource)]
    let region = values[Int(record.keys.values.awsRegion)]
    let account = values[Int(record.keys.values.accountId)]
    let user = values[Int(record.keys.values.username)]
    let error = values[Int(record.keys.values.errorCode)]
    let type = values[Int(record.keys.values.eventType)]
    let readOnly: Int64? = record.readOnly.map { $0 ? 1 : 0 }

    var rowID = record.keys.rowID
    let day = record.keys.day
    let idSpan = Int(record.keys.storedID.lowerBound)..<Int(record.keys.storedID.upperBound)
    let textSpan = Int(record.keys.resourcesText.lowerBound)..<Int(record.keys.resourcesText.upperBound)
    let dictionaryID = file.pointee.dictionaryID
    let ip = Int(record.keys.sourceIPAddress)
    let address = ip != 0 ? file.pointee.verbatim.strings[ip] : nil
    let keyText = Int(record.keys.accessKeyId)
    let accessKey = keyText != 0 ? file.pointee.verbatim.strings[keyText] : nil
    let paramsKind = record.keys.requestParametersKind
    let paramsSlot = paramsKind == nil ? 0 : pages.nextSlotColumn(source: source)
    // The text is empty once a file's records are compressed into blocks.
    let inserted = try file.pointee.text.withUnsafeBytes { text in
      try file.pointee.idBytes.withUnsafeBytes { idBytes in
        try file.pointee.resourceText.withUnsafeBytes { resourceText in
          let storedID = UnsafeRawBufferPointer(rebasing: idBytes[idSpan])
          if try eventIDs.contains(storedID, hash: record.keys.idHash, day: day) { return false }
          var slotColumn: Int64?
          if dictionaryID != 0 {
            let block = r / RawBlock.records
            if blockIDs[block] == 0 { blockIDs[block] = try insert(block: block, of: file) }
            slotColumn = RawBlock.slotColumn(block: blockIDs[block], slot: r % RawBlock.records)
          }
          let s = insertEvent
          while true {
            s.reset()
            s.bindInt(1, rowID)
            s.bindBlobNoCopy(2, storedID)
            s.bindInt(3, record.eventTime)
            bound.int(s, 4, Int64(record.category.rawValue))
            bound.int(s, 5, type)
            bound.int(s, 6, name)
            bound.int(s, 7, source)
            bound.int(s, 8, region)
            bound.int(s, 9, account)
            bound.int(s, 10, user)
            if let readOnly { bound.int(s, 12, readOnly) } else { bound.null(s, 12) }
            bound.int(s, 13, error)
            if let address {
              // The same address of the same file (in this batch) is not copied into SQLite again.
              bound.text(s, 14, address, key: Int64(f) << 32 | Int64(ip))
            } else {
              bound.null(s, 14)
            }
            if textSpan.isEmpty {
              s.bindNull(15)
            } else {
              s.bindTextNoCopy(15, UnsafeRawBufferPointer(rebasing: resourceText[textSpan]))
            }
            if let accessKey {
              bound.text(s, 20, accessKey, key: Int64(f) << 32 | Int64(keyText))
            } else {
              bound.null(s, 20)
            }
            bound.int(s, 16, fileID)
            if slotColumn != nil {
              bound.emptyBlob(s, 17)
            } else {
              bound.forget(17)
              s.bindBlobNoCopy(17, UnsafeRawBufferPointer(rebasing: text[file.pointee.rawRanges[r]]))
            }
            bound.int(s, 18, dictionaryID)
            if let slotColumn { s.bindInt(19, slotColumn) } else { s.bindNull(19) }
            s.bindInt(21, paramsSlot)
            let rc = s.stepCode()
            s.reset()
            if rc == SQLITE_DONE { break }
            if rc == SQLiteError.primaryKeyConstraint {
              rowID = EventKey.nextSlot(after: rowID)
              continue
            }
            throw SQLiteError(
              code: rc, message: connection.lastErrorMessage,
              context: "insert event \(EventKey.eventIDText(Array(storedID)))")
          }
          eventIDs.add(storedID, hash: record.keys.idHash, day: day, event: rowID)
          if let paramsKind {
            let span =
              Int(record.keys.requestParameters.lowerBound)..<Int(record.keys.requestParameters.upperBound)
            let full = file.pointee.requestParameters.withUnsafeBytes { text in
              pages.add(
                source: source, rowID: rowID, kind: paramsKind,
                text: UnsafeRawBufferPointer(rebasing: text[span]), eventTime: record.eventTime)
            }
            if let full { try store(full) }
          }
          return true
        }
      }
    }
    guard inserted else {
      if collector.destination != nil {
        let existing = try file.pointee.idBytes.withUnsafeBytes { idBytes in
          try eventIDs.storedRowID(
            UnsafeRawBufferPointer(rebasing: idBytes[idSpan]), hash: record.keys.idHash, day: day)
        }
        if let existing {
          collector.addDuplicate(event: existing, eventTime: record.eventTime, category: record.category)
        }
      }
      return false
    }
    if collector.isActive {
      collector.add(
        event: rowID, record: record, file: Int32(f), values: file.pointee.values,
        resources: file.pointee.resources)
    }
    rollups.add(
      RollupKey(
        minute: record.eventTime / 60, category: Int64(record.category.rawValue), account: account,
        region: region, source: source, name: name, user: user, error: error, readOnly: readOnly ?? 2))
    let arnRef = record.keys.values.userArn
    arnRollups.add(
      ArnRollupKey(
        minute: record.eventTime / 60, category: Int64(record.category.rawValue),
        arn: arnRef >= 0 ? values[Int(arnRef)] : Int64(arnRef)))
    for index in Int(record.keys.resourceTypeRange.lowerBound)..<Int(record.keys.resourceTypeRange.upperBound)
    {
      let ref = file.pointee.resourceTypes[index]
      resourceRollups.add(
        ResourceTypeRollupKey(
          minute: record.eventTime / 60, category: Int64(record.category.rawValue),
          type: ref > 0 ? values[Int(ref)] : Int64(ref)))
    }
    // A configuration item is filed by resource in the same transaction (see `ConfigItemIndex`).
    if record.keys.configItem >= 0 {
      try configItems.add(file.pointee.configItems[Int(record.keys.configItem)], event: rowID)
    }
    // Postings serve Event history, which shows management and Insights events only: a data event's
    // postings were never read, and a lookup of a value that data events share (ResourceType
    // AWS::S3::Object) walked all of them to find nothing (1 s at 10 M events).
    guard EventPages.isShown(record.category) else {
      // Lake still finds them by name, source and user (see `PostingAttribute.unshownEventName`).
      postings.add(.unshownEventName, value: name, day: day, rowID: rowID)
      postings.add(.unshownEventSource, value: source, day: day, rowID: rowID)
      postings.add(.unshownUsername, value: user, day: day, rowID: rowID)
      return true
    }
    postings.add(.eventName, value: name, day: day, rowID: rowID)
    postings.add(.eventSource, value: source, day: day, rowID: rowID)
    postings.add(.username, value: user, day: day, rowID: rowID)
    postings.add(.accessKeyId, value: record.keys.accessKeyHash, day: day, rowID: rowID)
    postings.add(
      .regionReadOnly, value: RegionReadOnly.value(region: region, readOnly: readOnly), day: day, rowID: rowID
    )
    // The buffer posts an event's repeated type or name once (RunInstances lists many instances).
    for index in record.keys.resourceRange {
      let resource = file.pointee.resources[Int(index)]
      postings.add(.resourceType, value: values[Int(resource.type)], day: day, rowID: rowID)
      postings.add(.resourceName, value: resource.nameHash, day: day, rowID: rowID)
    }
    return true
  }

  /// Stores a requestParameters page.
  private func store(_ taken: (page: Int64, lastTime: Int64, bytes: [UInt8])) throws {
    let (page, lastTime, bytes) = taken
    let s = insertParameterPage
    defer { s.reset() }
    s.reset()
    s.bindInt(1, page)
    s.bindInt(2, lastTime)
    try bytes.withUnsafeBytes { bytes in
      s.bindBlobNoCopy(3, bytes)
      try s.step()
    }
  }

  /// Stores block `block` of `file`; returns its row id.
  private func insert(block: Int, of file: UnsafePointer<ParsedFile>) throws -> Int64 {
    let s = insertBlock
    defer { s.reset() }
    s.reset()
    s.bindInt(1, file.pointee.dictionaryID)
    s.bindInt(2, file.pointee.blockLastTimes[block])
    let range = file.pointee.blockRanges[block]
    try file.pointee.compressed.withUnsafeBytes { bytes in
      s.bindBlobNoCopy(3, UnsafeRawBufferPointer(rebasing: bytes[range]))
      try s.step()
    }
    return connection.lastInsertRowID
  }
}
