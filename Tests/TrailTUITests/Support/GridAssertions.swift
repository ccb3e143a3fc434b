import Foundation
import Testing

@testable import TrailTUI

/// The grid's text with trailing spaces kept, one line per row.
func text(of grid: CellGrid) -> String { grid.lines.joined(separator: "\n") }

/// A role map: one character per cell from `legend`, `.` for others.
func roles(of grid: CellGrid, legend: [Role: Character]) -> [String] {
  (0..<grid.height).map { y in String((0..<grid.width).map { legend[grid[$0, y].role] ?? "." }) }
}

func expectLines(_ grid: CellGrid, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
  let actual = grid.lines
  if actual != expected {
    Issue.record(
      "grid differs:\n--- expected\n\(expected.joined(separator: "\n"))\n--- actual\n\(actual.joined(separator: "\n"))",
      sourceLocation: sourceLocation)
  }
}

/// Compares a screen with `Snapshots/<name>.txt`; writes it when missing (and fails), or when
/// `TRAILDECK_RECORD_SNAPSHOTS=1`.
func assertSnapshot(_ grid: CellGrid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
  // This file sits in Tests/TrailTUITests/Support; the snapshots beside it in Tests/TrailTUITests/Snapshots.
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let url = folder.appendingPathComponent(name + ".txt")
  let actual = text(of: grid) + "\n"
  let record = ProcessInfo.processInfo.environment["TRAILDECK_RECORD_SNAPSHOTS"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "snapshot \(name) was \(record ? "re-recorded" : "missing and has been written"); check it and run again",
      sourceLocation: sourceLocation)
    return
  }
  if expected != actual {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : "") != (i < a.count ? a[i] : "") {
      diff.append("line \(i + 1):\n  - \(i < e.count ? e[i] : "")\n  + \(i < a.count ? a[i] : "")")
    }
    Issue.record(
      "snapshot \(name) differs (TRAILDECK_RECORD_SNAPSHOTS=1 re-records):\n\(diff.joined(separator: "\n"))",
      sourceLocation: sourceLocation)
  }
}
