import Foundation

// The import operations (spec §8.3): copying trail log files from a bucket folder into an event
// data store.

extension ImportRecord {
  var getResponse: GetImportResponse {
    GetImportResponse(
      importId: id, destinations: [destination], importSource: source, startEventTime: startEventTime,
      endEventTime: endEventTime, importStatus: effectiveStatus, createdTimestamp: createdTimestamp,
      updatedTimestamp: updatedTimestamp, importStatistics: statistics)
  }
}

/// The import rules shared by the operations.
struct ImportService {
  let stores: EventDataStoreService

  init(_ services: StoreServices) throws { stores = try EventDataStoreService(services) }

  var imports: ImportStore { ImportStore(stores.connection) }

  /// The caller's import `id`.
  /// - Throws: `ImportNotFoundException`.
  func find(_ id: String) throws -> ImportRecord {
    guard let found = try imports.find(id.lowercased()), found.account == stores.account else {
      throw ServiceError("ImportNotFoundException", "The import \(id) was not found.")
    }
    return found
  }

  /// Records a new import (or readies a retry) as `INITIALIZING`; returns its id.
  func begin(_ request: StartImportRequest) throws -> String {
    if let id = request.importId {
      guard request.destinations == nil, request.importSource == nil, request.startEventTime == nil,
        request.endEventTime == nil
      else {
        throw ServiceError(
          "InvalidParameterException",
          "To retry an import give only its ImportId; its other settings are kept.")
      }
      let record = try find(id)
      try requireNoOngoingImport()
      _ = try destination(record.destination)
      try imports.reopen(record.id, at: stores.now)
      return record.id
    }
    guard let destinations = request.destinations, destinations.count == 1 else {
      throw ServiceError("InvalidParameterException", "Destinations must name exactly one event data store.")
    }
    guard let source = request.importSource else {
      throw ServiceError("InvalidParameterException", "ImportSource is required for a new import.")
    }
    let store = try destination(destinations[0])
    _ = try ImportSourceFiles(uri: source.s3.s3LocationUri, context: stores.trails.context)
    guard
      source.s3.s3BucketAccessRoleArn.range(
        of: #"^arn:aws[a-z-]*:iam::\d{12}:role/.+$"#, options: .regularExpression) != nil
    else {
      throw ServiceError(
        "InvalidImportSourceException",
        "S3BucketAccessRoleArn '\(source.s3.s3BucketAccessRoleArn)' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."
      )
    }
    if let start = request.startEventTime, let end = request.endEventTime, start > end {
      throw ServiceError("InvalidParameterException", "StartEventTime must not be after EndEventTime.")
    }
    try requireNoOngoingImport()
    let now = stores.now
    let record = ImportRecord(
      id: UUID().uuidString.lowercased(), account: stores.account, region: stores.region,
      destination: store.arn,
      source: source, startEventTime: request.startEventTime, endEventTime: request.endEventTime,
      status: ImportRecord.initializing, createdTimestamp: now, updatedTimestamp: now,
      statistics: ImportStatistics(
        prefixesFound: 0, prefixesCompleted: 0, filesCompleted: 0, eventsCompleted: 0, failedEntries: 0),
      stopRequested: false, runnerPID: getpid())
    try imports.insert(record)
    return record.id
  }

  /// The destination store, which must be active and hold CloudTrail events.
  func destination(_ idOrARN: String) throws -> EventDataStoreRecord {
    let store = try stores.find(idOrARN)
    try stores.requireActive(store)
    let others = EventDataStoreRules.categories(of: store.advancedEventSelectors)
      .subtracting(["Management", "Data", "NetworkActivity"])
    if let category = others.sorted().first {
      throw ServiceError(
        "InvalidEventDataStoreCategoryException",
        "Event data store \(store.arn) holds \(category) events; imports copy CloudTrail events only.")
    }
    return store
  }

  func requireNoOngoingImport() throws {
    if let running = try imports.ongoing(account: stores.account) {
      throw ServiceError(
        "AccountHasOngoingImportException",
        "Account \(stores.account) already has an import in progress (\(running.id)); wait for it or stop it."
      )
    }
  }
}

/// `StartImport`: copies the trail log files of `s3://BUCKET/prefix` (a bucket folder) into one event
/// data store; with `ImportId` alone, retries that import, skipping the files it already copied.
///
/// `perform` runs the import to its end before it answers (the CLI's behaviour); the server answers
/// with `begin` and runs it on a thread of its own (`StartImport.run`).
/// - Throws: `ServiceError` `AccountHasOngoingImportException`, `EventDataStoreARNInvalidException`,
///   `EventDataStoreNotFoundException`, `InactiveEventDataStoreException`,
///   `InvalidEventDataStoreCategoryException`, `InvalidImportSourceException`, `ImportNotFoundException`,
///   `InvalidParameterException`.
public enum StartImport: ServiceOperation {
  public static let name = "StartImport"
  public static func perform(_ request: StartImportRequest, with services: StoreServices) throws
    -> StartImportResponse
  {
    let id = try begin(request, with: services)
    try run(importID: id, context: services.context)
    return try response(id, with: services)
  }

