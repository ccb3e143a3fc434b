import Foundation
import TrailCore

private let trailColumns: [TableColumn] = [
  TableColumn("Name", width: 12, isFlexible: true), TableColumn("Home region", width: 12),
  TableColumn("Multi", width: 5), TableColumn("Org", width: 3), TableColumn("Logging", width: 7),
  TableColumn("Last delivery", width: 19), TableColumn("Last error", width: 10, isFlexible: true),
]

func renderTrails(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  if let form = state.trails.form {
    renderTrailForm(form, in: layout.content, into: &grid)
    return
  }
  if let editor = state.trails.selectors {
    renderSelectorEditor(editor, state: state, in: layout.content, into: &grid)
    return
  }
  let parts = layout.trailsParts
  guard let trails = state.trails.trails else {
    let text =
      state.trails.error.map { "\($0.code): \($0.reason)" }
      ?? Spinner.frame(state.tickCount) + " Loading trails…"
    grid.write(
      text, x: parts.table.x + 1, y: parts.table.y + 1, width: parts.table.width - 1,
      role: state.trails.error == nil ? .muted : .error)
    return
  }
  let rows = trails.map { trail in
    let error = trail.lastError ?? ""
    return TableRow(
      cells: [
        trail.name, trail.homeRegion, trail.isMultiRegionTrail ? "yes" : "no",
        trail.isOrganizationTrail ? "yes" : "no", trail.isLogging ? "● on" : "off",
        trail.latestDeliveryTime.map(TimeFormat.dateTime) ?? "-", error.isEmpty ? "-" : error,
      ],
      cellRoles: [4: trail.isLogging ? .success : .muted, 6: error.isEmpty ? .muted : .error])
  }
  Table(columns: trailColumns, rows: rows, scroll: state.trails.scroll).render(in: parts.table, into: &grid)
  if trails.isEmpty {
    grid.write(
      "No trails in \(state.region ?? "this region") yet: n creates one.", x: parts.table.x + 1,
      y: parts.table.y + 1, width: parts.table.width - 1, role: .muted)
  }
  renderDeliveryLog(state.trails.log, in: parts.log, into: &grid)
}

private func renderDeliveryLog(_ log: [DeliveryLogEntry], in area: Rect, into grid: inout CellGrid) {
  guard area.height > 0 else { return }
  grid.fill(area.row(0), role: .header)
  grid.write(" Delivery log (live)", x: area.x, y: area.y, width: area.width, role: .header)
  if log.isEmpty, area.height > 1 {
    grid.write(
      "Nothing delivered since the pane opened: a logging trail delivers every 5 minutes of the clock.",
      x: area.x + 1, y: area.y + 1, width: area.width - 1, role: .muted)
  }
  for (index, entry) in log.prefix(area.height - 1).enumerated() {
    let role: Role =
      switch entry.kind {
      case .error: .error
      case .logging: .warning
      default: index == 0 ? .new : .normal
      }
    let text = "\(TimeFormat.dateTime(entry.time))  \(entry.trail)  \(entry.kind.rawValue): \(entry.text)"
    grid.write(text, x: area.x + 1, y: area.y + 1 + index, width: area.width - 1, role: role)
  }
}

private func renderTrailForm(_ form: TrailForm, in area: Rect, into grid: inout CellGrid) {
  guard area.height > 0 else { return }
  let title = form.editing.map { " Edit trail \($0)" } ?? " New trail"
  grid.fill(area.row(0), role: .header)
  grid.write(title, x: area.x, y: area.y, width: area.width, role: .header)
  let labelWidth = 33
  let valueX = area.x + 1 + labelWidth
  let valueWidth = max(0, min(40, area.width - labelWidth - 2))
  var y = area.y + 2
  for field in TrailField.allCases {
    guard y < area.y + area.height else { break }
    let isFocused = field == form.focus
    grid.write(
      (isFocused ? "▸ " : "  ") + field.label, x: area.x + 1, y: y, width: labelWidth,
      role: isFocused ? .title : .normal)
    let value = Rect(x: valueX, y: y, width: valueWidth, height: 1)
    switch field {
    case .name:
      if form.editing != nil {
        grid.write(form.name.text, x: valueX, y: y, width: valueWidth, role: .muted)
      } else {
        form.name.render(in: value, into: &grid, showsCursor: isFocused)
      }
    case .bucket: form.bucket.render(in: value, into: &grid, showsCursor: isFocused)
    case .prefix: form.prefix.render(in: value, into: &grid, showsCursor: isFocused)
    case .multiRegion, .logFileValidation, .includeGlobalEvents:
      let on =
        field == .multiRegion
        ? form.isMultiRegion
        : field == .logFileValidation ? form.isLogFileValidationEnabled : form.includesGlobalEvents
      grid.write(
        on ? "[x]" : "[ ]", x: valueX, y: y, width: valueWidth, role: isFocused ? .selection : .normal)
    }
    y += 1
    if let error = form.errors[field], y < area.y + area.height {
      grid.write("✗ " + error, x: valueX, y: y, width: area.x + area.width - valueX, role: .error)
      y += 1
    }
  }
  y += 1
  if let error = form.formError, y < area.y + area.height {
    grid.write("✗ " + error, x: area.x + 1, y: y, width: area.width - 1, role: .error)
    y += 1
  }
  if y < area.y + area.height {
    let hint =
      form.isSaving
      ? "Saving…" : "enter save · tab/↑↓ field · space toggle · esc cancel"
    grid.write(hint, x: area.x + 1, y: y, width: area.width - 1, role: .muted)
  }
}

