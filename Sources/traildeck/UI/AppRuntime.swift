import Foundation
import TerminalNcurses
import TrailCore
import TrailTUI

/// Joins the pure UI (`update`/`render`) to the world: the terminal, the clock, the query worker,
/// downloads and the live feed.
///
/// Everything here runs on the thread that calls `run()` except the workers, which only talk back
/// through the run loop's mailbox (STYLE §4: effects off the main loop, results fed back as inputs).
final class AppRuntime {
  struct Configuration {
    /// The store, clock and caller (its region, when given, is the one the UI shows).
    var context: StoreContext
    /// The database as the status bar shows it.
    var displayPath: String
    var clockMode: ClockMode
    var themeName: String
    var catalog: ThemeCatalog
    /// Simulated events to add while the UI runs; nil only watches the store.
    var simulation: LiveFeed.Simulation?
  }

  private let configuration: Configuration
  private let loop: TerminalRunLoop<RuntimeMessage>
  private var state: AppState
  private var theme: Theme
  private let worker: EffectWorker
  private let liveFeed: LiveFeed
  private let lakeJobs: LakeJobs
  /// The running download's cancel flag (the UI allows one download at a time).
  private var download: DownloadJob.Cancellation?
  /// The terminal went away; nothing more may be painted.
  private var isHungUp = false

  init(configuration: Configuration, terminal: any TerminalDevice) {
    self.configuration = configuration
    loop = TerminalRunLoop(device: terminal, tickInterval: .seconds(1))
    let mailbox = loop.mailbox
    let post: @Sendable (RuntimeMessage) -> Void = { mailbox.post($0) }
    let (theme, diagnostics) = configuration.catalog.load(configuration.themeName)
    self.theme = theme
    state = AppState(
      databasePath: configuration.displayPath, size: terminal.size, region: configuration.context.region,
      clockMode: configuration.clockMode, themeName: configuration.themeName,
      availableThemes: configuration.catalog.names())
    worker = EffectWorker(context: configuration.context, catalog: configuration.catalog, post: post)
    liveFeed = LiveFeed(context: configuration.context, simulation: configuration.simulation, post: post)
    lakeJobs = LakeJobs(context: configuration.context, post: post)
    // A broken theme named on the command line shows its first bad line, like `:theme` does.
    if !diagnostics.isEmpty {
      perform(
        update(
          &state, .themeApplied(name: configuration.themeName, diagnostics: Self.shortened(diagnostics))))
    }
  }

  /// Runs until the user quits or the terminal hangs up; stops the background threads before returning.
  func run() {
    worker.start()
    liveFeed.start()
    defer {
      lakeJobs.stop()
      liveFeed.stop()
      worker.stop()
    }
    deliver(.tick(configuration.context.clock.now()))
    loop.run(
      handle: { [self] input in handle(input) },
      render: { [self] size in
        var grid = CellGrid(width: size.width, height: size.height)
        render(state, into: &grid)
        return grid
      },
      style: { [self] role in theme.style(for: role) })
    // Terminals without an alternate screen (vt100, linux) keep what was painted after the UI ends;
    // blank it so the shell's next line does not land in the middle of the status bar.
    if !isHungUp {
      let size = loop.device.size
      loop.device.paint(CellGrid(width: size.width, height: size.height), style: { _ in Style() })
    }
  }

  /// Theme diagnostics name the file only: the status line is one row shared with the key hints, and
  /// a full path would push the line number and reason out of sight. (`:theme` says which theme.)
  static func shortened(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.map { diagnostic in
      var diagnostic = diagnostic
      if let path = diagnostic.location?.path {
        diagnostic.location?.path = URL(fileURLWithPath: path).lastPathComponent
      }
      return diagnostic
    }
  }

  private func handle(_ input: RunLoopInput<RuntimeMessage>) -> RunLoopReaction {
    switch input {
    case .terminal(.hangup):
      isHungUp = true
      return .quit
    case .terminal(.key(let key)): deliver(.key(key))
    case .terminal(.mouse(let event)): deliver(.mouse(event))
    case .terminal(.resize(let size)): deliver(.resize(size))
    case .tick:
      // Once a second (the state counts message lifetimes in ticks): the clock display, message
      // expiry and the dashboard refresh.
      deliver(.tick(configuration.context.clock.now()))
    case .message(.input(let message)): deliver(message)
    case .message(.themeLoaded(let name, let loaded, let diagnostics)):
      theme = loaded
      deliver(.themeApplied(name: name, diagnostics: Self.shortened(diagnostics)))
    }
    // The device paints only the cells that changed, so a redraw whose grid is unchanged costs a diff.
    return state.isQuitting ? .quit : .redraw
  }

  private func deliver(_ input: Input) {
    perform(update(&state, input))
  }

  /// Store reads and theme loads go to the worker (which dispatches them through `EffectPerformer`);
  /// a download gets a thread of its own.
  private func perform(_ effects: [Effect]) {
    for effect in effects {
      if lakeJobs.perform(effect) { continue }
      switch effect {
      case .download(let filter, let format, let path):
        let mailbox = loop.mailbox
        download = DownloadJob.start(
          context: configuration.context, filter: filter, format: format, path: path,
          post: { mailbox.post($0) })
      case .cancelDownload: download?.cancel()
      case .quit: state.isQuitting = true
      case .loadHistory, .loadRecord, .loadRecords, .loadDashboard, .loadEventCount, .setTheme, .loadTrails,
        .setLogging,
        .saveTrail, .loadSelectors, .previewSelectors, .putSelectors, .loadInsights, .loadInsightTimeline,
        .loadLakeDashboards, .refreshLakeDashboard, .loadResourceTimeline, .loadCausedBy, .loadCaused:
        worker.submit(effect)
      case .loadEventDataStores, .runLakeQuery, .cancelLakeQuery, .exportLakeResults, .loadSavedLakeQueries,
        .storeSavedLakeQueries, .runCompoundFilter:
        break  // LakeJobs took them above.
      }
    }
  }
}
