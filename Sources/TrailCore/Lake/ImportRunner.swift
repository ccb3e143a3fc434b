import Foundation

/// Runs one import (spec §8.3): reads the source's log files through the ingest pipeline into the
/// store, every event of them joining the destination event data store, a prefix (folder) at a time.
///
/// After each prefix it stores the statistics and each file's outcome (so `GetImport` and
/// `ListImportFailures` from another process see progress) and checks whether `StopImport` asked it
/// to stop. A retry (`StartImport` with the `ImportId`) skips the files already imported.
///
/// Events go through `Ingestor` like `traildeck ingest`: de-duplicated by eventID (an event already
/// stored is not stored again but joins the destination), kill-safe per transaction. Events older than
/// the destination's retention are stored but do not join it.
struct ImportRunner {
  let context: StoreContext
  let importID: String
  /// Runs after each prefix's outcome is stored (tests stop the import there, as another process would).
  var afterPrefix: (() throws -> Void)?

  /// Runs the import to its end (`COMPLETED`, `FAILED` or `STOPPED`).
  func run() throws {
    let connection = try EventStore.openWriter(path: context.databasePath)
    let imports = ImportStore(connection)
    guard let record = try imports.find(importID) else { return }
    var now: Date { context.clock.now() }
    try imports.claim(importID, status: ImportRecord.initializing, at: now)
    do {
      try runClaimed(record, imports: imports, connection: connection)
    } catch {
      try? imports.record(
        file: record.sourceURI, of: importID, status: ImportRecord.failed, errorType: "InternalError",
        errorMessage: "\(error)", at: now)
      try? imports.finish(importID, status: ImportRecord.failed, at: now)
      throw error
    }
  }

  private func runClaimed(_ record: ImportRecord, imports: ImportStore, connection: SQLiteConnection) throws {
    var now: Date { context.clock.now() }
    guard let store = try EventDataStoreCatalog.find(record.destination, connection: connection),
      store.status != EventDataStoreStatus.pendingDeletion
    else {
      try imports.record(
        file: record.sourceURI, of: importID, status: ImportRecord.failed,
        errorType: "EventDataStoreNotFound",
        errorMessage: "The destination \(record.destination) no longer exists or is pending deletion.",
        at: now)
      try imports.finish(importID, status: ImportRecord.failed, at: now)
      return
    }
    let source = try ImportSourceFiles(uri: record.sourceURI, context: context)
    let done = try imports.succeededFiles(of: importID)
    let all = try source.files(from: record.startEventTime, to: record.endEventTime)
    // Prefixes in the order their first file comes (delivery order), each with its files.
    var prefixes: [(folder: String, files: [String])] = []
    var position: [String: Int] = [:]
    for file in all {
      let folder = (file as NSString).deletingLastPathComponent
      if let at = position[folder] {
        prefixes[at].files.append(file)
      } else {
        position[folder] = prefixes.count
        prefixes.append((folder, [file]))
      }
    }
    var statistics = record.statistics
    statistics.prefixesFound = prefixes.count
    statistics.prefixesCompleted = 0
    statistics.filesCompleted = done.count
    statistics.eventsCompleted = statistics.eventsCompleted ?? 0
    try imports.claim(importID, status: ImportRecord.inProgress, at: now)
    try imports.save(statistics, of: importID, at: now)
    let oldest = Int64(now.timeIntervalSince1970) - Int64(store.retentionPeriod) * 86_400
    for prefix in prefixes {
      if try imports.isStopRequested(importID) { return }
      let files = prefix.files.filter { !done.contains(location($0)) }
      var readable: [String] = []
      for file in files {
        if !FileManager.default.isReadableFile(atPath: file) {
          try imports.record(
            file: location(file), of: importID, status: ImportRecord.failed, errorType: "AccessDenied",
            errorMessage: "The file cannot be read (permission denied).", at: now)
        } else if !ImportSourceFiles.isGzip(file) {
          try imports.record(
            file: location(file), of: importID, status: ImportRecord.failed, errorType: "InvalidFileFormat",
            errorMessage: "The file is not compressed with gzip; imports read only gzip log files.", at: now)
        } else {
          readable.append(file)
        }
      }
      if !readable.isEmpty {
        var problems: [String: Diagnostic] = [:]
        let ingestor = Ingestor(
          databasePath: context.databasePath, clock: context.clock, keyRing: KmsKeyRing(context))
        ingestor.destination = EventDataStoreDestination(
          storeRowID: store.rowID, oldestEventTime: oldest, alsoCollectsLive: false)
        _ = try ingestor.ingest(paths: readable) { diagnostic in
          if let path = diagnostic.location?.path, problems[path] == nil { problems[path] = diagnostic }
        }
        statistics.eventsCompleted = (statistics.eventsCompleted ?? 0) + ingestor.destinationEvents
        for file in readable {
          if let problem = problems[file] {
            try imports.record(
              file: location(file), of: importID, status: ImportRecord.failed, errorType: problem.code,
              errorMessage: problem.reason, at: now)
          } else {
            try imports.record(file: location(file), of: importID, status: "SUCCEEDED", at: now)
            statistics.filesCompleted = (statistics.filesCompleted ?? 0) + 1
          }
        }
      }
      statistics.prefixesCompleted = (statistics.prefixesCompleted ?? 0) + 1
      statistics.failedEntries = try imports.failures(of: importID).count
      try imports.save(statistics, of: importID, at: now)
      try afterPrefix?()
    }
    if try imports.isStopRequested(importID) { return }
    statistics.failedEntries = try imports.failures(of: importID).count
    try imports.save(statistics, of: importID, at: now)
    let failed = (statistics.failedEntries ?? 0) > 0
    try imports.finish(importID, status: failed ? ImportRecord.failed : ImportRecord.completed, at: now)
  }

  /// A file as `ListImportFailures` names it: `s3://BUCKET/KEY`.
  func location(_ path: String) -> String {
    let buckets =
      context.bucketsDirectory.hasSuffix("/") ? context.bucketsDirectory : context.bucketsDirectory + "/"
    return path.hasPrefix(buckets) ? "s3://" + path.dropFirst(buckets.count) : path
  }
}
