import CSQLite
import Foundation

/// `lake_ids(column, value[, low, high])`: the row ids of the events whose interned column (`n`
/// eventName, `s` eventSource, `u` the user name) has `value`, read lazily from the postings LookupEvents
/// reads, as an eponymous table-valued function of the columns `id` and `slot`; `low` (at least) and
/// `high` (below) are row-id bounds from the statement's time conditions (NULL: none), so that only
/// those days' postings are read. Column `q` gives instead the events whose requestParameters text may
/// hold `value` (`LakeParamsScan`), with `slot` their `params_slot`; `slot` is NULL otherwise.
///
/// The translator joins it in front of a store's rows for `eventName = 'X'`-like conditions, so that
/// SQLite reads the store's rows by primary key from it. It delivers ids in either order and tells
/// SQLite so (`orderByConsumed`): `ORDER BY eventTime DESC LIMIT 50` over one user then reads that
/// user's newest postings and 50 records, and stops. Before it, the ids came as one JSON array of
/// every id (`lake_ids_with`), which SQLite parsed and sorted whole: 55 ms for a user with 119 000
/// events, where DuckDB took 4.
enum LakePostingsTable {
  /// Makes the ids of `value` in `column`, newest first when `descending`; nil when none can match.
  typealias Source = (
    _ column: String, _ value: String, _ bounds: ClosedRange<Int64>, _ descending: Bool
  ) throws -> LakePostingScan?

