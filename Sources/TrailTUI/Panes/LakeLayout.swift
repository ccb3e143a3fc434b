/// Where the Lake pane's parts go in the content area; shared by render, update (page sizes,
/// editor scroll) and mouse clicks.
struct LakeLayout {
  /// "Event data stores" and the list (or its empty state).
  let stores: Rect
  /// The editor's title line.
  let editorTitle: Rect
  let editor: Rect
  /// Statistics, the running spinner or the error.
  let statusLine: Rect
  /// The results table, header row included.
  let results: Rect

  /// Most stores listed at once; `v` picks among more.
  static let maxStoreRows = 3

  init(_ content: Rect, lake: LakeState) {
    let storeRows = 1 + max(1, min(lake.stores?.count ?? 1, Self.maxStoreRows))
    let rest = max(0, content.height - storeRows - 2)
    let editorHeight = max(3, min(lake.editor.lines.count + 1, rest * 2 / 5))
    let parts = content.split(
      .vertical, [.length(storeRows), .length(1), .length(editorHeight), .length(1), .fill])
    stores = parts[0]
    editorTitle = parts[1]
    editor = parts[2]
    statusLine = parts[3]
    results = parts[4]
  }

  var visibleResultRows: Int { max(1, Table.visibleRows(in: results)) }
}
