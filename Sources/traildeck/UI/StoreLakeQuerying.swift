import Foundation
import LakeSQL
import TrailCore
import TrailTUI

/// The Lake pane's `LakeQuerying` over the store: `LakeSQLEngine` for statements over the event data
/// stores, plus `all_events`, which reads every stored event.
///
/// A statement that reads event data stores only runs as a Lake query (StartQuery, as CloudTrail's
/// console runs one), so `list-queries` and `describe-query` show it like any other and Esc cancels it
/// through CancelQuery. One that reads `all_events` (not an event data store: StartQuery refuses it)
/// or binds parameters (the history's compound filter; StartQuery binds none to a statement) runs here,
/// in place.
///
/// Each call opens its own connections, so calls may run on any thread (and several at once: a long
/// query does not hold up the store list or the history's compound filter).
struct StoreLakeQuerying: LakeQuerying {
  let context: StoreContext

  /// The ARN `all_events` answers to, in the caller's account and region.
  var allEventsARN: String {
    "arn:aws:cloudtrail:\(context.callerRegion):\(context.account):eventdatastore/\(LakeState.allEventsTable)"
  }

  /// What FROM reads: the store's event data stores by ID or ARN (as StartQuery reads them), and
  /// `all_events`, every stored event — a TrailDeck extension for stores without an event data store.
  var engine: LakeSQLEngine {
    let arn = allEventsARN
    return LakeSQLEngine { name, connection, context in
      if name.lowercased() == LakeState.allEventsTable || name == arn {
        return LakeSQLEngine.allEventsSource(arn: arn)
      }
      return try LakeSQLEngine.eventDataStoreSource(name, connection: connection, context: context)
    }
  }

  /// The store's event data stores, with their member counts.
  func eventDataStores() throws -> [EventDataStoreRow] {
    let connection = try SQLiteConnection(path: context.databasePath, readOnly: true)
    return try EventDataStoreCatalog.all(connection: connection).map { store in
      let count = try connection.scalarInt(
        "SELECT COUNT(*) FROM event_data_store_events WHERE store = ?", [.int(store.rowID)])
      return EventDataStoreRow(
        id: store.id, arn: store.arn, name: store.name, status: store.status,
        retentionDays: store.retentionPeriod,
        eventCount: Int(count), tableSchema: store.tableSchema)
    }
  }

  var sampleQueries: [SampleQuery] { SampleQuery.all }

  func run(_ statement: String, parameters: [String], cancellation: LakeCancellation) throws -> LakeResult {
    let connection = try SQLiteConnection(path: context.databasePath, readOnly: true)
    let started = context.clock.now()
    let prepared: any PreparedLakeQuery
    do {
      prepared = try engine.prepare(
        statement, parameters: parameters, connection: connection, context: context)
    } catch let error as ServiceError {
      throw LakeRunError.refused(error.message)
    }
    if parameters.isEmpty, readsEventDataStoresOnly(prepared) {
      return try runAsQuery(statement, cancellation: cancellation)
    }
    do {
      let output = try prepared.run(on: connection, now: started, cancellation: cancellation)
      return LakeResult(
        columns: output.columns, rows: output.rows, eventsScanned: output.eventsScanned,
        bytesScanned: output.bytesScanned, elapsed: context.clock.now().timeIntervalSince(started))
    } catch is LakeQueryCancelled {
      throw LakeRunError.cancelled
    } catch let failure as LakeQueryFailure {
      throw LakeRunError(message: failure.message)
    }
  }

  /// Whether `prepared` reads one or more event data stores and nothing else (no `all_events`).
  func readsEventDataStoresOnly(_ prepared: any PreparedLakeQuery) -> Bool {
    let stores = prepared.eventDataStoreARNs
    return !stores.isEmpty && !stores.contains(allEventsARN)
  }

  /// Runs `statement` through the query lifecycle: StartQuery, waiting (CancelQuery once `cancellation`
  /// is set), then its statistics and every row. Statistics and elapsed time are the query's own, as
  /// DescribeQuery gives them.
  func runAsQuery(_ statement: String, cancellation: LakeCancellation) throws -> LakeResult {
    let services = try StoreServices(context)
    let query: StartedQuery
    do {
      query = try StartedQuery.start(statement, with: services)
    } catch let error as ServiceError {
      // The lifecycle checks the statement with the engine the pane checked it with, and adds its own
      // refusals (its length, the limit of concurrent queries).
      throw LakeRunError.refused(error.message)
    }
    query.waitUntilEnded(cancellation: cancellation)
    do {
      let described = try query.describe()
      switch LakeQueryStatus(rawValue: described.queryStatus ?? "") {
      case .finished:
        let results = try query.results()
        let statistics = described.queryStatistics
        return LakeResult(
          columns: results.columns, rows: results.rows, eventsScanned: statistics?.eventsScanned ?? 0,
          bytesScanned: statistics?.bytesScanned ?? 0,
          elapsed: TimeInterval(statistics?.executionTimeInMillis ?? 0) / 1000, queryId: query.id)
      case .cancelled:
        throw LakeRunError.cancelled
      default:
        // FAILED or TIMED_OUT: the ErrorMessage says why (and, for a timeout, after how long).
        throw LakeRunError(
          message: described.errorMessage ?? "Query \(query.id) \(described.queryStatus ?? "ended")")
      }
    } catch let error as ServiceError {
      throw LakeRunError(message: error.message)
    }
  }

  /// The events a compound filter's statement (selecting `eventId`) names, in its order.
  func events(_ statement: String, parameters: [String], cancellation: LakeCancellation) throws
    -> [EventSummary]
  {
    let result = try run(statement, parameters: parameters, cancellation: cancellation)
    let services = try StoreServices(context)
    // Every stored event, not LookupEvents' 90 days: Lake reads all of them.
    let start = Date(timeIntervalSince1970: 0)
    let end = context.clock.now().addingTimeInterval(86_400 * 365)
    return try result.rows.compactMap { row -> EventSummary? in
      guard let id = row.first ?? nil else { return nil }
      let filter = HistoryFilter(attribute: LookupAttribute(.eventId, id), startTime: start, endTime: end)
      return try services.summaries(filter, from: nil, direction: .older, limit: 1).first
    }
  }
}
