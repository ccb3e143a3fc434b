/// A one-row chart of values with the eight block heights ▁…█, the newest value at the right.
public struct Sparkline: Widget {
  public var values: [Int]
  public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  public init(values: [Int]) {
    self.values = values
  }

  /// The chart text for `width` cells: the last `width` values, scaled to the largest shown.
  public func text(width: Int) -> String {
    let shown = values.suffix(max(0, width))
    let top = max(1, shown.max() ?? 1)
    return String(
      shown.map { value in
        value <= 0 ? " " : Sparkline.blocks[min(7, (value * 8 - 1) / top)]
      })
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    let text = text(width: area.width)
    grid.write(
      text, x: area.x + area.width - text.count, y: area.y + area.height - 1, width: area.width, role: .chart)
  }
}

/// Horizontal bars: `label ███▌ value` per row, scaled to the largest value.
public struct BarChart: Widget {
  public var items: [(label: String, value: Int)]
  public var selected: Int?
  public var barRole: Role

  public init(items: [(label: String, value: Int)], selected: Int? = nil, barRole: Role = .chart) {
    self.items = items
    self.selected = selected
    self.barRole = barRole
  }

  /// A bar of `value / maximum` of `width` cells, with eighth-cell precision.
  public static func bar(value: Int, maximum: Int, width: Int) -> String {
    guard maximum > 0, width > 0, value > 0 else { return "" }
    let eighths = value * width * 8 / maximum
    let partials: [Character] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"].compactMap { $0.first }
    var bar = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { bar.append(partials[eighths % 8 - 1]) }
    if bar.isEmpty { bar = "▏" }
    return bar
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    let maximum = items.map(\.value).max() ?? 0
    let numberWidth = items.map { String($0.value).count }.max() ?? 1
    let labelWidth = min(max(4, area.width / 2 - 2), items.map { displayWidth(of: $0.label) }.max() ?? 4)
    let barWidth = max(0, area.width - labelWidth - numberWidth - 2)
    for (index, item) in items.prefix(area.height).enumerated() {
      let y = area.y + index
      let isSelected = index == selected
      let role: Role = isSelected ? .selection : .normal
      grid.fill(area.row(index), role: role)
      grid.write(pad(item.label, toWidth: labelWidth), x: area.x, y: y, width: labelWidth, role: role)
      grid.write(
        BarChart.bar(value: item.value, maximum: maximum, width: barWidth), x: area.x + labelWidth + 1, y: y,
        width: barWidth, role: isSelected ? .selection : barRole)
      grid.write(
        pad(String(item.value), toWidth: numberWidth, alignRight: true), x: area.x + area.width - numberWidth,
        y: y,
        width: numberWidth, role: role)
    }
  }
}

/// A progress bar `[█████     ] 50%`, or a bouncing block when the total is unknown.
public struct ProgressBar: Widget {
  public var done: Int
  public var total: Int?
  public var tick: Int

  public init(done: Int, total: Int?, tick: Int = 0) {
    self.done = done
    self.total = total
    self.tick = tick
  }

  public func text(width: Int) -> String {
    let inner = max(0, width - 7)
    if let total, total > 0 {
      let filled = min(inner, done * inner / total)
      let percent = min(100, done * 100 / total)
      return "[" + String(repeating: "█", count: filled) + String(repeating: " ", count: inner - filled)
        + "] "
        + pad("\(percent)%", toWidth: 4, alignRight: true)
    }
    let position = inner > 0 ? tick % inner : 0
    var cells = [Character](repeating: " ", count: inner)
    if inner > 0 { cells[position] = "█" }
    return "[" + String(cells) + "]     "
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    grid.write(text(width: area.width), x: area.x, y: area.y, width: area.width, role: .chart)
  }
}

/// Frames of the "working" spinner; the frame is chosen by the tick count, never by a clock.
public enum Spinner {
  public static let frames: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
  public static func frame(_ tick: Int) -> String {
    frames[((tick % frames.count) + frames.count) % frames.count]
  }
}
