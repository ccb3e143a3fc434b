import Foundation
import LakeSQL
import TrailCore

/// A statement saved under a name (`w`), kept across runs by the runtime (see `Effect.storeSavedLakeQueries`).
public struct SavedLakeQuery: Codable, Equatable, Sendable {
  public var name: String
  public var sql: String

  public init(name: String, sql: String) {
    self.name = name
    self.sql = sql
  }
}

/// Which part of the Lake pane takes the keys.
public enum LakeFocus: Equatable, Sendable {
  /// The SQL editor: printable keys type.
  case editor
  /// The results: keys are the pane's bindings (sort, export, paging, …).
  case results
}

/// A list or prompt drawn over the Lake pane; it takes every key while open.
public enum LakePicker: Equatable, Sendable {
  case samples(ScrollState)
  case saved(ScrollState)
  case history(ScrollState)
  case saveName(InputLine)
  /// `?` in the editor: words typed, and the generator's questions that match them
  /// (`LakeGeneratorSearch`); enter writes the chosen question's SQL into the editor.
  case generator(InputLine, ScrollState)
}

/// The statement in flight.
public struct LakeRun: Equatable, Sendable {
  public var requestID: Int
  public var statement: String
  /// The tick it started at, for the spinner and the running time.
  public var startTick: Int
  public var isCancelling = false
}

/// How the results are sorted (`s` on a column).
public struct LakeSort: Equatable, Sendable {
  public var column: Int
  public var isAscending: Bool
}

/// The Lake pane: event data stores, the SQL editor, the run in flight and the results grid.
public struct LakeState: Sendable {
  /// The table the editor's statements read until a store is chosen: every stored event.
  public static let allEventsTable = "all_events"
  /// Run statements kept for recall, newest first.
  public static let historyLimit = 50
  /// Widest a column is fitted to; longer values are cut with `…`.
  public static let maxColumnWidth = 40

  /// The dashboards view, while it is open (`d`); it takes the pane's keys.
  public var board: LakeBoard?
  /// `nil` until `.eventDataStoresLoaded`.
  public var stores: [EventDataStoreRow]?
  /// The store `$EDS_ID` stands for (`v` cycles).
  public var selectedStore = 0
  public var storesError: Diagnostic?
  public var editor = TextEditor()
  public var focus: LakeFocus = .editor
  public var picker: LakePicker?
  /// Completion candidates of the last Tab and which one is in the editor (Tab again cycles).
  public var completion: LakeCompletion?
  public var running: LakeRun?
  public var result: LakeResult?
  /// Column widths fitted to the result's content.
  public var columnWidths: [Int] = []
  /// Columns whose every value is a number: drawn right-aligned so digits line up.
  public var numericColumns: Set<Int> = []
  public var sort: LakeSort?
  public var scroll = ScrollState()
  /// The selected result column (`h`/`l`), which `s` sorts by.
  public var selectedColumn = 0
  /// The first result column drawn (horizontal scroll).
  public var firstColumn = 0
  public var error: LakeRunError?
  public var saved: [SavedLakeQuery] = []
  public var hasLoadedSaved = false
  /// Statements run, newest first.
  public var history: [String] = []

  public init() {}

  /// The store the samples are written against, if any.
  public var currentStore: EventDataStoreRow? {
    guard let stores, stores.indices.contains(selectedStore) else { return nil }
    return stores[selectedStore]
  }

  /// What `$EDS_ID` is replaced by: the chosen store's id, or `all_events` while there is none.
  public var storeTable: String { currentStore?.id ?? Self.allEventsTable }

  /// The kind of table `$EDS_ID` is: the chosen store's, or CloudTrail events' for `all_events`.
  public var storeKind: LakeTableSchema { currentStore?.tableSchema ?? .cloudTrail }

  /// What `$CLOUDTRAIL_EDS_ID` (the CloudTrail store a configuration-item sample joins) is replaced
  /// by: the first store of CloudTrail events, or nil when there is none.
  public var cloudTrailStoreTable: String? { stores?.first { $0.tableSchema == .cloudTrail }?.id }

  /// The sample queries `p` lists: those of the chosen store's kind, without the ones that join a
  /// store of CloudTrail events when there is none.
  public var offeredSamples: [SampleQuery] {
    SampleQuery.offered(for: storeKind, hasCloudTrailStore: cloudTrailStoreTable != nil)
  }
}

/// The words a Tab offered and the one now in the editor.
public struct LakeCompletion: Equatable, Sendable {
  /// What was typed before the first Tab.
  public var prefix: String
  public var candidates: [String]
  public var index: Int
}
