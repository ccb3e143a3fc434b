import Foundation
import Testing

@testable import TrailCore

/// NextToken paging of LookupEvents, token errors, and the UI's keyset pages.
@Suite("Paging")
struct PagingTests {
  static let invalidToken = ServiceError.invalidNextToken(
    "Invalid NextToken: it was not issued for these request parameters.")

  /// `count` events one second apart (event n at base + n), newest last in the file.
  static func store(count: Int, sameSecond: Bool = false) throws -> TestStore {
    let store = try TestStore()
    let records = (1...count).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + (sameSecond ? 0 : Int64(n))).with {
        $0.eventName = n.isMultiple(of: 2) ? "Even" : "Odd"
      }
    }
    try store.write("events.json", records: records)
    #expect(try store.ingest().summary.eventsLoaded == count)
    return store
  }

  @Test func pagesOf50ThenTheRest() throws {
    let history = try Self.store(count: 120).history()
    let request = LookupRequest(maxResults: 50)
    let first = try history.lookupEvents(request)
    let second = try history.lookupEvents(request.continuing(from: try #require(first.nextToken)))
    let third = try history.lookupEvents(request.continuing(from: try #require(second.nextToken)))
    #expect([first, second, third].map(\.events.count) == [50, 50, 20])
    #expect(third.nextToken == nil)
    let ids = [first, second, third].flatMap { $0.events.map(\.summary.eventId) }
    #expect(ids == (1...120).reversed().map(TestRecord.id))
  }

  /// Each page is read in one snapshot that ends with it: one service sees what is ingested later.
  @Test func aServiceSeesEventsIngestedAfterItsLastPage() throws {
    let store = try Self.store(count: 3)
    let history = try store.history()
    #expect(try history.lookupEvents(LookupRequest(maxResults: 2)).events.count == 2)
    #expect(try history.allEventIDs().count == 3)
    try store.write("later.json", records: [TestRecord(TestRecord.id(4), at: TestTime.base + 4)])
    _ = try store.ingest([store.folder + "/later.json"])
    #expect(try history.allEventIDs().first == TestRecord.id(4))
    #expect(
      try history.summaries(HistoryFilter(), from: nil, direction: .older, limit: 10).map(\.eventId)
        == (1...4).reversed().map(TestRecord.id))
  }

  @Test func defaultPageSizeIs50() throws {
    let page = try Self.store(count: 51).history().lookupEvents(LookupRequest())
    #expect(page.events.count == 50)
    #expect(page.nextToken != nil)
  }

  @Test func exactlyOneFullPageHasNoNextToken() throws {
    let page = try Self.store(count: 50).history().lookupEvents(LookupRequest())
    #expect(page.events.count == 50)
    #expect(page.nextToken == nil)
  }

  @Test func emptyResultHasNoNextToken() throws {
    let page = try Self.store(count: 3).history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Nothing")]))
    #expect(page == LookupPage(events: [], nextToken: nil))
  }

  @Test func attributePagesWalkOnlyMatchingEvents() throws {
    let history = try Self.store(count: 120).history()
    let ids = try history.allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Even")], maxResults: 7))
    #expect(ids == stride(from: 120, through: 2, by: -2).map(TestRecord.id))
  }

  /// Resource attributes read a side table; their pages must walk it as the event pages do.
  @Test(arguments: [
    LookupAttribute(.resourceType, "AWS::S3::Bucket"), LookupAttribute(.resourceName, "shared-bucket"),
  ])
  func resourceAttributePagesWalkEveryMatch(attribute: LookupAttribute) throws {
    let store = try TestStore()
    let records = (1...40).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n / 3)).with {
        if !n.isMultiple(of: 4) {
          $0.resources =
            #"[{"ARN":"arn:aws:s3:::shared-bucket","type":"AWS::S3::Bucket"},{"ARN":"arn:aws:s3:::b\#(n)","type":"AWS::S3::Bucket"}]"#
        }
      }
    }
    try store.write("events.json", records: records)
    _ = try store.ingest()
    let history = try store.history()
    let expected = try history.allEventIDs().filter { id in
      !(Int(id.suffix(12))!).isMultiple(of: 4)
    }
    #expect(expected.count == 30)
    #expect(try history.allEventIDs(LookupRequest(lookupAttributes: [attribute], maxResults: 7)) == expected)
  }

  @Test func regionPagesWalkOnlyThatRegion() throws {
    let store = try TestStore()
    let records = (1...30).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
        $0.awsRegion = n.isMultiple(of: 3) ? "eu-west-1" : "us-east-1"
      }
    }
    try store.write("events.json", records: records)
    _ = try store.ingest()
    let ids = try store.history().allEventIDs(LookupRequest(maxResults: 4, region: "eu-west-1"))
    #expect(ids == stride(from: 30, through: 3, by: -3).map(TestRecord.id))
  }

  /// A region, alone or with ReadOnly, is read through its own postings: pages in either direction
  /// hold exactly that region's events (of that ReadOnly), across batches whose times interleave, with
  /// events of other regions and without readOnly in between.
  @Test(arguments: [1, 7, 50])
  func regionAndReadOnlyPagesWalkExactlyTheirEvents(pageSize: Int) throws {
    let store = try TestStore()
    let regions = ["us-east-1", "eu-west-1", "ap-south-1"]
    func record(_ n: Int) -> TestRecord {
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
        $0.awsRegion = regions[n % 3]
        $0.readOnly = [nil, true, false, true][n % 4]
      }
    }
    let all = (1...120).map(record)
    // Two files ingested as two batches: odd events, then even ones, so each day's postings of one
    // value are two overlapping rows.
    try store.write("odd.json", records: all.filter { $0.eventTime % 2 == 1 })
    try store.write("even.json", records: all.filter { $0.eventTime % 2 == 0 })
    _ = try store.ingest([store.folder + "/odd.json"])
    _ = try store.ingest([store.folder + "/even.json"])
    let history = try store.history()
    for region in regions + ["nowhere-1"] {
      for readOnly in [nil, true, false] as [Bool?] {
        let expected = all.reversed().filter { r in
          r.awsRegion == region && (readOnly == nil || r.readOnly == readOnly)
        }.map(\.eventID)
        let attributes = readOnly.map { [LookupAttribute(.readOnly, $0 ? "true" : "false")] } ?? []
        let request = LookupRequest(lookupAttributes: attributes, maxResults: pageSize, region: region)
        #expect(
          try history.allEventIDs(request) == expected, "\(region) readOnly \(String(describing: readOnly))")

        // The Event history pane's pages, walked up from the oldest: the same events.
        let filter = HistoryFilter(
          attribute: readOnly.map { LookupAttribute(.readOnly, $0 ? "true" : "false") }, region: region)
        var newer: [String] = []
        var cursor: HistoryCursor?
        while true {
          let page = try history.summaries(filter, from: cursor, direction: .newer, limit: pageSize)
          guard let top = page.first else { break }
          newer = page.map(\.eventId) + newer
          cursor = top.cursor
        }
        #expect(newer == expected, "newer pages of \(region) readOnly \(String(describing: readOnly))")
      }
    }
  }

  @Test func pageSizeMayChangeBetweenPages() throws {
    let history = try Self.store(count: 30).history()
    let first = try history.lookupEvents(LookupRequest(maxResults: 10))
    let rest = try history.lookupEvents(LookupRequest(maxResults: 50, nextToken: first.nextToken))
    #expect(rest.events.map(\.summary.eventId) == (1...20).reversed().map(TestRecord.id))
  }

  /// Events in one second come in one stable order, with no gaps or repeats across pages.
  @Test(arguments: [1, 7, 29, 50])
  func tiesInOneSecondPageStably(pageSize: Int) throws {
    let history = try Self.store(count: 45, sameSecond: true).history()
    let whole = try history.lookupEvents(LookupRequest(maxResults: 50)).events.map(\.summary.eventId)
    #expect(Set(whole) == Set((1...45).map(TestRecord.id)))
    #expect(whole.count == 45)
    #expect(try history.allEventIDs(LookupRequest(maxResults: pageSize)) == whole)
  }

  // MARK: Token errors

  struct Replay: CustomTestStringConvertible, Sendable {
    var name: String
    var change: @Sendable (inout LookupRequest) -> Void
    var testDescription: String { name }
  }

  static let replays: [Replay] = [
    Replay(name: "different attribute value") {
      $0.lookupAttributes = [LookupAttribute(.eventName, "Odd")]
    },
    Replay(name: "different attribute key") { $0.lookupAttributes = [LookupAttribute(.username, "Even")] },
    Replay(name: "attribute dropped") { $0.lookupAttributes = [] },
    Replay(name: "different start time") { $0.startTime = TestTime.date(TestTime.base) },
    Replay(name: "different end time") { $0.endTime = TestTime.date(TestTime.base + 1000) },
    Replay(name: "different region") { $0.region = "eu-west-1" },
  ]

  @Test(arguments: replays)
  func tokenReplayedWithOtherParametersIsRefused(_ replay: Replay) throws {
    let history = try Self.store(count: 20).history()
    let request = LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Even")], maxResults: 3)
    var changed = request.continuing(from: try #require(try history.lookupEvents(request).nextToken))
    replay.change(&changed)
    #expect(history.lookupError(changed) == Self.invalidToken)
  }

  @Test func everyFlippedCharacterIsRefused() throws {
    let history = try Self.store(count: 20).history()
    let request = LookupRequest(maxResults: 5)
    let token = try #require(try history.lookupEvents(request).nextToken)
    var refused = 0
    for index in token.indices {
      var characters = Array(token)
      let i = token.distance(from: token.startIndex, to: index)
      characters[i] = characters[i] == "A" ? "B" : "A"
      if history.lookupError(request.continuing(from: String(characters))) == Self.invalidToken {
        refused += 1
      }
    }
    #expect(refused == token.count)
  }

  @Test(arguments: ["", "AQ", "not base64 at all!", String(repeating: "A", count: 44)])
  func malformedTokenIsRefused(_ token: String) throws {
    let history = try Self.store(count: 3).history()
    #expect(history.lookupError(LookupRequest(nextToken: token)) == Self.invalidToken)
  }

  @Test func tokenFromAnotherDatabaseIsRefused() throws {
    let a = try Self.store(count: 20)
    let b = try Self.store(count: 20)
    let request = LookupRequest(maxResults: 5)
    let token = try #require(try a.history().lookupEvents(request).nextToken)
    #expect(try a.history().lookupError(request.continuing(from: token)) == nil)
    #expect(try b.history().lookupError(request.continuing(from: token)) == Self.invalidToken)
  }

  @Test func tokenSurvivesReopeningTheSameDatabase() throws {
    let store = try Self.store(count: 20)
    let request = LookupRequest(maxResults: 5)
    let token = try #require(try store.history().lookupEvents(request).nextToken)
    let next = try store.history().lookupEvents(request.continuing(from: token))
    #expect(next.events.map(\.summary.eventId) == (11...15).reversed().map(TestRecord.id))
  }

  // MARK: Keyset pages for the UI

  @Test func olderPagesWalkDownFromTheNewest() throws {
    let history = try Self.store(count: 25).history()
    let first = try history.summaries(HistoryFilter(), from: nil, direction: .older, limit: 10)
    #expect(first.map(\.eventId) == (16...25).reversed().map(TestRecord.id))
    let second = try history.summaries(
      HistoryFilter(), from: try #require(first.last).cursor, direction: .older, limit: 10)
    #expect(second.map(\.eventId) == (6...15).reversed().map(TestRecord.id))
    let third = try history.summaries(
      HistoryFilter(), from: try #require(second.last).cursor, direction: .older, limit: 10)
    #expect(third.map(\.eventId) == (1...5).reversed().map(TestRecord.id))
    #expect(
      try history.summaries(
        HistoryFilter(), from: try #require(third.last).cursor, direction: .older, limit: 10
      )
      .isEmpty)
  }

  @Test func newerPagesWalkUpFromTheOldestAndAreStillNewestFirst() throws {
    let history = try Self.store(count: 25).history()
    let oldest = try history.summaries(HistoryFilter(), from: nil, direction: .newer, limit: 10)
    #expect(oldest.map(\.eventId) == (1...10).reversed().map(TestRecord.id))
    let above = try history.summaries(
      HistoryFilter(), from: try #require(oldest.first).cursor, direction: .newer, limit: 10)
    #expect(above.map(\.eventId) == (11...20).reversed().map(TestRecord.id))
    let top = try history.summaries(
      HistoryFilter(), from: try #require(above.first).cursor, direction: .newer, limit: 10)
    #expect(top.map(\.eventId) == (21...25).reversed().map(TestRecord.id))
    #expect(
      try history.summaries(
        HistoryFilter(), from: try #require(top.first).cursor, direction: .newer, limit: 10
      )
      .isEmpty)
  }

  @Test func keysetPagesHonourTheFilter() throws {
    let history = try Self.store(count: 25).history()
    let filter = HistoryFilter(
      attribute: LookupAttribute(.eventName, "Odd"), startTime: TestTime.date(TestTime.base + 5),
      endTime: TestTime.date(TestTime.base + 20))
    let older = try history.summaries(filter, from: nil, direction: .older, limit: 100)
    #expect(older.map(\.eventId) == [19, 17, 15, 13, 11, 9, 7, 5].map(TestRecord.id))
    let newer = try history.summaries(filter, from: nil, direction: .newer, limit: 3)
    #expect(newer.map(\.eventId) == [9, 7, 5].map(TestRecord.id))
    #expect(try history.summaries(filter, from: nil, direction: .older, limit: 0).isEmpty)
  }
}
