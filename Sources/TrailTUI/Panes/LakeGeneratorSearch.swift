import Foundation
import LakeSQL
import TrailCore

/// The Lake pane's `?` search over the query generator's catalogue: the questions matching the words
/// typed (all of them, in catalogue order, before two characters are typed), and the SQL the chosen
/// one writes into the editor — generated for the current store with the values the words give
/// (user, key, resource, IP address, time range), the question's example values for the rest.
enum LakeGeneratorSearch {
  /// The questions offered for `text` over a store of `kind`, best first: only those of the store's
  /// kind, whose statements read its columns.
  static func questions(for text: String, kind: LakeTableSchema, now: Date?) -> [InvestigationQuestion] {
    let words = text.trimmed
    guard words.count >= 2 else { return InvestigationQuestion.catalogue.filter { $0.storeKind == kind } }
    return SampleQuerySearch(now: clock(now)).results(for: words).compactMap(\.question).filter {
      $0.storeKind == kind
    }
  }

  /// The statement `question` writes for `text` over `store`.
  static func statement(of question: InvestigationQuestion, text: String, store: String, now: Date?) -> String
  {
    QueryGenerator().statement(of: question, prompt: text, store: store, now: clock(now))
  }

  /// The pane's time (from the last tick); before the first tick, the epoch, so the update stays pure.
  private static func clock(_ now: Date?) -> Date { now ?? Date(timeIntervalSince1970: 0) }
}

extension TextEditor {
  /// Whether the cursor is inside a `'…'` literal or a `"…"` identifier: an odd number of either quote
  /// before it (SQL doubles a quote inside its kind, which keeps the count even).
  var isCursorInsideQuotes: Bool {
    var before = lines[..<row].flatMap { $0 }
    before += lines[row].prefix(column)
    var open: Character?
    for character in before where character == "'" || character == "\"" {
      if open == nil {
        open = character
      } else if open == character {
        open = nil
      }
    }
    return open != nil
  }
}

/// A key while the `?` search is open: editing keys change the words (and restart the list), ↑/↓
/// choose, enter writes the chosen question's SQL into the editor, esc (handled before) closes.
func handleLakeGeneratorKey(_ state: inout AppState, line: InputLine, scroll: ScrollState, _ key: Key)
  -> [Effect]
{
  var line = line
  var scroll = scroll
  let questions = LakeGeneratorSearch.questions(for: line.text, kind: state.lake.storeKind, now: state.now)
  switch key {
  case .enter:
    guard questions.indices.contains(scroll.selected) else {
      state.show("No question matches these words; try others (esc closes)", role: .warning)
      return []
    }
    let question = questions[scroll.selected]
    let sql = LakeGeneratorSearch.statement(
      of: question, text: line.text, store: state.lake.storeTable, now: state.now)
    state.lake.editor = TextEditor(sql)
    state.lake.focus = .editor
    state.lake.picker = nil
    state.lake.error = nil
    state.show("\(question.question) — ctrl-r runs it")
    return []
  case .down: scroll.move(by: 1, count: questions.count, visible: questions.count)
  case .up: scroll.move(by: -1, count: questions.count, visible: questions.count)
  default:
    if line.handle(key) { scroll = ScrollState() }
  }
  state.lake.picker = .generator(line, scroll)
  return []
}

/// The `?` search: the words on the first line, the matching questions under it.
func renderLakeGenerator(
  _ lake: LakeState, line: InputLine, scroll: ScrollState, now: Date?, screen: Rect, into grid: inout CellGrid
) {
  let questions = LakeGeneratorSearch.questions(for: line.text, kind: lake.storeKind, now: now)
  let modal = Modal(
    title: "Ask a question (type words · enter writes its SQL · esc closes)",
    width: min(screen.width - 4, 90),
    height: min(screen.height - 2, 16))
  modal.render(in: screen, into: &grid)
  let area = modal.contentArea(in: screen)
  guard area.height >= 2 else { return }
  grid.write("? ", x: area.x, y: area.y, width: 2, role: .title)
  line.render(in: Rect(x: area.x + 2, y: area.y, width: area.width - 2, height: 1), into: &grid)
  let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
  guard !questions.isEmpty else {
    grid.write(" No question matches these words.", x: list.x, y: list.y, width: list.width, role: .muted)
    return
  }
  PickerList(items: questions.map { "\($0.question) — \($0.description)" }, scroll: scroll)
    .render(in: list, into: &grid)
}
