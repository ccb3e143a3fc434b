import Foundation

/// Totals of one ingest run.
public struct IngestSummary: Sendable, Equatable {
  /// Files examined (including skipped and rejected ones).
  public var files = 0
  public var eventsLoaded = 0
  /// Of `eventsLoaded`, AWS Config configuration items (from ConfigHistory and ConfigSnapshot files).
  public var configurationItemsLoaded = 0
  public var duplicates = 0
  /// Rejected records plus rejected whole files.
  public var rejected = 0
  public var digestFiles = 0
  /// Aggregated-event files (`CloudTrail-Aggregated`) of a bucket folder, skipped.
  public var aggregatedFiles = 0
  /// Object metadata sidecars (`*.metadata.json`) of a bucket folder, skipped.
  public var metadataFiles = 0
  /// Files whose exact content the journal already had.
  public var alreadyIngested = 0
  public var elapsed: TimeInterval = 0

  public init() {}

  /// `N files, N events loaded[ (N configuration items)], N duplicates, N rejected` (the line the CLI
  /// prints at the end).
  public var line: String {
    var text = "\(files) files, \(eventsLoaded) events loaded"
    if configurationItemsLoaded > 0 { text += " (\(configurationItemsLoaded) configuration items)" }
    text += ", \(duplicates) duplicates, \(rejected) rejected"
    var extras: [String] = []
    if digestFiles > 0 { extras.append("\(digestFiles) digest files skipped") }
    if aggregatedFiles > 0 { extras.append("\(aggregatedFiles) aggregated-event files skipped") }
    if metadataFiles > 0 { extras.append("\(metadataFiles) metadata sidecars skipped") }
    if alreadyIngested > 0 { extras.append("\(alreadyIngested) already ingested") }
    if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
    return text
  }
}

/// Progress of a running ingest, for the progress bar.
public struct IngestProgress: Sendable {
  public var filesDone: Int
  public var filesTotal: Int
  public var bytesDone: Int
  public var bytesTotal: Int
  public var eventsLoaded: Int
  public var elapsed: TimeInterval

  public var eventsPerSecond: Double { elapsed > 0 ? Double(eventsLoaded) / elapsed : 0 }
  /// Seconds left, estimated from the bytes still to read.
  public var estimatedRemaining: TimeInterval? {
    guard bytesDone > 0, elapsed > 0.2 else { return nil }
    return elapsed * Double(bytesTotal - bytesDone) / Double(bytesDone)
  }
}

/// Loads CloudTrail log files into the store: walk; read, inflate, scan and compress on one thread per
/// core; write on another.
public final class Ingestor {
  /// Reader threads: one per core; they yield to the writer (the serial stage) when cores run short.
  static let readerThreads = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

  public let databasePath: String
  /// Events per transaction, roughly: whole files are never split, small files are grouped.
  /// 60 000: each transaction writes a posting row per value and day, and commits; against 20 000 the
  /// writer spent 10 % less on 1 M events (120 000 gained nothing more, for twice the memory).
  public var batchEvents = 60_000
  /// Files per transaction at most (deliveries of few events are grouped up to this).
  static func batchFiles(_ batchEvents: Int) -> Int { max(256, batchEvents / 128) }

  /// Events the transaction being gathered should hold, given about `remainingEvents` not yet gathered.
  ///
  /// Full batches until the last few, then a quarter of what is left, down to an eighth of a batch.
  /// A transaction is written only once its last file is read, so whatever the writer still holds
  /// when the readers finish is written on one core while the others idle: with whole batches to the
  /// end that was up to a whole batch more (0.7 s of a 17 s run at 1 M events), for a few more commits
  /// now. (When the writer is the slower side, the files queued for it are still written alone: 0.5 s
  /// at 1 M.) The rule reads only the writer's own position, so batches, and which event takes which
  /// row id, never depend on thread timing.
  static func batchTarget(_ batchEvents: Int, remainingEvents: Int) -> Int {
    max(max(1, batchEvents / 8), min(batchEvents, remainingEvents / 4))
  }
  /// The writer's phase timings of the last run.
  public private(set) var writerTimings = WriterTimings()

