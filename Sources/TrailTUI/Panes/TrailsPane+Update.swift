import Foundation
import TrailCore

/// How far back the selector preview looks.
let selectorPreviewWindow: TimeInterval = 24 * 3600

/// The trails table's keys (the form and the selector editor take theirs in `handleTrailsEditorKey`).
func performTrails(_ state: inout AppState, _ action: Action) -> [Effect] {
  let count = state.trails.trails?.count ?? 0
  let visible = ScreenLayout(state.size).trailsVisibleRows
  switch action {
  case .moveDown: state.trails.scroll.move(by: 1, count: count, visible: visible)
  case .moveUp: state.trails.scroll.move(by: -1, count: count, visible: visible)
  case .pageDown: state.trails.scroll.move(by: visible, count: count, visible: visible)
  case .pageUp: state.trails.scroll.move(by: -visible, count: count, visible: visible)
  case .home: state.trails.scroll.select(0, count: count, visible: visible)
  case .end: state.trails.scroll.select(count - 1, count: count, visible: visible)
  case .refresh: return requestTrails(&state)
  case .toggleLogging:
    guard let trail = state.trails.selected else { return noTrailSelected(&state) }
    state.show("\(trail.isLogging ? "Stopping" : "Starting") logging for \(trail.name)…")
    return [.setLogging(trail: trail.name, on: !trail.isLogging)]
  case .newTrail:
    state.trails.form = TrailForm()
  case .editTrail, .open:
    guard let trail = state.trails.selected else { return noTrailSelected(&state) }
    state.trails.form = TrailForm(editing: trail)
  case .editSelectors:
    guard let trail = state.trails.selected else { return noTrailSelected(&state) }
    state.trails.selectors = SelectorEditor(trail: trail.name)
    return [.loadSelectors(trail: trail.name)]
  default: break
  }
  return []
}

private func noTrailSelected(_ state: inout AppState) -> [Effect] {
  state.show("No trail selected: n creates one", role: .warning)
  return []
}

/// Asks for the trails unless a load is already on its way.
func requestTrails(_ state: inout AppState) -> [Effect] {
  guard !state.trails.isLoading else { return [] }
  state.trails.isLoading = true
  state.trails.lastRequest = state.now
  return [.loadTrails]
}

/// The once-a-second refresh while the pane shows: DescribeTrails and GetTrailStatus are a few small
/// reads, and the delivery log needs the status changes as they happen.
func trailsTick(_ state: inout AppState, _ date: Date) -> [Effect] {
  guard state.pane == .trails else { return [] }
  guard state.trails.lastRequest.map({ date.timeIntervalSince($0) >= 1 }) ?? true else { return [] }
  return requestTrails(&state)
}

func trailsLoaded(_ state: inout AppState, _ trails: [TrailSummary]) -> [Effect] {
  let now = state.now ?? Date(timeIntervalSince1970: 0)
  if let old = state.trails.trails {
    var entries: [DeliveryLogEntry] = []
    for trail in trails {
      if let before = old.first(where: { $0.arn == trail.arn && $0.name == trail.name }) {
        entries += DeliveryLogEntry.changes(from: before, to: trail, now: now)
      }
    }
    state.trails.log = Array((entries.reversed() + state.trails.log).prefix(TrailsState.logLimit))
  }
  state.trails.trails = trails
  state.trails.isLoading = false
  state.trails.error = nil
  state.trails.scroll.keepVisible(count: trails.count, visible: ScreenLayout(state.size).trailsVisibleRows)
  if let name = state.trails.selectOnLoad, let index = trails.firstIndex(where: { $0.name == name }) {
    state.trails.selectOnLoad = nil
    state.trails.scroll.select(
      index, count: trails.count, visible: ScreenLayout(state.size).trailsVisibleRows)
  }
  if state.trails.scroll.selected >= trails.count {
    state.trails.scroll.select(
      trails.count - 1, count: trails.count, visible: ScreenLayout(state.size).trailsVisibleRows)
  }
  return []
}

/// Answers to the Trails pane's effects other than the table load.
func trailsAnswer(_ state: inout AppState, _ input: Input) -> [Effect] {
  switch input {
  case .trailActionDone(let text):
    state.show(text, role: .success)
    return requestTrails(&state)
  case .trailSaved(let name):
    let created = state.trails.form?.editing == nil
    state.trails.form = nil
    state.show(created ? "Created trail \(name)" : "Updated trail \(name)", role: .success)
    if created { state.trails.selectOnLoad = name }
    // A load already on its way may have been read before the save: ask again.
    state.trails.isLoading = false
    return requestTrails(&state)
  case .selectorsLoaded(let trail, let response):
    guard state.trails.selectors?.trail == trail else { return [] }
    state.trails.selectors?.load(response)
    return previewSelectors(&state)
  case .selectorPreviewLoaded(let requestID, let preview):
    guard var editor = state.trails.selectors, editor.previewRequestID == requestID else { return [] }
    editor.preview = preview
    editor.previewRequestID = nil
    state.trails.selectors = editor
    return []
  case .selectorsSaved(let trail):
    state.trails.selectors = nil
    state.show("Saved the event selectors of \(trail)", role: .success)
    return []
  default: return []
  }
}

