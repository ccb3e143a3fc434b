import Foundation
import Testing
import TrailCore

@testable import TrailTUI

private let sizes: [(String, Size)] = [
  ("80x24", Size(width: 80, height: 24)), ("120x40", Size(width: 120, height: 40)),
  ("40x10", Size(width: 40, height: 10)),
]

private func screen(_ state: AppState) -> CellGrid {
  var grid = CellGrid(width: state.size.width, height: state.size.height)
  render(state, into: &grid)
  return grid
}

@Suite struct ScreenSnapshotTests {
  @Test(arguments: sizes.map(\.0))
  func historyPane(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    assertSnapshot(screen(Fixture.historyState(size: size)), named: "history-\(name)")
  }

  @Test(arguments: sizes.map(\.0))
  func eventDetail(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    var state = Fixture.historyState(size: size)
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    assertSnapshot(screen(state), named: "detail-\(name)")
  }

  @Test(arguments: sizes.map(\.0))
  func dashboardPane(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    assertSnapshot(screen(Fixture.dashboardState(size: size)), named: "dashboard-\(name)")
  }

  @Test(arguments: ["80x24", "120x40"])
  func trailsPane(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    var state = Fixture.trailsState(size: size)
    var later = Fixture.trails
    later[0].latestDeliveryTime = Fixture.now.addingTimeInterval(60)
    _ = update(&state, .tick(Fixture.now.addingTimeInterval(61)))
    _ = update(&state, .trailsLoaded(later))
    assertSnapshot(screen(state), named: "trails-\(name)")
  }

  @Test(arguments: ["80x24", "120x40"])
  func trailFormWithAnInlineError(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    var state = Fixture.trailsState(size: size)
    _ = update(&state, .key(.character("n")))
    for character in "new-trail\tmissing-bucket" {
      _ = update(&state, .key(character == "\t" ? .tab : .character(character)))
    }
    _ = update(&state, .key(.enter))
    _ = update(
      &state,
      .failed(
        .trailForm,
        ServiceError("S3BucketDoesNotExistException", "S3 bucket missing-bucket does not exist!").diagnostic))
    assertSnapshot(screen(state), named: "trail-form-\(name)")
  }

  @Test(arguments: ["80x24", "120x40"])
  func selectorEditorWithAPreview(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    var state = Fixture.trailsState(size: size)
    _ = update(&state, .key(.character("v")))
    let effects = update(
      &state,
      .selectorsLoaded(
        trail: "management-events",
        GetEventSelectorsResponse(
          trailARN: Fixture.trails[0].arn,
          eventSelectors: [EventSelector(readWriteType: .writeOnly, includeManagementEvents: true)])))
    guard case .previewSelectors(let requestID, _, _) = effects.first else {
      Issue.record("expected a preview, got \(effects)")
      return
    }
    _ = update(
      &state, .selectorPreviewLoaded(requestID: requestID, SelectorPreview(matched: 312, scanned: 1_204)))
    assertSnapshot(screen(state), named: "selectors-\(name)")
  }

