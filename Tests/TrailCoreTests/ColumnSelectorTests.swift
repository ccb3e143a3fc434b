import Foundation
import Testing

@testable import TrailCore

/// Delivery's column shortcut decides basic management selectors exactly as `SelectorSet` does, on
/// every record of a demo (management, data, network activity and service events).
@Suite("Column selector")
struct ColumnSelectorTests {
  static let configurations: [(String, EventSelectorConfiguration)] = [
    ("default", .newTrail),
    ("read only", .basic([EventSelector(readWriteType: .readOnly, includeManagementEvents: true)])),
    ("write only", .basic([EventSelector(readWriteType: .writeOnly)])),
    ("no management", .basic([EventSelector(readWriteType: .all, includeManagementEvents: false)])),
    (
      "read or write",
      .basic([EventSelector(readWriteType: .readOnly), EventSelector(readWriteType: .writeOnly)])
    ),
  ]

  @Test func answersAsSelectorSetDoes() throws {
    let store = try TestStore()
    let end = TestTime.date(TestTime.base)
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 4, days: 1, accounts: 1, regions: 1, end: end))
    _ = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(end)).seed(simulator)
    let reader = try EventStore.openReader(path: store.dbPath)
    let readOnly = try reader.prepare("SELECT read_only FROM events WHERE id = ?")
    var categories: Set<EventCategory> = []
    var checked = 0
    try RecordScanner(connection: reader).scan(rowIDRange: Int64.min...Int64.max) { record in
      readOnly.reset()
      readOnly.bindInt(1, record.rowID)
      _ = try readOnly.step()
      let stored: Bool? = readOnly.isNull(0) ? nil : readOnly.int64(0) == 1
      let event = try SelectableEvent(recordJSON: record.bytes)
      categories.insert(record.category)
      for (name, configuration) in Self.configurations {
        let columns = try #require(ColumnSelector(configuration), "\(name)")
        #expect(
          columns.matches(category: record.category, readOnly: stored)
            == SelectorSet(configuration).matches(event),
          "\(name): \(String(decoding: record.bytes, as: UTF8.self).prefix(300))")
      }
      checked += 1
    }
    #expect(checked > 1000)
    #expect(categories.isSuperset(of: [.management, .data, .networkActivity]))
  }

  @Test func selectorsThatNeedTheRecordHaveNoShortcut() {
    let data = EventSelector(dataResources: [DataResource(type: "AWS::S3::Object", values: ["arn:aws:s3"])])
    #expect(ColumnSelector(.basic([data])) == nil)
    #expect(
      ColumnSelector(.basic([EventSelector(excludeManagementEventSources: ["kms.amazonaws.com"])])) == nil)
    #expect(
      ColumnSelector(
        .advanced([
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])
          ])
        ])
      ) == nil)
  }
}
