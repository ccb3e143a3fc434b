import Foundation

/// What `traildeck export` is asked: a store, a folder, a layout, and optionally a time range.
public struct EventDataStoreExportRequest: Sendable, Equatable {
  /// The store's ARN or ID.
  public var eventDataStore: String
  /// The folder to write into (created when missing).
  public var folder: String
  public var layout: ExportLayout
  /// Only events at or after / at or before these times (whole seconds, inclusive, as LookupEvents'
  /// and StartImport's ranges are).
  public var startTime: Date?
  public var endTime: Date?

  public init(
    eventDataStore: String, folder: String, layout: ExportLayout, startTime: Date? = nil, endTime: Date? = nil
  ) {
    self.eventDataStore = eventDataStore
    self.folder = folder
    self.layout = layout
    self.startTime = startTime
    self.endTime = endTime
  }
}

/// How far an export is, for a progress line.
public struct ExportProgress: Sendable, Equatable {
  public var eventsDone: Int
  public var eventsTotal: Int
  public var filesWritten: Int
}

/// What an export did.
public struct ExportSummary: Sendable, Equatable {
  public var storeARN: String
  public var events: Int
  public var filesWritten: Int
  /// Files of the previous export into the folder that this one did not write again.
  public var filesRemoved: Int
  /// The manifest's path.
  public var manifestPath: String
  /// The `CREATE TABLE` statements' file beside the data.
  public var tablesPath: String
  /// Events per file path.
  public var manifest: ExportManifest
}

/// Exports the members of an event data store into a folder, in CloudTrail's S3 layout or as Hive
/// partitions of Lake's table (`ExportLayout`), for engines that scale out (Athena, Trino, Spark,
/// DuckDB).
///
/// Reads what Lake's SQL reads: the store's members (`event_data_store_events`) within its retention
/// on the clock, in time order, their records through `RecordScanner` (each compressed block
/// decompressed once), in batches, so memory holds a batch and the open files of one window.
///
/// Replaces, never duplicates: file names are derived from what they hold (the same export writes
/// the same names), each file is written whole under a temporary name and renamed, and the files of
/// the folder's previous export of the store (its manifest, `ExportManifest`) that this one does not
/// write again are removed at the end. A folder holds one store's `hive` export (two would mix their
/// partitions); `cloudtrail` exports of several stores may share one, as trails share a bucket.
public enum EventDataStoreExport {
  /// Members read per batch.
  static let batchSize = 20_000

  /// Runs `request` for the caller of `services`, calling `progress` after each batch.
  ///
  /// - Throws: `ServiceError` `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`, `InvalidTimeRangeException`; `Diagnostic`
  ///   `ExportFolderUnwritable`, `ExportWriteFailed`, `ExportFolderInUse`, `ExportManifestUnreadable`.
  public static func run(
    _ request: EventDataStoreExportRequest, with services: StoreServices,
    progress: (ExportProgress) -> Void = { _ in }
  ) throws -> ExportSummary {
    let service = try EventDataStoreService(services)
    let store = try service.find(request.eventDataStore)
    try service.requireActive(store)
    if let start = request.startTime, let end = request.endTime, start > end {
      throw ServiceError(
        "InvalidTimeRangeException",
        "The start time \(ISO8601Time.format(start)) is after the end time \(ISO8601Time.format(end)).")
    }
    return try export(store, request: request, services: services, progress: progress)
  }