  /// Registers the table on `connection`; `source` answers each scan.
  static func register(on connection: SQLiteConnection, source: @escaping Source) throws {
    let box = Unmanaged.passRetained(SourceBox(source)).toOpaque()
    let rc = sqlite3_create_module_v2(
      connection.handle, "lake_ids", module, box,
      { Unmanaged<SourceBox>.fromOpaque($0!).release() })
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: rc, message: "cannot register lake_ids", context: "lake functions")
    }
  }

  /// Drops the table from `connection` (its source is released).
  static func unregister(on connection: SQLiteConnection) {
    sqlite3_create_module_v2(connection.handle, "lake_ids", nil, nil, nil)
  }

  final class SourceBox {
    let make: Source
    init(_ make: @escaping Source) { self.make = make }
  }

  /// Column numbers of the declared table.
  private static let idColumn: Int32 = 0
  private static let slotColumn: Int32 = 1
  private static let columnArgument: Int32 = 2
  private static let valueArgument: Int32 = 3
  private static let lowArgument: Int32 = 4
  private static let highArgument: Int32 = 5
  /// `idxNum` bits: ids descending, a `low` argument given, a `high` argument given.
  private static let descendingBit: Int32 = 1
  private static let lowBit: Int32 = 2
  private static let highBit: Int32 = 4

  /// The module, made once: SQLite keeps a pointer to it for as long as a connection has it. Never
  /// written after it is made, hence shared across threads.
  nonisolated(unsafe) private static let module: UnsafeMutablePointer<sqlite3_module> = {
    let module = UnsafeMutablePointer<sqlite3_module>.allocate(capacity: 1)
    module.initialize(to: sqlite3_module())
    // No xCreate: an eponymous-only table, used as `lake_ids('u', ?)` and never created.
    module.pointee.xConnect = { db, aux, _, _, table, _ in
      let rc = sqlite3_declare_vtab(
        db, "CREATE TABLE x(id INTEGER, slot INTEGER, col HIDDEN, value HIDDEN, low HIDDEN, high HIDDEN)")
      guard rc == SQLITE_OK else { return rc }
      let vtab = UnsafeMutablePointer<tdsqlite_vtab>.allocate(capacity: 1)
      vtab.initialize(to: tdsqlite_vtab(base: sqlite3_vtab(), owner: aux))
      table?.pointee = UnsafeMutableRawPointer(vtab).assumingMemoryBound(to: sqlite3_vtab.self)
      return SQLITE_OK
    }
    module.pointee.xDisconnect = { table in
      UnsafeMutableRawPointer(table!).assumingMemoryBound(to: tdsqlite_vtab.self).deallocate()
      return SQLITE_OK
    }
    module.pointee.xDestroy = module.pointee.xDisconnect
    module.pointee.xBestIndex = { _, info in
      guard let info else { return SQLITE_ERROR }
      var column: Int32?
      var value: Int32?
      var low: Int32?
      var high: Int32?
      for i in 0..<Int(info.pointee.nConstraint) {
        let constraint = info.pointee.aConstraint[i]
        guard constraint.usable != 0, Int32(constraint.op) == SQLITE_INDEX_CONSTRAINT_EQ else { continue }
        switch constraint.iColumn {
        case columnArgument: column = Int32(i)
        case valueArgument: value = Int32(i)
        case lowArgument: low = Int32(i)
        case highArgument: high = Int32(i)
        default: break
        }
      }
      guard let column, let value else {
        // Without both arguments there is nothing to read: make SQLite find another plan, or fail.
        info.pointee.estimatedCost = 1e300
        return SQLITE_CONSTRAINT
      }
      info.pointee.aConstraintUsage[Int(column)].argvIndex = 1
      info.pointee.aConstraintUsage[Int(column)].omit = 1
      info.pointee.aConstraintUsage[Int(value)].argvIndex = 2
      info.pointee.aConstraintUsage[Int(value)].omit = 1
      // The bounds, when given, follow in that order; idxNum says which came.
      var next: Int32 = 3
      for (constraint, bit) in [(low, lowBit), (high, highBit)] {
        guard let constraint else { continue }
        info.pointee.aConstraintUsage[Int(constraint)].argvIndex = next
        info.pointee.aConstraintUsage[Int(constraint)].omit = 1
        info.pointee.idxNum |= bit
        next += 1
      }
      info.pointee.estimatedCost = 1_000
      info.pointee.estimatedRows = 1_000
      // Ids come in either order: an ORDER BY of the id alone needs no sort (idxNum 1: descending).
      if info.pointee.nOrderBy == 1 {
        let order = info.pointee.aOrderBy[0]
        if order.iColumn == idColumn || order.iColumn == -1 {
          info.pointee.orderByConsumed = 1
          if order.desc != 0 { info.pointee.idxNum |= descendingBit }
        }
      }
      return SQLITE_OK
    }
    module.pointee.xOpen = { _, cursor in
      let state = UnsafeMutablePointer<tdsqlite_cursor>.allocate(capacity: 1)
      state.initialize(to: tdsqlite_cursor(base: sqlite3_vtab_cursor(), state: nil))
      cursor?.pointee = UnsafeMutableRawPointer(state).assumingMemoryBound(to: sqlite3_vtab_cursor.self)
      return SQLITE_OK
    }
    module.pointee.xClose = { cursor in
      let state = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: tdsqlite_cursor.self)
      if let scan = state.pointee.state { Unmanaged<LakePostingScan>.fromOpaque(scan).release() }
      state.deallocate()
      return SQLITE_OK
    }
    module.pointee.xFilter = { cursor, plan, _, count, arguments in
      let state = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: tdsqlite_cursor.self)
      if let scan = state.pointee.state { Unmanaged<LakePostingScan>.fromOpaque(scan).release() }
      state.pointee.state = nil
      let vtab = UnsafeMutableRawPointer(cursor!.pointee.pVtab!).assumingMemoryBound(to: tdsqlite_vtab.self)
      let box = Unmanaged<SourceBox>.fromOpaque(vtab.pointee.owner!).takeUnretainedValue()
      let column = count >= 2 ? LakeValue(arguments?[0]).text : nil
      let value = count >= 2 ? LakeValue(arguments?[1]).text : nil
      var position = 2
      func bound(_ bit: Int32) -> Int64? {
        guard plan & bit != 0, position < count else { return nil }
        defer { position += 1 }
        return LakeValue(arguments?[position]).int
      }
      let low = bound(lowBit) ?? 0
      let high = bound(highBit).map { $0 - 1 } ?? Int64.max
      do {
        let scan = try column.flatMap { column in
          try value.flatMap { value in
            low <= high ? try box.make(column, value, low...high, plan & descendingBit != 0) : nil
          }
        }
        let found = scan ?? LakePostingScan.empty
        try found.advance()
        state.pointee.state = Unmanaged.passRetained(found).toOpaque()
        return SQLITE_OK
      } catch {
        return LakePostingsTable.fail(cursor, error)
      }
    }
    module.pointee.xNext = { cursor in
      let scan = LakePostingsTable.scan(cursor)
      do {
        try scan?.advance()
        return SQLITE_OK
      } catch {
        return LakePostingsTable.fail(cursor, error)
      }
    }
    module.pointee.xEof = { cursor in LakePostingsTable.scan(cursor)?.current == nil ? 1 : 0 }
    module.pointee.xColumn = { cursor, context, column in
      let scan = LakePostingsTable.scan(cursor)
      if column == slotColumn {
        if let slot = scan?.currentSlot {
          sqlite3_result_int64(context, slot)
        } else {
          sqlite3_result_null(context)
        }
      } else {
        sqlite3_result_int64(context, scan?.current ?? 0)
      }
      return SQLITE_OK
    }
    module.pointee.xRowid = { cursor, rowid in
      rowid?.pointee = LakePostingsTable.scan(cursor)?.current ?? 0
      return SQLITE_OK
    }
    return module
  }()

  /// Reports `error` as the table's message (SQLite shows it as the statement's error) and fails.
  private static func fail(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ error: any Error) -> Int32
  {
    let vtab = UnsafeMutableRawPointer(cursor!.pointee.pVtab!).assumingMemoryBound(to: tdsqlite_vtab.self)
    vtab.pointee.base.zErrMsg = tdsqlite_strdup((error as? LakeFunctionError)?.message ?? "\(error)")
    return SQLITE_ERROR
  }

  private static func scan(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> LakePostingScan? {
    let state = UnsafeMutableRawPointer(cursor!).assumingMemoryBound(to: tdsqlite_cursor.self)
    return state.pointee.state.map { Unmanaged<LakePostingScan>.fromOpaque($0).takeUnretainedValue() }
  }
}