  /// Records the import and returns its id, without running it.
  public static func begin(_ request: StartImportRequest, with services: StoreServices) throws -> String {
    try ImportService(services).begin(request)
  }

  /// Runs the import `importID` to its end, in the calling thread.
  public static func run(importID: String, context: StoreContext) throws {
    try ImportRunner(context: context, importID: importID).run()
  }

  /// The import's state as StartImport answers it.
  public static func response(_ id: String, with services: StoreServices) throws -> StartImportResponse {
    let record = try ImportService(services).find(id)
    return StartImportResponse(
      importId: record.id, destinations: [record.destination], importSource: record.source,
      startEventTime: record.startEventTime, endEventTime: record.endEventTime,
      importStatus: record.effectiveStatus, createdTimestamp: record.createdTimestamp,
      updatedTimestamp: record.updatedTimestamp)
  }
}

/// `GetImport`: an import's settings, status and statistics (updated as it runs).
/// - Throws: `ServiceError` `ImportNotFoundException`.
public enum GetImport: ServiceOperation {
  public static let name = "GetImport"
  public static func perform(_ request: GetImportRequest, with services: StoreServices) throws
    -> GetImportResponse
  {
    try ImportService(services).find(request.importId).getResponse
  }
}

/// `ListImports`: the account's imports, oldest first, optionally of one destination or status.
/// - Throws: `ServiceError` `EventDataStoreARNInvalidException`, `InvalidNextTokenException`,
///   `InvalidParameterException`.
public enum ListImports: ServiceOperation {
  public static let name = "ListImports"
  public static func perform(_ request: ListImportsRequest, with services: StoreServices) throws
    -> ListImportsResponse
  {
    let page = try LakePage(maxResults: request.maxResults, nextToken: request.nextToken, kind: "imports")
    let service = try ImportService(services)
    var destination: String?
    if let named = request.destination {
      guard let arn = EventDataStoreARN(named) else {
        throw ServiceError(
          "EventDataStoreARNInvalidException", "Destination '\(named)' is not an event data store ARN.")
      }
      destination = arn.text
    }
    let statuses = ["INITIALIZING", "IN_PROGRESS", "FAILED", "STOPPED", "COMPLETED"]
    if let status = request.importStatus, !statuses.contains(status) {
      throw ServiceError(
        "InvalidParameterException",
        "ImportStatus '\(status)' is not valid; use one of \(statuses.joined(separator: ", ")).")
    }
    let imports = try service.imports.select("WHERE account = ?", [.text(service.stores.account)]).filter {
      (destination == nil || $0.destination == destination)
        && (request.importStatus == nil || $0.effectiveStatus == request.importStatus)
    }
    let (items, next) = page.slice(imports)
    return ListImportsResponse(
      imports: items.map {
        ImportsListItem(
          importId: $0.id, importStatus: $0.effectiveStatus, destinations: [$0.destination],
          createdTimestamp: $0.createdTimestamp, updatedTimestamp: $0.updatedTimestamp)
      }, nextToken: next)
  }
}

/// `ListImportFailures`: the files an import could not copy (location, error type and message).
/// - Throws: `ServiceError` `ImportNotFoundException` (TrailDeck's choice for an unknown id),
///   `InvalidNextTokenException`, `InvalidParameterException`.
public enum ListImportFailures: ServiceOperation {
  public static let name = "ListImportFailures"
  public static func perform(_ request: ListImportFailuresRequest, with services: StoreServices) throws
    -> ListImportFailuresResponse
  {
    let page = try LakePage(maxResults: request.maxResults, nextToken: request.nextToken, kind: "failures")
    let service = try ImportService(services)
    let record = try service.find(request.importId)
    let (items, next) = page.slice(try service.imports.failures(of: record.id))
    return ListImportFailuresResponse(failures: items, nextToken: next)
  }
}

/// `StopImport`: the import is `STOPPED`; a run in progress (in any process) stops after the prefix
/// it is copying.
/// - Throws: `ServiceError` `ImportNotFoundException`.
public enum StopImport: ServiceOperation {
  public static let name = "StopImport"
  public static func perform(_ request: StopImportRequest, with services: StoreServices) throws
    -> StopImportResponse
  {
    let service = try ImportService(services)
    var record = try service.find(request.importId)
    if record.isRunning {
      try service.imports.requestStop(record.id, at: service.stores.now)
      record = try service.find(record.id)
    }
    return StopImportResponse(
      importId: record.id, importSource: record.source, destinations: [record.destination],
      importStatus: record.effectiveStatus, createdTimestamp: record.createdTimestamp,
      updatedTimestamp: record.updatedTimestamp, startEventTime: record.startEventTime,
      endEventTime: record.endEventTime, importStatistics: record.statistics)
  }
}
