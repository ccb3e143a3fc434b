import Foundation
import Testing

@testable import TrailCore

/// An attribute asked for in a region: candidates from the attribute's postings are thinned by the
/// region's own postings when a day holds many of them, and pages stay exact either way.
@Suite("Region members")
struct RegionMembersTests {
  /// 2 000 events of one day named "Common", every 100th in eu-west-1, the rest in us-east-1; and
  /// "Rare" every 500th.
  static func store() throws -> TestStore {
    let store = try TestStore()
    let records = (1...2_000).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
        $0.eventName = n.isMultiple(of: 500) ? "Rare" : "Common"
        $0.awsRegion = n.isMultiple(of: 100) ? "eu-west-1" : "us-east-1"
        $0.readOnly = n.isMultiple(of: 3) ? false : true
      }
    }
    try store.write("events.json", records: records)
    #expect(try store.ingest().summary.eventsLoaded == 2_000)
    return store
  }

  @Test(arguments: [1, 7, 50])
  func anAttributeInARegionPagesExactly(pageSize: Int) throws {
    let store = try Self.store()
    let history = try store.history()
    func ids(_ name: String, _ region: String) throws -> [String] {
      try history.allEventIDs(
        LookupRequest(
          lookupAttributes: [LookupAttribute(.eventName, name)], maxResults: pageSize, region: region))
    }
    let common = (1...2_000).reversed().filter { !$0.isMultiple(of: 500) }
    #expect(try ids("Common", "eu-west-1") == common.filter { $0.isMultiple(of: 100) }.map(TestRecord.id))
    #expect(try ids("Common", "us-east-1") == common.filter { !$0.isMultiple(of: 100) }.map(TestRecord.id))
    #expect(try ids("Rare", "eu-west-1") == [2_000, 1_500, 1_000, 500].map(TestRecord.id))
    #expect(try ids("Rare", "us-east-1").isEmpty)
  }

  /// The filter itself: a day with many candidates is decoded and thinned to the region's; a day with
  /// few keeps them all (their rows are read instead); a region with no events that day keeps none.
  @Test func manyCandidatesOfADayAreThinnedAndFewAreKept() throws {
    let store = try Self.store()
    let connection = try SQLiteConnection(path: store.dbPath, readOnly: true)
    let everything = Int64.min...Int64.max
    let rowIDs = try connection.prepare("SELECT id, aws_region FROM events ORDER BY id")
    var all: [Int64] = []
    while try rowIDs.step() { all.append(rowIDs.int64(0)) }
    #expect(all.count == 2_000)
    let euWest = try connection.scalarInt("SELECT id FROM strings WHERE value = 'eu-west-1'")
    let members = try RegionMembers(
      connection: connection, values: RegionReadOnly.values(region: euWest, readOnly: nil), bounds: everything
    )
    let inEUWest = Set(
      (1...2_000).filter { $0.isMultiple(of: 100) }.map { all[$0 - 1] })

    let kept = try members.keep(all)
    #expect(kept == all.filter { inEUWest.contains($0) })
    let few = Array(all.prefix(RegionMembers.fewCandidates - 1))
    #expect(try members.keep(few) == few)

    let nowhere = try RegionMembers(
      connection: connection, values: RegionReadOnly.values(region: 999_999, readOnly: nil),
      bounds: everything)
    #expect(try nowhere.keep(all).isEmpty)
  }
}
