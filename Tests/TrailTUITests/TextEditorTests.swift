import Testing

@testable import TrailTUI

@Suite struct TextEditorTests {
  @Test func scrollingFollowsTheCursor() {
    var editor = TextEditor((1...20).map { "line \($0)" }.joined(separator: "\n"))
    editor.scrollToCursor(height: 5, width: 10)
    #expect(editor.topLine == 15)
    editor.moveCursor(line: 2, column: 1)
    editor.scrollToCursor(height: 5, width: 10)
    #expect(editor.topLine == 1)
    editor.insert(String(repeating: "x", count: 30))
    editor.scrollToCursor(height: 5, width: 10)
    #expect(editor.leftColumn == 21)
  }

  @Test func killsToLineEdges() {
    var editor = TextEditor("SELECT eventName")
    editor.moveCursor(line: 1, column: 7)
    editor.handle(.control("k"))
    #expect(editor.text == "SELECT")
    editor.handle(.control("u"))
    #expect(editor.text == "" && editor.column == 0)
  }

  @Test(arguments: [
    ("line 2:3: Column 'eventNam' cannot be resolved", 2, 3),
    ("Query failed: line 10:21: mismatched input", 10, 21),
  ])
  func positionsAreReadFromLakesMessages(_ message: String, _ line: Int, _ column: Int) {
    let error = LakeRunError.refused(message)
    #expect(error.line == line && error.column == column)
  }

  @Test func messagesWithoutAPositionKeepTheCursor() {
    #expect(LakeRunError.refused("Division by zero").line == nil)
    #expect(LakeRunError.refused("line x:y").line == nil)
  }
}