  /// Stamps the ingest journal (when each file was ingested).
  public let clock: any Clock

  /// Decrypts SSE-KMS log files of a bucket folder (`KmsEnvelope`); nil rejects them.
  public let keyRing: KmsKeyRing?

  /// An event data store every event read joins (an import, `ingest --event-data-store`): files the
  /// journal already has are read again so that their stored events join it too.
  public var destination: EventDataStoreDestination?
  /// Events filed into `destination` by the last run.
  public private(set) var destinationEvents = 0

  /// An ingestor into the store at `databasePath`; `keyRing` decrypts SSE-KMS log files.
  public init(databasePath: String, clock: any Clock, keyRing: KmsKeyRing? = nil) {
    self.databasePath = databasePath
    self.clock = clock
    self.keyRing = keyRing
  }

  /// Every regular file under `paths` (folders walked recursively), with sizes, in delivery order.
  ///
  /// Files named in CloudTrail's scheme (`…_CloudTrail_<region>_20240102T0305Z_….json.gz`) are sorted by
  /// that delivery time, then by path; others by path, ahead of them. The store is clustered by event
  /// time, so reading deliveries in time order turns nearly every insert into an append: walking the S3
  /// layout account by account instead would insert each account's history into the middle of the
  /// previous one's, and ingest ran 10× slower that way.
  public static func collectFiles(_ paths: [String]) throws -> [(path: String, size: Int)] {
    // Stamps worked out once per file, not twice per comparison (that took half a second at 100 000 files).
    try collectFilesInPathOrder(paths)
      .map { (stamp: deliveryStamp($0.path), file: $0) }
      .sorted { a, b in a.stamp != b.stamp ? a.stamp < b.stamp : a.file.path < b.file.path }
      .map(\.file)
  }

  /// `YYYYMMDDTHHMM` from a CloudTrail log file name, or "" when the name does not follow the scheme.
  ///
  /// Bytes, not `split`: at 100 000 files the string version took seconds before any file was read.
  static func deliveryStamp(_ path: String) -> Substring {
    let utf8 = path.utf8
    let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
    let name = Array(utf8[nameStart...])
    guard name.count >= 14, Self.contains(name, Self.cloudTrailMark) else { return "" }
    // A part between underscores (or the name's ends) of 14 bytes: 8 digits, `T`, 4 more, `Z`.
    var partStart = 0
    for i in 0...name.count where i == name.count || name[i] == UInt8(ascii: "_") {
      if i - partStart == 14, name[partStart + 8] == UInt8(ascii: "T"), name[i - 1] == UInt8(ascii: "Z"),
        name[partStart..<(partStart + 8)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
      {
        let first = utf8.index(nameStart, offsetBy: partStart)
        return path[first..<utf8.index(first, offsetBy: 13)]
      }
      partStart = i + 1
    }
    return ""
  }

  private static let cloudTrailMark = Array("_CloudTrail".utf8)

  private static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
    guard bytes.count >= part.count else { return false }
    return (0...(bytes.count - part.count)).contains { bytes[$0..<($0 + part.count)].elementsEqual(part) }
  }

