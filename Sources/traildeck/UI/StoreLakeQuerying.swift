import Foundation
import LakeSQL
import TrailCore
import TrailTUI

/// The Lake pane's `LakeQuerying` over the store: `LakeSQLEngine` for statements, and (for now) one
/// table, `all_events`, that reads every stored event.
///
/// Each call opens its own read-only connection, so calls may run on any thread (and several at once:
/// a long query does not hold up the store list or the history's compound filter).
struct StoreLakeQuerying: LakeQuerying {
  let context: StoreContext

  /// The ARN `all_events` answers to, in the caller's account and region.
  var allEventsARN: String {
    "arn:aws:cloudtrail:\(context.callerRegion):\(context.account):eventdatastore/\(LakeState.allEventsTable)"
  }

  /// What FROM reads: replaced by EventDataStoreCatalog at merge (its `find(idOrARN, connection:)`
  /// resolves real event data stores; until then `all_events` is the one table).
  var engine: LakeSQLEngine {
    let arn = allEventsARN
    return LakeSQLEngine { name, _, _ in
      guard name.lowercased() == LakeState.allEventsTable || name == arn else { return nil }
      return LakeTableSource(sql: "(SELECT id, event_time AS t FROM events WHERE lake_scan())", arn: arn)
    }
  }

  /// Replaced by EventDataStoreCatalog at merge (`all(connection:)`); no stores exist before it.
  func eventDataStores() throws -> [EventDataStoreRow] { [] }

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
