import Foundation
import TrailCore

/// The Insights timeline: a column per bucket, with the baseline band behind the bars and the Insights
/// periods marked under them.
///
/// ```
///   12 │        │
///      │        █│
///      │░░░░░░░░██░░░░
///    0 │▁▁ ▂▁ ▁▁███▁ ▁▁
///  UTC ────────━━━────
///      11-28 06:00   11-28 12:00
/// ```
/// A bar (eighth blocks) is the bucket's average a minute; a whisker `│` above it reaches the bucket's
/// busiest minute (they are the same at a minute a bucket); `░` is the band from what the model expects
/// to the least value it calls unusual. Bars of a period wear `insight`; under the chart `━` marks the
/// periods, the selected one in `selection`.
public struct TimelineChart: Widget {
  /// Cells left of the chart for the value axis.
  public static let labelWidth = 6

  public var timeline: InsightsTimeline
  /// The highlight (index into the request's highlights) drawn as selected.
  public var selected: Int?

  public init(timeline: InsightsTimeline, selected: Int?) {
    self.timeline = timeline
    self.selected = selected
  }

  /// The columns of bucket `index` of `count` in a chart `width` cells wide: buckets share the width
  /// evenly, so an hour of minutes fills a wide chart rather than its left half.
  static func columns(of index: Int, count: Int, width: Int) -> Range<Int> {
    guard count > 0 else { return 0..<0 }
    let start = index * width / count
    let end = max(start + 1, (index + 1) * width / count)
    return start..<min(end, max(width, start + 1))
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard area.height >= 1, area.width > Self.labelWidth else { return }
    let chartX = area.x + Self.labelWidth
    let chartWidth = area.width - Self.labelWidth
    let rows = max(0, area.height - 2)
    let buckets = timeline.buckets
    let isErrorRate = timeline.isErrorRate
    let top = max(timeline.largestValue, isErrorRate ? 0.1 : 1)
    if rows > 0 {
      grid.write(
        pad(InsightText.axis(top, isErrorRate: isErrorRate), toWidth: Self.labelWidth - 1, alignRight: true),
        x: area.x, y: area.y, width: Self.labelWidth - 1, role: .muted)
      grid.write(
        pad("0", toWidth: Self.labelWidth - 1, alignRight: true), x: area.x, y: area.y + rows - 1,
        width: Self.labelWidth - 1, role: .muted)
    }
    /// Eighths of the chart's height a value reaches.
    func eighths(_ value: Double) -> Int { Int((value / top * Double(rows * 8)).rounded()) }
    for (index, bucket) in buckets.enumerated() {
      let span = Self.columns(of: index, count: buckets.count, width: chartWidth)
      let average = eighths(bucket.average)
      let peak = eighths(bucket.peak)
      let band = bucket.band.map { (low: eighths($0.expected), high: eighths($0.unusualFrom)) }
      let barRole: Role = bucket.highlight == nil ? .chart : .insight
      for row in 0..<rows {
        let floor = row * 8
        let cell: (String, Role)
        if average >= floor + 8 {
          cell = ("█", barRole)
        } else if average > floor {
          cell = (String(Sparkline.blocks[average - floor - 1]), barRole)
        } else if peak > floor {
          cell = ("│", barRole)
        } else if let band, band.low < floor + 8, band.high > floor {
          cell = ("░", .muted)
        } else {
          cell = (" ", .normal)
        }
        let y = area.y + rows - 1 - row
        for column in span { grid.write(cell.0, x: chartX + column, y: y, width: 1, role: cell.1) }
      }
      guard area.height >= 2 else { continue }
      let marker: (String, Role) =
        switch bucket.highlight {
        case nil: ("─", .border)
        case selected: ("━", .selection)
        default: ("━", .insight)
        }
      for column in span {
        grid.write(marker.0, x: chartX + column, y: area.y + rows, width: 1, role: marker.1)
      }
    }
    if area.height >= 2 {
      grid.write("UTC", x: area.x + 1, y: area.y + rows, width: Self.labelWidth - 1, role: .muted)
    }
    if area.height >= 3 { renderTimeAxis(y: area.y + rows + 1, x: chartX, width: chartWidth, into: &grid) }
  }

  /// The window's start at the left, its end at the right and its middle when there is room.
  private func renderTimeAxis(y: Int, x: Int, width: Int, into grid: inout CellGrid) {
    let start = label(timeline.start)
    let end = label(timeline.end)
    grid.write(start, x: x, y: y, width: width, role: .muted)
    let endWidth = displayWidth(of: end)
    if displayWidth(of: start) + endWidth + 2 <= width {
      grid.write(end, x: x + width - endWidth, y: y, width: endWidth, role: .muted)
    }
    let middle = label(timeline.start.addingTimeInterval(timeline.end.timeIntervalSince(timeline.start) / 2))
    let middleWidth = displayWidth(of: middle)
    let middleX = x + (width - middleWidth) / 2
    if middleX > x + displayWidth(of: start) + 1, middleX + middleWidth + 1 < x + width - endWidth {
      grid.write(middle, x: middleX, y: y, width: middleWidth, role: .muted)
    }
  }

  /// `11-28 09:19` for windows up to a week, `2026-11-28` for 90 days.
  private func label(_ date: Date) -> String {
    let text = TimeFormat.dateTime(date)
    if timeline.request.zoom == .days90 { return String(text.prefix(10)) }
    return String(text.dropFirst(5).prefix(11))
  }
}