  private static func collectFilesInPathOrder(_ paths: [String]) throws -> [(path: String, size: Int)] {
    var files: [(String, Int)] = []
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else {
        throw Diagnostic(
          code: "NoSuchFile", summary: "cannot ingest", location: .init(path: path),
          reason: "no such file or folder")
      }
      if info.st_mode & S_IFMT != S_IFDIR {
        files.append((path, Int(info.st_size)))
        continue
      }
      var found: [(String, Int)] = []
      walk(path, into: &found)
      found.sort { $0.0 < $1.0 }
      files += found
    }
    return files
  }

  /// Regular files under `folder` (symbolic links followed to files, not into folders), by readdir and
  /// stat: FileManager's enumerator and attributes cost about 150 000 instructions a file.
  private static func walk(_ folder: String, into files: inout [(String, Int)]) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      var info = stat()
      guard stat(full, &info) == 0 else { continue }
      switch info.st_mode & S_IFMT {
      case S_IFREG: files.append((full, Int(info.st_size)))
      case S_IFDIR:
        var link = stat()
        if lstat(full, &link) == 0, link.st_mode & S_IFMT == S_IFDIR { walk(full, into: &files) }
      default: continue
      }
    }
  }

  /// Ingests `paths`. Problems go to `report` one by one as they are found (files keep loading);
  /// `progress` is called after each transaction.
  public func ingest(
    paths: [String], report: (Diagnostic) -> Void, progress: ((IngestProgress) -> Void)? = nil
  ) throws -> IngestSummary {
    let started = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> TimeInterval { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
    let files = try Ingestor.collectFiles(paths)
    let writerConnection = try EventStore.openWriter(path: databasePath)
    let writer = try EventWriter(connection: writerConnection, clock: clock)
    writer.collector.destination = destination
    defer { destinationEvents = writer.collector.destinationEvents }
    let rereads = destination != nil
    let total = files.reduce(0) { $0 + $1.size }
    try writerConnection.execute("PRAGMA wal_autocheckpoint = 0")
    let checkpointer = WALCheckpointer(path: databasePath)
    defer { checkpointer.stop() }

    // A store without a dictionary first gathers records to train one on: those files are read here,
    // in order, and go to the writer first.
    let intake = FileIntake(databasePath: databasePath, keyRing: keyRing, rereadsJournaledFiles: rereads)
    let training = RawCompressionStage(existing: intake.journal.flatMap { try? RawDictionary.newest(in: $0) })
    var early: [ParsedFile] = []
    var firstParallel = 0
    while training.isTraining && firstParallel < files.count {
      early += training.process(intake.read(files[firstParallel].path))
      firstParallel += 1
    }
    if training.isTraining { early += training.finish() }

    // Then readers on every core inflate, scan and compress the rest; the writer takes them in order.
    // Room for more than one transaction's worth of files, so that the readers keep working while the
    // writer commits.
    let queue = OrderedQueue<ParsedFile>(
      first: firstParallel, end: files.count, capacity: Self.batchFiles(batchEvents) * 3 / 2)
    let counter = WorkCounter(from: firstParallel, to: files.count)
    let dictionary = training.dictionary
    let databasePath = databasePath
    let keyRing = keyRing
    for _ in 0..<Self.readerThreads {
      let reader = Thread {
        // The writer is the one serial stage: when readers outnumber free cores, it goes first.
        // (On Linux the nice value belongs to the calling thread, not the process.)
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        let intake = FileIntake(databasePath: databasePath, keyRing: keyRing, rereadsJournaledFiles: rereads)
        let compressor = dictionary.flatMap { RawCompressor(dictionary: $0) }
        while let index = counter.claim() {
          let file = RawCompressionStage.compress(intake.read(files[index].path), with: compressor)
          if !queue.put(index, file) { return }
        }
      }
      reader.stackSize = 8 << 20
      reader.start()
    }

    var summary = IngestSummary()
    var bytesDone = 0
    var pending: [ParsedFile] = []
    var pendingEvents = 0
    // Bytes and events of the files gathered so far, to estimate the events still to come.
    var bytesGathered = 0
    var eventsGathered = 0

    func flush() throws {
      guard !pending.isEmpty else { return }
      let outcomes = try writer.write(pending.filter { !$0.isAlreadyIngested })[...]
      var next = outcomes.startIndex
      for file in pending {
        summary.files += 1
        bytesDone += file.size
        if file.isAlreadyIngested {
          summary.alreadyIngested += 1
          continue
        }
        let outcome = outcomes[next]
        next += 1
        if outcome.wasAlreadyIngested {
          summary.alreadyIngested += 1
          // An import reads journaled files again: their problems are its failures.
          if destination != nil { file.problems.forEach(report) }
          continue
        }
        switch file.kind {
        case .digest: summary.digestFiles += 1
        case .aggregated: summary.aggregatedFiles += 1
        case .metadata: summary.metadataFiles += 1
        case .rejected: summary.rejected += 1
        case .events: summary.rejected += outcome.rejected
        }
        summary.eventsLoaded += outcome.loaded
        if file.isConfigurationItems { summary.configurationItemsLoaded += outcome.loaded }
        summary.duplicates += outcome.duplicates
        file.problems.forEach(report)
      }
      pending.removeAll(keepingCapacity: true)
      pendingEvents = 0
      checkpointer.restartIfDue(on: writerConnection)
      progress?(
        IngestProgress(
          filesDone: summary.files, filesTotal: files.count, bytesDone: bytesDone, bytesTotal: total,
          eventsLoaded: summary.eventsLoaded, elapsed: elapsed()))
    }

    func accept(_ file: ParsedFile) throws {
      pending.append(file)
      pendingEvents += file.records.count
      bytesGathered += file.size
      eventsGathered += file.records.count
      let remainingEvents = eventsGathered * (total - bytesGathered) / max(1, bytesGathered)
      if pendingEvents >= Self.batchTarget(batchEvents, remainingEvents: remainingEvents)
        || pending.count >= Self.batchFiles(batchEvents)
      {
        try flush()
      }
    }

    do {
      for file in early { try accept(file) }
      early = []
      while let file = queue.take() { try accept(file) }
      try flush()
    } catch {
      queue.close()
      throw error
    }
    checkpointer.checkpointSoon()
    writer.consolidateEventIDs()
    checkpointer.stop()
    writer.checkpoint()
    summary.elapsed = elapsed()
    writerTimings = writer.timings
    return summary
  }
}