private func renderSelectorEditor(
  _ editor: SelectorEditor, state: AppState, in area: Rect, into grid: inout CellGrid
) {
  guard area.height > 0 else { return }
  grid.fill(area.row(0), role: .header)
  grid.write(" Event selectors of \(editor.trail)", x: area.x, y: area.y, width: area.width, role: .header)
  guard editor.isLoaded else {
    grid.write(
      Spinner.frame(state.tickCount) + " Loading selectors…", x: area.x + 1, y: area.y + 2,
      width: area.width - 1, role: .muted)
    return
  }
  let labelWidth = 24
  let valueX = area.x + 1 + labelWidth
  let valueWidth = max(0, area.width - labelWidth - 2)
  var y = area.y + 2
  func line(_ field: SelectorEditor.Field, _ label: String, _ value: String) {
    guard y < area.y + area.height else { return }
    let isFocused = editor.focus == field
    grid.write(
      (isFocused ? "▸ " : "  ") + label, x: area.x + 1, y: y, width: labelWidth,
      role: isFocused ? .title : .normal)
    grid.write(value, x: valueX, y: y, width: valueWidth, role: isFocused ? .selection : .normal)
    y += 1
  }
  line(.mode, "Selectors", editor.mode == .basic ? "‹ basic ›" : "‹ advanced (JSON) ›")
  switch editor.mode {
  case .basic:
    line(.readWriteType, "Read/write events", "‹ \(editor.basic.readWriteType ?? .all) ›")
    line(.managementEvents, "Management events", editor.basic.includeManagementEvents ?? true ? "[x]" : "[ ]")
    if let resources = editor.basic.dataResources, !resources.isEmpty, y < area.y + area.height {
      grid.write(
        "  + \(resources.count) data resource(s), kept as they are", x: area.x + 1, y: y,
        width: area.width - 1, role: .muted)
      y += 1
    }
  case .advanced:
    guard y < area.y + area.height else { break }
    let isFocused = editor.focus == .json
    grid.write(
      (isFocused ? "▸ " : "  ") + "Advanced selectors", x: area.x + 1, y: y, width: labelWidth,
      role: isFocused ? .title : .normal)
    editor.json.render(
      in: Rect(x: valueX, y: y, width: valueWidth, height: 1), into: &grid, showsCursor: isFocused)
    y += 1
  }
  y += 1
  guard y < area.y + area.height else { return }
  if let error = editor.error {
    grid.write("✗ " + error, x: area.x + 1, y: y, width: area.width - 1, role: .error)
  } else if let preview = editor.preview, editor.previewRequestID == nil {
    let text =
      "Preview: \(groupThousands(preview.matched)) of \(groupThousands(preview.scanned)) events of the last 24 h would be logged"
    grid.write(text, x: area.x + 1, y: y, width: area.width - 1, role: .success)
  } else {
    grid.write(
      Spinner.frame(state.tickCount) + " Counting matches over the last 24 h…", x: area.x + 1, y: y,
      width: area.width - 1, role: .muted)
  }
  y += 2
  if y < area.y + area.height {
    let hint =
      editor.isSaving
      ? "Saving…" : "enter save (PutEventSelectors) · tab/↑↓ field · space/←→ change · esc cancel"
    grid.write(hint, x: area.x + 1, y: y, width: area.width - 1, role: .muted)
  }
}