/// One `lake_ids` scan: ids (and slots) read a batch at a time from a posting cursor or another source.
final class LakePostingScan {
  /// A scan that finds nothing (a value no event has).
  static var empty: LakePostingScan { LakePostingScan { _ in ([], []) } }

  /// The next ids, at most as many as asked (none: the scan is done), and their slots (empty: none).
  typealias Batches = (Int) throws -> (ids: [Int64], slots: [Int64?])

  private var source: Batches?
  private var batch: [Int64] = []
  private var slots: [Int64?] = []
  private var next = 0
  /// The id the scan is on; nil once it is done.
  private(set) var current: Int64?
  /// The current id's slot, for sources that give them.
  private(set) var currentSlot: Int64?
  /// Ids read per batch: small first (a LIMIT may need few), larger as the scan goes on.
  private var batchSize = 64

  init(_ source: @escaping Batches) { self.source = source }

  convenience init(_ cursor: PostingCursor) {
    var cursor = cursor
    self.init { count in (try cursor.next(count), []) }
  }

  /// Moves to the next id.
  func advance() throws {
    if next == batch.count {
      (batch, slots) = try source?(batchSize) ?? ([], [])
      next = 0
      batchSize = min(batchSize * 4, 65_536)
    }
    guard next < batch.count else {
      current = nil
      currentSlot = nil
      source = nil
      return
    }
    current = batch[next]
    currentSlot = slots.isEmpty ? nil : slots[next]
    next += 1
  }
}
