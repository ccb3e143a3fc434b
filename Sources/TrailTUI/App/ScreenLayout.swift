/// Where things go on a screen of a given size; shared by `render` and by `update` (page sizes, clicks).
struct ScreenLayout {
  let tabs: Rect
  let content: Rect
  let status: Rect

  init(_ size: Size) {
    let parts = Rect(x: 0, y: 0, width: size.width, height: size.height).split(
      .vertical, [.length(1), .fill, .length(1)])
    tabs = parts[0]
    content = parts[1]
    status = size.height >= 2 ? parts[2] : Rect(x: 0, y: 0, width: 0, height: 0)
  }

  /// The history pane: a filter bar above the table.
  var historyParts: (filterBar: Rect, table: Rect) {
    let parts = content.split(.vertical, [.length(1), .fill])
    return (parts[0], parts[1])
  }

  /// The event detail: a title line above the JSON.
  var detailParts: (title: Rect, body: Rect) {
    let parts = content.split(.vertical, [.length(1), .fill])
    return (parts[0], parts[1])
  }

  /// The Trails pane: the table above, the delivery log below.
  var trailsParts: (table: Rect, log: Rect) {
    let tableHeight = max(3, min(content.height / 2, 12))
    let parts = content.split(.vertical, [.length(tableHeight), .fill])
    return (parts[0], parts[1])
  }

  /// The Insights pane: the API table, the timeline under it, the selected period's details at the
  /// foot (statistics, then attributions: they grow with the screen).
  var insightsParts: (table: Rect, timeline: Rect, details: Rect) {
    let tableHeight = max(3, min(8, content.height / 4))
    let detailsHeight = max(5, (content.height - tableHeight) * 2 / 5)
    let parts = content.split(.vertical, [.length(tableHeight), .fill, .length(detailsHeight)])
    return (parts[0], parts[1], parts[2])
  }

  var insightsVisibleRows: Int { max(1, Table.visibleRows(in: insightsParts.table)) }
  /// The timeline's chart width in cells (left of it, the value axis' labels): the buckets asked for.
  var insightsChartColumns: Int { max(1, insightsParts.timeline.width - TimelineChart.labelWidth) }

  var trailsVisibleRows: Int { max(1, Table.visibleRows(in: trailsParts.table)) }
  var historyVisibleRows: Int { max(1, Table.visibleRows(in: historyParts.table)) }
  var detailVisibleLines: Int { max(1, detailParts.body.height) }
  /// The comparison has the detail's layout, its body a table with a header row.
  var compareVisibleRows: Int { max(1, Table.visibleRows(in: detailParts.body)) }
}
