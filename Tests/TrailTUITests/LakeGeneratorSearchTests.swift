import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// `?` in the Lake editor: a search over the query generator's questions that writes the chosen one's
/// SQL into the editor, for the selected store, with the values the typed words give.
@Suite struct LakeGeneratorSearchTests {
  static func searching(_ words: String) -> AppState {
    var state = Fixture.lakeState(stores: Fixture.stores)
    _ = update(&state, .key(.character("?")))
    Fixture.type(words, into: &state)
    return state
  }

  @Test func questionMarkInTheEditorOpensTheSearchOverEveryQuestionOfTheStoresKind() {
    var state = Fixture.lakeState(stores: Fixture.stores)
    #expect(update(&state, .key(.character("?"))) == [])
    #expect(state.lake.picker == .generator(InputLine(), ScrollState()))
    #expect(state.lake.editor.isBlank)
    #expect(
      LakeGeneratorSearch.questions(for: "", kind: state.lake.storeKind, now: state.now).map(\.name)
        == InvestigationQuestion.cloudTrailQuestions.map(\.name))
  }

  @Test func insideQuotesQuestionMarkIsText() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT 'why?' AS \"q?\"", into: &state)
    #expect(state.lake.picker == nil)
    #expect(state.lake.editor.text == "SELECT 'why?' AS \"q?\"")
    Fixture.type(" ?", into: &state)
    #expect(state.lake.picker == .generator(InputLine(), ScrollState()))
  }

  @Test func enterWritesTheQuestionsSQLWithTheTypedValues() {
    var state = Self.searching("what did user alice do yesterday")
    #expect(
      LakeGeneratorSearch.questions(
        for: "what did user alice do yesterday", kind: .cloudTrail, now: state.now
      ).first?.name
        == "user-activity")
    _ = update(&state, .key(.enter))
    #expect(state.lake.picker == nil)
    #expect(state.lake.focus == .editor)
    let sql = state.lake.editor.text
    #expect(sql.contains("FROM EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"))
    #expect(sql.contains("userIdentity.userName = 'alice'"))
    #expect(sql.contains("AND eventTime < '"))
  }

  @Test func aQuestionWithoutItsValueGetsTheExamplesToEdit() {
    var state = Self.searching("access key")
    _ = update(&state, .key(.enter))
    #expect(state.lake.editor.text.contains("userIdentity.accessKeyId = 'AKIAIOSFODNN7EXAMPLE'"))
  }

  @Test func arrowsChooseAndEscClosesWithoutTouchingTheEditor() {
    var state = Self.searching("console login")
    _ = update(&state, .key(.down))
    guard case .generator(_, let scroll) = state.lake.picker else {
      Issue.record("the search closed")
      return
    }
    #expect(scroll.selected == 1)
    _ = update(&state, .key(.escape))
    #expect(state.lake.picker == nil)
    #expect(state.lake.editor.isBlank)
  }

  @Test func searchSnapshot() {
    let state = Self.searching("console login")
    var grid = CellGrid(width: state.size.width, height: state.size.height)
    render(state, into: &grid)
    assertSnapshot(grid, named: "lake-generator-80x24")
  }
}
