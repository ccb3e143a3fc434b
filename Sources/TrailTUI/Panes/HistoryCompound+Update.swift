import TrailCore

/// A compound filter's page: Lake answers the newest `CompoundFilter.limit` matches at once, so only
/// the newest page is ever asked for (scrolling stays inside that window).
func requestCompoundPage(_ state: inout AppState, _ compound: CompoundFilter, _ kind: HistoryPageKind)
  -> [Effect]
{
  guard kind == .newest || kind == .refreshNewest else { return [] }
  let id = state.takeRequestID()
  state.history.pending = PendingPage(requestID: id, kind: kind)
  let (sql, parameters) = compound.statement()
  return [.runCompoundFilter(requestID: id, statement: sql, parameters: parameters)]
}

/// Keys of the `F` form: typing edits the selected row's value; tab / shift-tab change its field,
/// ctrl-t toggles NOT, ctrl-n adds a row, ctrl-x removes one, enter applies, esc cancels.
func handleCompoundFormKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var form = state.history.compoundForm else { return [] }
  let fields = CompoundField.allCases
  form.error = nil
  switch key {
  case .escape:
    state.history.compoundForm = nil
    return []
  case .enter:
    switch form.filter() {
    case .failure(let error):
      form.error = error.message
    case .success(let filter):
      state.history.compoundForm = nil
      state.history.compound = filter
      state.history.detail = nil
      state.history.rows = []
      state.history.hasLoaded = false
      return requestPage(&state, .newest)
    }
  case .up: form.selected = max(0, form.selected - 1)
  case .down: form.selected = min(form.rows.count - 1, form.selected + 1)
  case .tab, .backTab:
    let index = fields.firstIndex(of: form.rows[form.selected].field) ?? 0
    let step = key == .tab ? 1 : fields.count - 1
    form.rows[form.selected].field = fields[(index + step) % fields.count]
  case .control("t"): form.rows[form.selected].isNegated.toggle()
  case .control("n"):
    form.rows.append(.init(field: .eventName, isNegated: false, value: InputLine()))
    form.selected = form.rows.count - 1
  case .control("x"):
    if form.rows.count > 1 {
      form.rows.remove(at: form.selected)
      form.selected = min(form.selected, form.rows.count - 1)
    } else {
      form.rows[0].value = InputLine()
    }
  default: form.rows[form.selected].value.handle(key)
  }
  state.history.compoundForm = form
  return []
}

func renderCompoundForm(_ form: CompoundFilterForm, screen: Rect, into grid: inout CellGrid) {
  let modal = Modal(
    title: "Compound filter · all conditions (AND), through Lake", width: 76, height: form.rows.count + 5)
  modal.render(in: screen, into: &grid)
  let area = modal.contentArea(in: screen)
  let fieldWidth = 22
  for (index, row) in form.rows.enumerated() where index < area.height - 3 {
    let y = area.y + index
    let isSelected = index == form.selected
    let prefix = (index == 0 ? "     " : "AND  ") + (row.isNegated ? "NOT " : "    ")
    grid.write(prefix, x: area.x, y: y, width: 9, role: row.isNegated ? .warning : .muted)
    grid.write(
      pad(row.field.rawValue, toWidth: fieldWidth), x: area.x + 9, y: y, width: fieldWidth,
      role: isSelected ? .title : .normal)
    grid.write(" = ", x: area.x + 9 + fieldWidth, y: y, width: 3, role: .muted)
    let valueX = area.x + 12 + fieldWidth
    row.value.render(
      in: Rect(x: valueX, y: y, width: area.x + area.width - valueX, height: 1), into: &grid,
      showsCursor: isSelected)
  }
  var help = "tab field · ^T NOT · ^N add · ^X remove · ↑↓ row · enter apply (empty rows ignored)"
  if let range = form.timeRange {
    help =
      "eventTime \(TimeFormat.dateTime(range.lowerBound)) – \(TimeFormat.dateTime(range.upperBound)) · "
      + help
  }
  grid.write(help, x: area.x, y: area.y + area.height - 2, width: area.width, role: .muted)
  if let error = form.error {
    grid.write(error, x: area.x, y: area.y + area.height - 1, width: area.width, role: .error)
  }
}
