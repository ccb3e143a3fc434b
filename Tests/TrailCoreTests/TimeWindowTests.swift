import Foundation
import Testing

@testable import TrailCore

/// The 90-day window of the clock and the inclusive StartTime/EndTime rules.
@Suite("LookupEvents time window")
struct TimeWindowTests {
  static let now = TestTime.base + 100 * TestTime.day
  static let windowStart = now - 90 * TestTime.day

  /// Events at interesting instants around the window's edges, numbered as `TestRecord.id(n)`.
  static let instants: [(n: Int, time: Int64)] = [
    (1, windowStart - 1),  // one second too old
    (2, windowStart),  // exactly 90 days old: still visible
    (3, windowStart + 1),
    (4, now - 10),
    (5, now - 9),
    (6, now - 8),
    (7, now),  // the clock's own second: visible
    (8, now + 1),  // after the clock's now: not yet visible
  ]

  static func makeStore() throws -> TestStore {
    let store = try TestStore()
    try store.write(
      "window.json", records: instants.map { TestRecord(TestRecord.id($0.n), at: $0.time) })
    let run = try store.ingest()
    #expect(run.summary.eventsLoaded == instants.count)
    return store
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var start: Date?
    var end: Date?
    var expected: [Int]
    var testDescription: String { name }
  }

  static func at(_ seconds: Int64, plus fraction: TimeInterval = 0) -> Date {
    TestTime.date(seconds).addingTimeInterval(fraction)
  }

  static let cases: [Case] = [
    Case(
      name: "default window is the last 90 days up to now", start: nil, end: nil,
      expected: [7, 6, 5, 4, 3, 2]),
    Case(name: "start and end are inclusive", start: at(now - 9), end: at(now - 9), expected: [5]),
    Case(name: "closed range of three seconds", start: at(now - 10), end: at(now - 8), expected: [6, 5, 4]),
    Case(
      name: "start before the window is clamped to it", start: at(windowStart - 100),
      end: at(windowStart + 1),
      expected: [3, 2]),
    Case(name: "end after now is clamped to now", start: at(now - 8), end: at(now + 3600), expected: [7, 6]),
    Case(name: "start only", start: at(now - 9), end: nil, expected: [7, 6, 5]),
    Case(name: "end only", start: nil, end: at(windowStart + 1), expected: [3, 2]),
    Case(
      name: "fractional start rounds up to the next second", start: at(now - 10, plus: 0.5), end: at(now - 8),
      expected: [6, 5]),
    Case(
      name: "fractional end rounds down", start: at(now - 10), end: at(now - 9, plus: 0.5), expected: [5, 4]),
    Case(
      name: "range wholly before the window", start: at(windowStart - 10), end: at(windowStart - 1),
      expected: []),
    Case(name: "range wholly in the future", start: at(now + 1), end: at(now + 10), expected: []),
  ]

  @Test(arguments: cases)
  func window(_ c: Case) throws {
    let store = try Self.makeStore()
    let ids = try store.history(now: Self.now).allEventIDs(LookupRequest(startTime: c.start, endTime: c.end))
    #expect(ids == c.expected.map(TestRecord.id))
  }

  @Test func eventIdLookupStillObeysTheWindow() throws {
    let store = try Self.makeStore()
    let history = try store.history(now: Self.now)
    for (n, visible) in [(1, false), (2, true), (7, true), (8, false)] {
      let ids = try history.allEventIDs(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(n))]))
      #expect(ids == (visible ? [TestRecord.id(n)] : []), "event \(n)")
    }
  }

  @Test func movingTheClockMovesTheWindow() throws {
    let store = try Self.makeStore()
    let later = try store.history(now: Self.now + 1).allEventIDs()
    #expect(later == [8, 7, 6, 5, 4, 3].map(TestRecord.id))
  }

  @Test func startAfterEndIsInvalidTimeRange() throws {
    let store = try Self.makeStore()
    let error = try store.history(now: Self.now).lookupError(
      LookupRequest(startTime: Self.at(Self.now - 8), endTime: Self.at(Self.now - 9)))
    #expect(
      error
        == .invalidTimeRange(
          "Start time 2024-06-09T11:59:52Z is after end time 2024-06-09T11:59:51Z; the start time must not be later than the end time."
        ))
  }

  @Test func equalStartAndEndIsValid() throws {
    let store = try Self.makeStore()
    let error = try store.history(now: Self.now).lookupError(
      LookupRequest(startTime: Self.at(Self.now), endTime: Self.at(Self.now)))
    #expect(error == nil)
  }
}