  @Test(arguments: [Size(width: 40, height: 10), Size(width: 12, height: 3), Size(width: 1, height: 1)])
  func trailsScreensFitTinyTerminals(_ size: Size) {
    var state = Fixture.trailsState(size: size)
    _ = update(&state, .trailsLoaded(Fixture.trails))
    let table = screen(state)
    #expect(table.width == size.width)
    _ = update(&state, .key(.character("n")))
    _ = update(&state, .key(.enter))
    _ = screen(state)
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("v")))
    _ = update(&state, .selectorsLoaded(trail: "management-events", GetEventSelectorsResponse()))
    _ = screen(state)
  }

  @Test func helpOverlay() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("?")))
    assertSnapshot(screen(state), named: "help-history-80x24")
  }

  @Test func downloadProgressOverlay() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("d")))
    _ = update(&state, .key(.enter))
    _ = update(&state, .downloadProgress(done: 50, total: 200))
    assertSnapshot(screen(state), named: "download-80x24")
  }

  @Test func markedRowsShowTheirComparisonNumber() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("m")))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.character("m")))
    _ = update(&state, .key(.down))
    let grid = screen(state)
    assertSnapshot(grid, named: "history-marked-80x24")
    let map = roles(of: grid, legend: [.title: "t"])
    #expect(map[3].first == "t")
    #expect(map[5].first == "t")
    #expect(map[4].first == ".")
  }

  @Test(arguments: ["80x24", "120x40"])
  func compareView(_ name: String) {
    let size = sizes.first(where: { $0.0 == name })!.1
    var state = Fixture.historyState(size: size)
    for _ in 0..<4 {
      _ = update(&state, .key(.character("m")))
      _ = update(&state, .key(.down))
    }
    _ = update(&state, .key(.character("C")))
    let other = Fixture.record.replacingOccurrences(of: "CreateBucket", with: "DeleteBucket")
      .replacingOccurrences(of: "203.0.113.5", with: "198.51.100.7")
    let records = [
      Fixture.record, other, #"{"eventVersion":"1.08","eventName":"ConsoleLogin"}"#, Fixture.record,
    ]
    _ = update(&state, .recordsLoaded(rowIDs: [9, 8, 7, 6], records: records))
    let grid = screen(state)
    assertSnapshot(grid, named: "compare-\(name)")
    let map = roles(of: grid, legend: [.warning: "w", .selection: "s", .header: "h"])
    // eventVersion agrees (selected), userIdentity.type is missing from the third record (differs).
    #expect(map[3] == String(repeating: "s", count: size.width))
    #expect(map[4] == String(repeating: "w", count: size.width))
  }

  @Test func compareFieldValuesShowWholeValues() {
    var state = Fixture.historyState()
    for _ in 0..<2 {
      _ = update(&state, .key(.character("m")))
      _ = update(&state, .key(.down))
    }
    _ = update(&state, .key(.character("C")))
    let other =
      #"{"resources":[{"ARN":"arn:aws:s3:::a-bucket-with-a-name-long-enough-to-wrap-inside-the-box-0123456789"}]}"#
    _ = update(&state, .recordsLoaded(rowIDs: [9, 8], records: [Fixture.record, other]))
    _ = update(&state, .key(.character("G")))
    _ = update(&state, .key(.enter))
    assertSnapshot(screen(state), named: "compare-values-80x24")
  }

  @Test func historyRowsWearRolesForWritesErrorsAndSelection() {
    let grid = screen(Fixture.historyState())
    let legend: [Role: Character] = [.selection: "s", .error: "e", .write: "w", .readonly: "r", .header: "h"]
    let map = roles(of: grid, legend: legend)
    #expect(map[2] == String(repeating: "h", count: 80))
    #expect(map[3] == String(repeating: "s", count: 80))
    #expect(map[4] == String(repeating: "e", count: 80))
    #expect(map[5] == String(repeating: "r", count: 80))
    #expect(map[6] == String(repeating: "e", count: 80))
  }

  @Test func liveMarkerShowsWhenScrolledAway() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.down))
    _ = update(&state, .liveEvents(newCount: 4))
    #expect(screen(state).lines[1].hasSuffix(" 4 new ↑ "))
  }

  @Test(arguments: [(20, 5), (1, 1), (0, 0), (2, 3)])
  func tinyScreensDoNotCrash(_ width: Int, _ height: Int) {
    let size = Size(width: width, height: height)
    var states = [Fixture.historyState(size: size), Fixture.dashboardState(size: size)]
    var detail = Fixture.historyState(size: size)
    _ = update(&detail, .key(.enter))
    _ = update(&detail, .recordLoaded(rowID: 9, record: Fixture.record))
    _ = update(&detail, .key(.character("?")))
    states.append(detail)
    var compare = Fixture.historyState(size: size)
    _ = update(&compare, .key(.character("m")))
    _ = update(&compare, .key(.character("C")))
    _ = update(&compare, .recordsLoaded(rowIDs: [9], records: [Fixture.record]))
    states.append(compare)
    for state in states { _ = screen(state) }
  }

  @Test func resizeRelaysOut() {
    var state = Fixture.historyState()
    _ = update(&state, .resize(Size(width: 40, height: 10)))
    #expect(screen(state).lines.count == 10)
    #expect(screen(state).lines[0].count == 40)
  }
}
