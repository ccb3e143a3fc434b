import Foundation
import TrailCore

/// The dashboards view: a title line with the page, then the dashboard's tiles two to a row.
func renderLakeBoard(_ board: LakeBoard, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  grid.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: .header)
  guard let boards = board.boards else {
    grid.write(" Lake dashboards", x: area.x, y: area.y, width: area.width, role: .header)
    let text = board.error.map(\.lineReference) ?? "Loading…"
    grid.write(
      " " + text, x: area.x, y: area.y + 1, width: area.width, role: board.error == nil ? .muted : .error)
    return
  }
  guard let current = board.board else {
    grid.write(" Lake dashboards", x: area.x, y: area.y, width: area.width, role: .header)
    grid.write(
      " None yet: create-dashboard makes one (AWSCloudTrail-Highlights for the managed one) · esc back",
      x: area.x, y: area.y + 1, width: area.width, role: .muted)
    return
  }
  let refresh = current.lastRefreshId.map { "refresh \($0)" } ?? "never refreshed (r)"
  grid.write(
    " \(current.name)  \(current.type == "MANAGED" ? "managed · " : "")\(refresh)  ·  \(board.page + 1)/\(boards.count)  [ ] pages · r refresh · enter opens · esc back",
    x: area.x, y: area.y, width: area.width, role: .header)
  let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
  let tiles = current.tiles
  guard !tiles.isEmpty else {
    grid.write(" No widgets", x: body.x, y: body.y, width: body.width, role: .muted)
    return
  }
  let rows = (tiles.count + 1) / 2
  let height = max(3, body.height / max(1, rows))
  let width = body.width / 2
  for (index, tile) in tiles.enumerated() {
    let x = body.x + (index % 2) * width
    let y = body.y + (index / 2) * height
    guard y + 2 < body.y + body.height else { break }
    let tileArea = Rect(
      x: x, y: y, width: index % 2 == 0 ? width - 1 : body.width - width,
      height: min(height - 1, body.y + body.height - y))
    renderLakeTile(tile, selected: index == board.selectedTile, in: tileArea, into: &grid)
  }
}

/// One tile: its title line, then its rows drawn as its kind says.
func renderLakeTile(_ tile: LakeDashboardTile, selected: Bool, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  let status = tile.status.map { $0 == "FINISHED" ? "" : " (\($0.lowercased()))" } ?? " (not refreshed)"
  grid.write(
    (selected ? "▸ " : "  ") + tile.title + status, x: area.x, y: area.y, width: area.width,
    role: selected ? .selection : .title)
  let body = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 2, height: area.height - 1)
  guard !body.isEmpty else { return }
  if let message = tile.errorMessage, tile.rows.isEmpty {
    grid.write(message, x: body.x, y: body.y, width: body.width, role: .error)
    return
  }
  guard !tile.rows.isEmpty else {
    let text =
      switch tile.status {
      case nil: "— (r refreshes)"
      case "QUEUED"?, "RUNNING"?: "…"
      default: "no rows"
      }
    grid.write(text, x: body.x, y: body.y, width: body.width, role: .muted)
    return
  }
  switch LakeTileKind(tile) {
  case .number:
    let value = tile.rows[0][0] ?? "NULL"
    grid.write(Int(value).map(groupThousands) ?? value, x: body.x, y: body.y, width: body.width, role: .chart)
  case .bars:
    let counts = tile.rows.map { Double($0[1] ?? "") ?? 0 }
    let top = max(1, counts.max() ?? 1)
    let labelWidth = min(max(6, body.width * 2 / 5), tile.rows.map { ($0[0] ?? "NULL").count }.max() ?? 6)
    for (line, row) in tile.rows.prefix(body.height).enumerated() {
      let count = Int(counts[line])
      let number = groupThousands(count)
      let barWidth = max(0, body.width - labelWidth - number.count - 2)
      let bar = String(repeating: "█", count: Int((Double(barWidth) * counts[line] / top).rounded()))
      let label = (row[0] ?? "NULL").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
      grid.write(label, x: body.x, y: body.y + line, width: labelWidth, role: .normal)
      grid.write(bar, x: body.x + labelWidth + 1, y: body.y + line, width: barWidth, role: .chart)
      grid.write(
        number, x: body.x + labelWidth + 1 + bar.count + (bar.isEmpty ? 0 : 1), y: body.y + line,
        width: number.count, role: .muted)
    }
  case .sparkline:
    let values = tile.rows.map { Double($0.last.flatMap { $0 } ?? "") ?? 0 }
    grid.write(sparkline(values.suffix(body.width)), x: body.x, y: body.y, width: body.width, role: .chart)
    let total = values.reduce(0, +)
    if body.height > 1 {
      grid.write(
        "\(values.count) points · total \(groupThousands(Int(total))) · max \(groupThousands(Int(values.max() ?? 0)))",
        x: body.x, y: body.y + 1, width: body.width, role: .muted)
    }
  case .table:
    let widths = tile.columns.indices.map { column in
      min(24, max(tile.columns[column].count, tile.rows.map { ($0[column] ?? "NULL").count }.max() ?? 0))
    }
    func line(_ values: [String]) -> String {
      zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(
        separator: "  ")
    }
    grid.write(line(tile.columns), x: body.x, y: body.y, width: body.width, role: .header)
    for (index, row) in tile.rows.prefix(body.height - 1).enumerated() {
      grid.write(line(row.map { $0 ?? "NULL" }), x: body.x, y: body.y + 1 + index, width: body.width)
    }
  }
}

/// `values` as block characters ▁…█, scaled to their maximum.
func sparkline<S: Collection>(_ values: S) -> String where S.Element == Double {
  let blocks = Array("▁▂▃▄▅▆▇█")
  let top = values.max() ?? 0
  guard top > 0 else { return String(repeating: "▁", count: values.count) }
  return String(values.map { blocks[min(7, Int(($0 / top * 7).rounded()))] })
}
