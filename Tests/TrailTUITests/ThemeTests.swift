import Foundation
import Testing
import TrailCore

@testable import TrailTUI

@Suite struct ThemeParserTests {
  @Test(arguments: [
    ("selektion = black on yellow", "t.theme:1: unknown role \"selektion\"; did you mean \"selection\"?"),
    ("header bold", "t.theme:1: expected \"role = colours\", found \"header bold\""),
    (
      "header = purple",
      "t.theme:1: unknown colour \"purple\"; use a name (black … white, bright-black … bright-white, default), 0–255 or #rrggbb"
    ),
    ("header = gren", "t.theme:1: unknown colour \"gren\"; did you mean \"green\"?"),
    ("header = 256", "t.theme:1: colour 256 is out of range 0–255"),
    ("header = #12345", "t.theme:1: colour \"#12345\" is not #rrggbb"),
    ("header = white on", "t.theme:1: \"on\" needs a background colour after it"),
    ("header = white red", "t.theme:1: unexpected \"red\" after the foreground colour"),
    ("header =", "t.theme:1: role \"header\" has no style"),
  ])
  func badLinesAreReportedWithFullText(_ line: String, _ message: String) {
    let (theme, problems) = Theme.parse(line, file: "t.theme")
    #expect(problems.map(\.lineReference) == [message])
    #expect(problems.first?.code == "InvalidTheme")
    #expect(theme.styles == Theme.builtInDefault.styles)
  }

  @Test func goodLinesApplyAroundBadOnesAndLineNumbersCount() {
    let text = "# comment\n\nheader = bold white on 17\nselektion = red\nselection = black on #ffd75f\n"
    let (theme, problems) = Theme.parse(text, file: "themes/mine.theme")
    #expect(theme.name == "mine")
    #expect(theme.style(for: .header) == Style(foreground: .indexed(7), background: .indexed(17), bold: true))
    #expect(
      theme.style(for: .selection) == Style(foreground: .indexed(0), background: .rgb(0xff, 0xd7, 0x5f)))
    #expect(
      problems.map(\.lineReference) == [
        "themes/mine.theme:4: unknown role \"selektion\"; did you mean \"selection\"?"
      ])
    #expect(theme.style(for: .error) == Theme.builtInDefault.style(for: .error))
  }

  @Test func attributesAndBrightNames() {
    let (theme, problems) = Theme.parse("match = underline reverse bright-cyan on default", file: "x")
    #expect(problems.isEmpty)
    #expect(theme.style(for: .match) == Style(foreground: .indexed(14), underline: true, reverse: true))
  }

  @Test func builtInDefaultCoversEveryRoleAndMatchesTheShippedFile() throws {
    for role in Role.allCases { #expect(Theme.builtInDefault.styles[role] != nil, "\(role)") }
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("themes/default.theme")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == BuiltInThemes.defaultText)
  }

  @Test(arguments: ["default", "light", "high-contrast", "monochrome", "solarized"])
  func shippedThemesParseCleanlyAndListEveryRole(_ name: String) throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("themes/\(name).theme")
    let text = try String(contentsOf: file, encoding: .utf8)
    let (_, problems) = Theme.parse(text, file: name + ".theme")
    #expect(problems.isEmpty)
    let roles = Set(
      text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap {
        $0.split(separator: " ").first.map(String.init)
      })
    #expect(roles == Set(Role.allCases.map(\.rawValue)))
  }
}

@Suite struct ThemeCatalogTests {
  @Test func missingAndBrokenFilesFallBackWithDiagnostics() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "traildeck-themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "header = nocolour\nerror = bold 196\n".write(
      to: dir.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
    let catalog = ThemeCatalog(directories: ["/nonexistent", dir.path])
    #expect(catalog.names() == ["default", "mine"])
    let (mine, problems) = catalog.load("mine")
    #expect(mine.style(for: .error) == Style(foreground: .indexed(196), bold: true))
    #expect(
      problems.map(\.lineReference) == [
        "\(dir.path)/mine.theme:1: unknown colour \"nocolour\"; use a name (black … white, bright-black … bright-white, default), 0–255 or #rrggbb"
      ])
    let (fallback, missing) = catalog.load("mime")
    #expect(fallback == .builtInDefault)
    #expect(missing.map(\.reason) == ["no theme named \"mime\"; did you mean \"mine\"?"])
    #expect(catalog.load("default").1.isEmpty)
  }

  @Test func standardDirectoriesUseXDGConfigHome() {
    let catalog = ThemeCatalog.standard(
      shippedDirectory: "/usr/share/traildeck/themes",
      environment: ["XDG_CONFIG_HOME": "/home/u/.cfg", "HOME": "/home/u"])
    #expect(catalog.directories == ["/usr/share/traildeck/themes", "/home/u/.cfg/traildeck/themes"])
  }
}
