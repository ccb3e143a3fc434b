import Foundation
import LakeSQL
import TrailCore

@testable import TrailTUI

extension Fixture {
  /// The Lake pane, shown, its store list answered with `stores`.
  static func lakeState(size: Size = Size(width: 80, height: 24), stores: [EventDataStoreRow] = [])
    -> AppState
  {
    var state = AppState(databasePath: "/data/traildeck.db", size: size, pane: .history)
    _ = update(&state, .tick(now))
    _ = update(&state, .eventCountLoaded(1_234_567))
    _ = update(&state, .key(.character("4")))
    _ = update(&state, .eventDataStoresLoaded(stores))
    _ = update(&state, .savedLakeQueriesLoaded([]))
    return state
  }

  /// Types `text` into the focused editor, one key per character (newlines as enter), as a paste does.
  static func type(_ text: String, into state: inout AppState) {
    for character in text { _ = update(&state, .key(character == "\n" ? .enter : .character(character))) }
  }

  /// The Lake state after running `statement` and receiving `result`.
  static func lakeWithResult(
    size: Size = Size(width: 80, height: 24), statement: String = lakeStatement,
    result: LakeResult = lakeResult
  ) -> AppState {
    var state = lakeState(size: size)
    type(statement, into: &state)
    _ = update(&state, .key(.control("r")))
    if let run = state.lake.running {
      _ = update(&state, .lakeQueryFinished(requestID: run.requestID, result))
    }
    return state
  }

  static let lakeStatement =
    "SELECT eventName, count(*) AS n\nFROM all_events\nGROUP BY eventName\nORDER BY n DESC"

  static let lakeResult = LakeResult(
    columns: ["eventName", "n"],
    rows: (0..<30).map { ["Event\($0)", "\(100 - $0 * 3)"] } + [["NullCount", nil]],
    eventsScanned: 4_321, bytesScanned: 2_500_000, elapsed: 0.25)

  static let stores = [
    EventDataStoreRow(
      id: "EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE",
      arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EXAMPLE",
      name: "management-events", status: "ENABLED", retentionDays: 2557, eventCount: 12_345),
    EventDataStoreRow(
      id: "EXAMPLE2-aaaa", arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EXAMPLE2",
      name: "old-store", status: "STOPPED_INGESTION", retentionDays: 90, eventCount: nil),
  ]

  /// The demo's kinds of store: configuration items first (selected), evidence, then CloudTrail
  /// events (the store a configuration-item sample joins).
  static let kindedStores = [
    EventDataStoreRow(
      id: "CONFIG-1111", arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/CONFIG-1111",
      name: "demo-config-items", status: "ENABLED", retentionDays: 2557, eventCount: 420,
      tableSchema: .configurationItem),
    EventDataStoreRow(
      id: "EVIDENCE-2222", arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EVIDENCE-2222",
      name: "demo-audit-evidence", status: "ENABLED", retentionDays: 2557, eventCount: 96,
      tableSchema: .evidence),
    EventDataStoreRow(
      id: "TRAIL-3333", arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/TRAIL-3333",
      name: "management-events", status: "ENABLED", retentionDays: 2557, eventCount: 12_345),
  ]
}
