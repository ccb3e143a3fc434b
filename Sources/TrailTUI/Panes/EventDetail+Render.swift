func renderDetail(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  guard let detail = state.history.detail else { return }
  let (title, body) = layout.detailParts
  var spans: [Span] = [Span("Event ", .muted)]
  if let summary = detail.summary {
    spans += [
      Span(summary.eventName, .title), Span(" · ", .muted),
      Span(TimeFormat.dateTime(summary.eventTime), .normal),
      Span(" · ", .muted), Span(summary.username ?? "-", .normal),
    ]
  } else {
    spans.append(Span("#\(detail.rowID)", .title))
  }
  if let search = detail.search { spans += [Span(" │ ", .border), Span("/" + search, .match)] }
  grid.fill(title, role: .header)
  grid.write(spans: spans, x: title.x, y: title.y, width: title.width)
  if let error = detail.error {
    grid.write(error.lineReference, x: body.x + 1, y: body.y, width: body.width - 1, role: .error)
    return
  }
  guard detail.document != nil else {
    grid.write(
      Spinner.frame(state.tickCount) + " Loading record…", x: body.x + 1, y: body.y, width: body.width - 1,
      role: .muted)
    return
  }
  TextView(lines: detail.lines, scroll: detail.scroll, search: detail.search).render(in: body, into: &grid)
  renderCausedList(state, in: body, into: &grid)
}