/// Reads one file for the writer: a file the journal already has (same path and content) is not
/// scanned; others are inflated and scanned. One per thread (it owns a read-only connection).
final class FileIntake {
  let journal: SQLiteConnection?
  private let check: SQLiteStatement?

  let keyRing: KmsKeyRing?

  init(databasePath: String, keyRing: KmsKeyRing? = nil, rereadsJournaledFiles: Bool = false) {
    self.keyRing = keyRing
    journal = try? SQLiteConnection(path: databasePath, readOnly: true)
    // An import reads every file (their events join its event data store), journaled or not.
    check =
      rereadsJournaledFiles
      ? nil : try? journal?.prepare("SELECT content_hash FROM ingested_files WHERE path = ?")
  }

  func read(_ path: String) -> ParsedFile {
    switch LogFileReader.load(path: path) {
    case .unreadable(let rejected): return rejected
    case .loaded(let bytes, let hash):
      if isJournaled(path: path, hash: hash, bytes: bytes) {
        return ParsedFile(
          path: path, size: bytes.count, contentHash: hash, kind: .events, text: [], records: [],
          rawRanges: [], problems: [], isAlreadyIngested: true)
      }
      return LogFileReader.parse(bytes: bytes, path: path, hash: hash, keyRing: keyRing)
    }
  }

  /// True when the journal holds `path` with this content: under `hash`, or under the SHA-256 that
  /// stores before version 8 kept (computed only when such a row for the path exists).
  private func isJournaled(path: String, hash: String, bytes: [UInt8]) -> Bool {
    guard let check else { return false }
    defer { check.reset() }
    check.reset()
    check.bindText(1, path)
    var legacy: [String] = []
    while (try? check.step()) == true {
      guard let stored = check.text(0) else { continue }
      if stored == hash { return true }
      if !stored.hasPrefix("xxh3:") { legacy.append(stored) }
    }
    return !legacy.isEmpty && legacy.contains(LogFileReader.hexSHA256(bytes))
  }
}
