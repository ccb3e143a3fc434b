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

  @Test(arguments: [0, 1, 2, 3, 7, 16])
  func runsMergeIntoOrder(runs: Int) {
    var random = SeededRandom(seed: UInt64(runs) + 1)
    var ids: [Int64] = []
    var starts: [Int] = []
    for run in 0..<runs {
      starts.append(ids.count)
      // Some runs empty, the rest ascending with shared values across runs.
      let length = run % 3 == 1 ? 0 : Int(random.next() % 50)
      var value = Int64(random.next() % 10)
      for _ in 0..<length {
        value += Int64(random.next() % 5)
        ids.append(value)
      }
    }
    let expected = ids.sorted()
    RegionMembers.mergeRuns(&ids, starts: starts)
    #expect(ids == expected)
  }

  /// Postings serve Event history only: a data event is stored but not posted, so a lookup of the
  /// value it alone has finds nothing at once, and management events of the same value are found.
  @Test func dataEventsAreNotPosted() throws {
    let store = try TestStore()
    let records = (1...40).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
        $0.eventName = n <= 30 ? "GetObject" : "ListBuckets"
        $0.eventCategory = n <= 30 ? "Data" : "Management"
        $0.managementEvent = n > 30
      }
    }
    try store.write("events.json", records: records)
    #expect(try store.ingest().summary.eventsLoaded == 40)
    let connection = try SQLiteConnection(path: store.dbPath, readOnly: true)
    #expect(try connection.scalarInt("SELECT COALESCE(SUM(count), 0) FROM postings WHERE attr = 1") == 10)
    #expect(
      try connection.scalarInt(
        "SELECT COALESCE(SUM(count), 0) FROM postings WHERE attr = \(PostingAttribute.regionReadOnly.rawValue)"
      )
        == 10)
    let history = try store.history()
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "GetObject")]))
        .isEmpty)
    #expect(
      try history.allEventIDs(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "ListBuckets")], region: "us-east-1"))
        == (31...40).reversed().map(TestRecord.id))
  }
}
