import Testing

@testable import TrailTUI

@Suite struct KeymapTests {
  @Test(arguments: Scope.allCases)
  func noKeyIsBoundTwiceInAScope(_ scope: Scope) {
    var seen: [Key: Action] = [:]
    for binding in Keymap.bindings where binding.scope == scope {
      for key in binding.keys {
        #expect(seen[key] == nil, "\(key.label) is bound twice in \(scope)")
        seen[key] = binding.action
      }
    }
  }

  @Test func everyBindingHasHelpAndEveryPaneActionIsBound() {
    for binding in Keymap.bindings { #expect(!binding.help.isEmpty, "\(binding.action)") }
    let bound = Set(Keymap.bindings.map(\.action))
    let expected: [Action] =
      [
        .quit, .back, .help, .commandLine, .search, .searchNext, .searchPrevious, .nextPane, .previousPane,
        .moveUp,
        .moveDown, .pageUp, .pageDown, .home, .end, .open, .editFilter, .editTimeRange, .chooseColumns,
        .download,
        .clearFilter, .refresh, .toggleFold, .foldAll, .unfoldAll, .nextTile, .previousTile,
        .cancelDownload, .toggleMark, .clearMarks, .compare, .scrollLeft, .scrollRight, .toggleDifferences,
        .earlierPeriod, .laterPeriod, .zoomIn, .zoomOut, .fitPeriod, .relatedEvents, .resourceTimeline,
      ]
      + PaneID.allCases.map { .showPane($0) } + Pivot.allCases.map { .pivot($0) }
    for action in expected { #expect(bound.contains(action), "\(action) has no key") }
  }

  @Test func paneScopeWinsOverGlobal() {
    #expect(Keymap.action(for: .tab, in: .dashboard) == .nextTile)
    #expect(Keymap.action(for: .tab, in: .history) == .nextPane)
    #expect(Keymap.action(for: .enter, in: .detail) == .toggleFold)
    #expect(Keymap.action(for: .character("r"), in: .detail) == .pivot(.resource))
  }

  @Test func insightsKeysWinOverTheGlobalOnesAndTheFooterNamesThem() {
    #expect(Keymap.action(for: .enter, in: .insights) == .relatedEvents)
    #expect(Keymap.action(for: .character("e"), in: .insights) == .relatedEvents)
    #expect(Keymap.action(for: .left, in: .insights) == .scrollLeft)
    #expect(Keymap.action(for: .character("j"), in: .insights) == .moveDown)
    #expect(
      Keymap.footer(for: .insights).prefix(5).map { "\($0.key) \($0.help)" } == [
        "[ earlier", "] later", "+/= zoom", "e/enter events", "d download",
      ])
  }

  @Test func footerLabelsComeFromKeys() {
    let footer = Keymap.footer(for: .history)
    #expect(footer.map(\.key).prefix(3) == ["f", "t", "d"])
    #expect(footer.contains(where: { $0.key == "esc/q" && $0.help == "back" }))
  }

  @Test(arguments: [
    ("histroy", "Unknown command ':histroy'. Did you mean ':history'?"),
    ("dashbord", "Unknown command ':dashbord'. Did you mean ':dashboard'?"),
    (
      "zzzzzz",
      "Unknown command ':zzzzzz'. Commands: :dashboard, :history, :lake, :insights, :theme, :region, :help, :q"
    ),
  ])
  func unknownCommandsSuggest(_ line: String, _ message: String) {
    #expect(Command.parse(line) == .failure(CommandError(message: message)))
  }

  @Test func commandsParse() {
    #expect(Command.parse("history") == .success(.showPane(.history)))
    #expect(Command.parse("theme light") == .success(.theme("light")))
    #expect(Command.parse("region all") == .success(.region(nil)))
    #expect(Command.parse("region") == .success(.region(nil)))
    #expect(Command.parse("region eu-west-1") == .success(.region("eu-west-1")))
    #expect(Command.parse("quit") == .success(.quit))
  }
}
