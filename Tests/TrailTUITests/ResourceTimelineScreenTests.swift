import Foundation
import Testing
import TrailCore

@testable import TrailTUI

@Suite struct ResourceTimelineScreenTests {
  private func screen(_ state: AppState) -> CellGrid {
    var grid = CellGrid(width: state.size.width, height: state.size.height)
    render(state, into: &grid)
    return grid
  }

  @Test(arguments: [("80x24", 80, 24), ("120x40", 120, 40)])
  func timeline(_ name: String, _ width: Int, _ height: Int) {
    let state = Fixture.timelineState(size: Size(width: width, height: height))
    assertSnapshot(screen(state), named: "timeline-\(name)")
  }

  @Test func anEarlierItemWithItsCause() {
    var state = Fixture.timelineState()
    _ = update(&state, .key(.character("k")))
    assertSnapshot(screen(state), named: "timeline-cause-80x24")
  }

  @Test func anEmptyTimelineSaysWhy() {
    let empty = ResourceTimeline(query: .arn("arn:aws:s3:::写真-バケット"), resource: nil, entries: [])
    assertSnapshot(screen(Fixture.timelineState(timeline: empty)), named: "timeline-empty-80x24")
  }

  @Test func changesWearTheirRoles() {
    let grid = screen(Fixture.timelineState(size: Size(width: 120, height: 40)))
    let lines = grid.lines
    let legend: [Role: Character] = [.success: "+", .error: "-", .warning: "~"]
    let marks = roles(of: grid, legend: legend)
    let changed = lines.firstIndex { $0.hasPrefix("~ configuration.ipPermissions[0].toPort") }
    #expect(changed != nil)
    if let changed { #expect(marks[changed].hasPrefix("~~~~~~~~~")) }
  }

  @Test(arguments: [(40, 10), (30, 5), (12, 3)])
  func smallScreensKeepTheTitleAndDrawWithinTheGrid(_ width: Int, _ height: Int) {
    let grid = screen(Fixture.timelineState(size: Size(width: width, height: height)))
    #expect(grid.lines.count == height)
    #expect(grid.lines[1].hasPrefix("Timeline"))
  }

  @Test func whileLoadingASpinnerShows() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    _ = update(&state, .key(.character("T")))
    #expect(screen(state).lines[2].contains("Reading configuration items…"))
  }
}
