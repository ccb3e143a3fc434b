import ArgumentParser
import Foundation
import TerminalNcurses
import TrailCore
import TrailTUI

struct UICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ui",
    abstract: "Open the terminal UI: dashboard and event history (the default command).",
    discussion: """
      An empty (or missing) database is first seeded with the demo organization — by default 7 days,
      3 accounts, 3 regions (--demo-days, --demo-accounts, --demo-regions) — with a progress line before the
      UI starts.
      Live simulation: on a demo database (one seeded by `traildeck demo` or by the UI) with the real
      clock, simulated events keep arriving at --rate events/s so the dashboard moves; on a database of
      ingested log files it is off. --live and --no-live override that; simulated events
      come from --demo-accounts accounts in --demo-regions regions. With --now the clock stands
      still ("as of" in the status bar), so nothing is simulated; with --speed N it runs N times faster
      (from --now, or from the real now), and so does the simulation. --region shows one region. In every mode the UI notices events
      other processes add (e.g. `traildeck ingest`) within a second.
      Themes: the shipped themes/ folder plus $XDG_CONFIG_HOME/traildeck/themes (a user file of the same
      name wins). A bad theme line is reported as FILE:LINE: reason in the status line; its good lines
      still apply. NO_COLOR or --no-color paints without colour.
      """)

  @OptionGroup var store: StoreOptions

  @Option(help: ArgumentHelp("Colour theme (`:theme NAME` switches while running).", valueName: "name"))
  var theme = "default"

  @Flag(
    inversion: .prefixedNo,
    help: "Add simulated events while the UI runs (default: on for a demo database with the real clock).")
  var live: Bool?

  @Option(help: "Simulated events per second in live mode (default: the demo history's own average).")
  var rate: Double?

  @Flag(name: .customLong("no-color"), help: "Paint without colour (as NO_COLOR does).")
  var noColor = false

  @Option(help: "Days of demo history to seed into an empty database.") var demoDays = 7
  @Option(help: "Demo accounts (1–9) to seed into an empty database.") var demoAccounts = 3
  @Option(help: "Demo regions (1–8) to seed into an empty database.") var demoRegions = 3

  func validate() throws {
    guard (1...366).contains(demoDays) else {
      throw ValidationError("Please give --demo-days between 1 and 366.")
    }
    guard (1...9).contains(demoAccounts) else {
      throw ValidationError("Please give --demo-accounts between 1 and 9.")
    }
    guard (1...8).contains(demoRegions) else {
      throw ValidationError("Please give --demo-regions between 1 and 8.")
    }
    if let rate, !(rate > 0 && rate <= 10_000) {
      throw ValidationError("Please give --rate between 0 and 10000.")
    }
    if live == true && store.isClockFixed {
      throw ValidationError(
        "Please drop --live or --now: live events arrive in real time, which a fixed clock (--now) never reaches."
      )
    }
  }

  func run() throws {
    // An empty store is seeded up to --now (a fixed or accelerated clock's start) or the real now.
    let seedEnd = store.now.flatMap(ISO8601Time.parseUserTime) ?? SystemClock().now()
    let seeding = try DemoSeeding.seedIfEmpty(
      databasePath: store.db, end: seedEnd, days: demoDays, accounts: demoAccounts, regions: demoRegions)
    let context = try store.context()
    // The Lake pane's queries over event data stores run as Lake queries, with their timeout.
    try LakeQueryTimeout.install(for: store.db)
    let simulatesLive = live ?? (!store.isClockFixed && (seeding.seeded || seeding.isDemoDatabase))
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 1, days: 1, accounts: demoAccounts, regions: demoRegions, end: context.clock.now()))
    let configuration = AppRuntime.Configuration(
      context: context, displayPath: Self.abbreviatingHome(store.db),
      clockMode: store.isClockFixed ? .asOf : .live,
      themeName: theme,
      catalog: ThemeCatalog.standard(
        shippedDirectory: ShippedThemes.directory(), environment: ProcessInfo.processInfo.environment),
      simulation: simulatesLive
        ? LiveFeed.Simulation(simulator: simulator, rate: rate ?? simulator.historyLiveRate) : nil)

    let terminal: NcursesTerminal
    do {
      terminal = try NcursesTerminal(options: .init(noColor: noColor))
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      throw ExitCode(1)
    }
    AppRuntime(configuration: configuration, terminal: terminal).run()
    // Give the shell its screen back before anything else is printed (held stderr replays here).
    terminal.restore()
  }

  /// `~/…` for paths under the home folder: the status bar has little room.
  static func abbreviatingHome(
    _ path: String, home: String? = ProcessInfo.processInfo.environment["HOME"]
  ) -> String {
    guard let home, !home.isEmpty, home != "/", path.hasPrefix(home + "/") else { return path }
    return "~" + path.dropFirst(home.count)
  }
}