/// A failure of a Trails pane effect: shown next to the field it names, in the editor, or in the status
/// line, always with CloudTrail's exception name.
func trailsFailure(_ state: inout AppState, _ source: FailureSource, _ diagnostic: Diagnostic) -> [Effect] {
  let text = "\(diagnostic.code): \(diagnostic.reason)"
  switch source {
  case .trails:
    state.trails.isLoading = false
    state.trails.error = diagnostic
  case .trailAction: break
  case .trailForm:
    guard var form = state.trails.form else { break }
    form.isSaving = false
    if let field = TrailField.named(byException: diagnostic.code), form.fields.contains(field) {
      form.errors[field] = text
      form.focus = field
    } else {
      form.formError = text
    }
    state.trails.form = form
  case .selectors:
    state.trails.selectors?.isSaving = false
    state.trails.selectors?.isLoaded = true
    state.trails.selectors?.error = text
  case .selectorPreview(let requestID):
    guard state.trails.selectors?.previewRequestID == requestID else { return [] }
    state.trails.selectors?.previewRequestID = nil
    state.trails.selectors?.preview = nil
    state.trails.selectors?.error = text
    return []
  default: break
  }
  state.show(text, role: .error, ticks: 10)
  return []
}

/// Keys while the form or the selector editor is open: they take every key, so typing works.
func handleTrailsEditorKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  // ^C still quits from inside a form, as everywhere else.
  if key == .control("c") { return perform(&state, .quit) }
  if state.trails.form != nil { return handleFormKey(&state, key) }
  return handleSelectorKey(&state, key)
}

private func handleFormKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var form = state.trails.form else { return [] }
  let fields = form.fields
  let index = fields.firstIndex(of: form.focus) ?? 0
  switch key {
  case .escape:
    state.trails.form = nil
    return []
  case .tab, .down:
    form.focus = fields[(index + 1) % fields.count]
  case .backTab, .up:
    form.focus = fields[(index + fields.count - 1) % fields.count]
  case .enter:
    // One save at a time: the answer closes the form or shows its errors.
    guard !form.isSaving else { return [] }
    switch form.request() {
    case .failure(let errors):
      form.errors = errors.fields
      form.formError = nil
      if let first = fields.first(where: { errors.fields[$0] != nil }) { form.focus = first }
      state.trails.form = form
      return []
    case .success(let save):
      form.errors = [:]
      form.formError = nil
      form.isSaving = true
      state.trails.form = form
      return [.saveTrail(save)]
    }
  case .character(" ") where form.focus.isToggle, .left where form.focus.isToggle,
    .right where form.focus.isToggle:
    switch form.focus {
    case .multiRegion: form.isMultiRegion.toggle()
    case .logFileValidation: form.isLogFileValidationEnabled.toggle()
    default: form.includesGlobalEvents.toggle()
    }
  default:
    switch form.focus {
    case .name: form.name.handle(key)
    case .bucket: form.bucket.handle(key)
    case .prefix: form.prefix.handle(key)
    default: return []
    }
    // The error was about the old text: let it go as the user fixes it.
    form.errors[form.focus] = nil
  }
  state.trails.form = form
  return []
}

private func handleSelectorKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var editor = state.trails.selectors else { return [] }
  let fields = editor.fields
  let index = fields.firstIndex(of: editor.focus) ?? 0
  var changed = false
  switch key {
  case .escape:
    state.trails.selectors = nil
    return []
  case .tab, .down:
    editor.focus = fields[(index + 1) % fields.count]
  case .backTab, .up:
    editor.focus = fields[(index + fields.count - 1) % fields.count]
  case .enter:
    guard !editor.isSaving else { return [] }
    switch editor.request() {
    case .failure(let error): editor.error = error.message
    case .success(let request):
      editor.isSaving = true
      editor.error = nil
      state.trails.selectors = editor
      return [.putSelectors(request)]
    }
  case .character(" "), .left, .right:
    switch editor.focus {
    case .mode:
      editor.mode = editor.mode == .basic ? .advanced : .basic
      if editor.mode == .advanced, editor.json.text == "[]" {
        editor.json = InputLine(advancedJSON(for: editor.basic))
      }
      changed = true
    case .readWriteType:
      let order: [ReadWriteType] = [.all, .readOnly, .writeOnly]
      let current = order.firstIndex(of: editor.basic.readWriteType ?? .all) ?? 0
      let step = key == .left ? order.count - 1 : 1
      editor.basic.readWriteType = order[(current + step) % order.count]
      changed = true
    case .managementEvents:
      editor.basic.includeManagementEvents = !(editor.basic.includeManagementEvents ?? true)
      changed = true
    case .json:
      changed = editor.json.handle(key)
    }
  default:
    guard editor.focus == .json else { return [] }
    changed = editor.json.handle(key)
  }
  state.trails.selectors = editor
  return changed ? previewSelectors(&state) : []
}

/// The advanced selectors equivalent to a basic one's read/write and management choice, as a start
/// for editing.
private func advancedJSON(for selector: EventSelector) -> String {
  var fields = #"{"Field":"eventCategory","Equals":["Management"]}"#
  switch selector.readWriteType ?? .all {
  case .readOnly: fields += #",{"Field":"readOnly","Equals":["true"]}"#
  case .writeOnly: fields += #",{"Field":"readOnly","Equals":["false"]}"#
  default: break
  }
  return #"[{"Name":"Management events","FieldSelectors":["# + fields + "]}]"
}

/// Asks for a preview of what the editor's selectors select over the last 24 hours, superseding the
/// one in flight; an unparsable text shows its error instead.
func previewSelectors(_ state: inout AppState) -> [Effect] {
  guard var editor = state.trails.selectors else { return [] }
  switch editor.request() {
  case .failure(let error):
    editor.error = error.message
    editor.previewRequestID = nil
    state.trails.selectors = editor
    return []
  case .success(let request):
    let now = state.now ?? Date(timeIntervalSince1970: 0)
    let requestID = state.takeRequestID()
    editor.error = nil
    editor.previewRequestID = requestID
    state.trails.selectors = editor
    return [
      .previewSelectors(
        requestID: requestID, request: request, window: now.addingTimeInterval(-selectorPreviewWindow)..<now)
    ]
  }
}
