import Foundation
import Testing

@testable import TrailCore

/// The Trails pane's calls on a real store: they answer what the operations answer, and the selector
/// preview counts what `SelectorSet` selects in the window, nothing outside it.
@Suite("Trail managing")
struct TrailManagingTests {
  /// Ten events a minute apart from `TestTime.base`, every other one a write; a bucket `logs`.
  static func services() throws -> (TestStore, StoreServices) {
    let store = try TestStore()
    let records = (0..<10).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n) * 60).with { $0.readOnly = n % 2 == 0 }
    }
    try store.write("a.json", records: records)
    #expect(try store.ingest().summary.eventsLoaded == 10)
    let buckets = store.folder + "/buckets"
    try FileManager.default.createDirectory(atPath: buckets + "/logs", withIntermediateDirectories: true)
    let services = try StoreServices(
      StoreContext(
        databasePath: store.dbPath, clock: FixedClock(TestTime.date(TestTime.base + 3600)),
        bucketsDirectory: buckets, account: "111122223333", region: "us-east-1"))
    return (store, services)
  }

  @Test func createdTrailsAreListedWithTheirLoggingState() throws {
    let (store, services) = try Self.services()
    defer { withExtendedLifetime(store) {} }
    #expect(try services.createTrail(CreateTrailRequest(name: "main", s3BucketName: "logs")) == "main")
    #expect(try services.trailSummaries().map(\.isLogging) == [false])
    try services.setLogging(trail: "main", on: true)
    let trail = try #require(try services.trailSummaries().first)
    #expect(trail.name == "main" && trail.homeRegion == "us-east-1" && trail.isLogging)
    #expect(trail.s3BucketName == "logs")
  }

  @Test func operationErrorsReachThePaneAsServiceErrors() throws {
    let (store, services) = try Self.services()
    defer { withExtendedLifetime(store) {} }
    #expect {
      _ = try services.createTrail(CreateTrailRequest(name: "main", s3BucketName: "missing"))
    } throws: { ($0 as? ServiceError)?.exceptionName == "S3BucketDoesNotExistException" }
  }

  @Test func thePreviewCountsTheSelectedEventsOfTheWindow() throws {
    let (store, services) = try Self.services()
    defer { withExtendedLifetime(store) {} }
    _ = try services.createTrail(CreateTrailRequest(name: "main", s3BucketName: "logs"))
    let window = TestTime.date(TestTime.base)..<TestTime.date(TestTime.base + 3600)
    let writes = PutEventSelectorsRequest(
      trailName: "main",
      eventSelectors: [EventSelector(readWriteType: .writeOnly, includeManagementEvents: true)])
    #expect(try services.previewSelectors(writes, window: window) == SelectorPreview(matched: 5, scanned: 10))
    // The first five minutes only: events 0–4, of which 1 and 3 are writes.
    let early = TestTime.date(TestTime.base)..<TestTime.date(TestTime.base + 300)
    #expect(try services.previewSelectors(writes, window: early) == SelectorPreview(matched: 2, scanned: 5))
    // A single-region trail of another region sees none of them.
    let elsewhere = try StoreServices(
      StoreContext(
        databasePath: store.dbPath, clock: services.clock,
        bucketsDirectory: services.context.bucketsDirectory,
        account: "111122223333", region: "eu-west-1"))
    _ = try elsewhere.createTrail(CreateTrailRequest(name: "west", s3BucketName: "logs"))
    let west = PutEventSelectorsRequest(trailName: "west", eventSelectors: writes.eventSelectors)
    #expect(try elsewhere.previewSelectors(west, window: window) == SelectorPreview(matched: 0, scanned: 10))
    // Nothing is stored by a preview.
    #expect(try services.eventSelectors(trail: "main").eventSelectors?.first?.readWriteType == .all)
  }
}