  /// Exports `store` (already found and checked); the tables' statements name `tablesLocation` (the
  /// folder's S3 URI) when it is known.
  ///
  /// With `days` (days since 1970, `hive` only), only those days' partitions are written again and the
  /// previous export's other files are kept: a federation refresh rewrites the days that changed, not
  /// the whole store.
  static func export(
    _ store: EventDataStoreRecord, request: EventDataStoreExportRequest, services: StoreServices,
    tablesLocation: String? = nil, days: [Int64]? = nil, progress: (ExportProgress) -> Void
  ) throws -> ExportSummary {
    let now = services.context.clock.now()
    let folder = try ExportFolder(request.folder)
    let previous = try folder.manifest(storeID: store.id)
    if request.layout == .hive {
      if let other = try folder.manifests().first(where: {
        $0.layout == .hive && $0.eventDataStoreArn != store.arn
      }) {
        throw Diagnostic(
          code: "ExportFolderInUse", summary: "the folder holds another store's hive export",
          location: .init(path: folder.root),
          reason: "its partitions belong to \(other.eventDataStoreArn); a hive table reads the whole folder",
          help: "export into another folder, or remove that export's files and manifest first")
      }
    }
    let ranges: [(start: Date?, end: Date?)] =
      days?.map { day in
        (
          Date(timeIntervalSince1970: Double(day * 86_400)),
          Date(timeIntervalSince1970: Double(day * 86_400 + 86_399))
        )
      } ?? [(request.startTime, request.endTime)]
    let readers = ranges.map {
      ExportMembers(
        connection: services.reader.connection, store: store, now: now, startTime: $0.start, endTime: $0.end)
    }
    let total = try readers.reduce(0) { $0 + (try $1.count()) }
    // The previous export's files of the days not written again stay as they are.
    let rewritten = Set(days ?? [])
    let kept =
      days == nil
      ? []
      : (previous?.files ?? []).filter { !rewritten.contains(ExportManifest.day(ofHivePath: $0.path) ?? -1) }
    var manifest = ExportManifest(
      eventDataStoreArn: store.arn, layout: request.layout, exportTime: ISO8601Time.format(now),
      startTime: request.startTime.map(ISO8601Time.format), endTime: request.endTime.map(ISO8601Time.format),
      isComplete: false, events: kept.reduce(0) { $0 + $1.events }, files: kept)
    var writer: any ExportLayoutWriter =
      request.layout == .hive
      ? HiveExportLayout(
        enrichment: try EventContextReader(store: store, connection: services.reader.connection),
        schema: EventDataStoreRules.schema(of: store))
      : CloudTrailExportLayout(storeARN: store.arn)
    let scanner = RecordScanner(connection: services.reader.connection)
    var done = 0
    func put(_ files: [ExportFile]) throws {
      guard !files.isEmpty else { return }
      // Compressing is most of the work: the files of a batch are compressed on every core.
      let compressed = files.map(\.content).concurrentMap { Gzip.deflate($0) }
      for (file, gzip) in zip(files, compressed) {
        try folder.write(gzip, to: file.path)
        manifest.files.append(.init(path: file.path, events: file.events, bytes: gzip.count))
        manifest.events += file.events
      }
    }
    /// While running, the manifest lists the previous export's files too: a run cut short leaves a
    /// manifest from which the next run removes everything stale.
    func checkpoint() throws {
      var running = manifest
      let written = Set(manifest.files.map(\.path))
      running.files += (previous?.files ?? []).filter { !written.contains($0.path) }
      try folder.write(running, storeID: store.id)
    }
    try checkpoint()
    for members in readers {
      try members.forEachBatch(of: batchSize) { places in
        var finished: [ExportFile] = []
        try scanner.scan(rowIDs: places.keys) { record in
          guard let place = places[record.rowID] else { return }
          finished += try writer.add(record, at: place)
        }
        try put(finished)
        done += places.count
        try checkpoint()
        progress(ExportProgress(eventsDone: done, eventsTotal: total, filesWritten: manifest.files.count))
      }
    }
    try put(writer.finish())
    let written = Set(manifest.files.map(\.path))
    let stale = (previous?.files ?? []).filter { !written.contains($0.path) }
    for file in stale { folder.remove(file.path) }
    manifest.isComplete = true
    try folder.write(manifest, storeID: store.id)
    let tables = ExportTables.fileName(storeID: store.id)
    try folder.write(
      Array(
        ExportTables.statements(
          for: manifest, storeID: store.id, location: tablesLocation,
          schema: EventDataStoreRules.schema(of: store)
        ).utf8),
      to: tables)
    progress(ExportProgress(eventsDone: done, eventsTotal: total, filesWritten: manifest.files.count))
    return ExportSummary(
      storeARN: store.arn, events: manifest.events, filesWritten: manifest.files.count,
      filesRemoved: stale.count, manifestPath: folder.path(ExportManifest.fileName(storeID: store.id)),
      tablesPath: folder.path(tables), manifest: manifest)
  }
}
