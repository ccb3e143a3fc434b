import Crypto
import Foundation

/// One read connection to the store and what the read services share over it: the clock, the ids of
/// interned values, prepared statements and the record decompressor.
///
/// SQLite connections belong to one thread, so each thread that reads opens its own `StoreReader`
/// (usually through `StoreServices`). The services built on it — `EventPages`, `EventRecords`,
/// `EventLookup`, `DashboardService` — are small values that each do one job.
public final class StoreReader {
  public let connection: SQLiteConnection
  public let clock: any Clock
  /// Signs and checks LookupEvents' NextTokens with the store's own secret.
  let tokens: NextToken
  private var stringIDs: [String: Int64] = [:]
  /// A page of the newest events of a region reads one record from each of up to 50 files' blocks,
  /// and the next page (or the same page asked again, by the API's clients) mostly the same blocks:
  /// 64 of them (about 1.3 MB) keep a walk from decompressing each block again for every page.
  /// Blocks never change and their ids are never reused (AUTOINCREMENT, immutability triggers).
  let decompressor = RawDecompressor(cachedBlocks: 64)
  // Prepared once: a LookupEvents page reads 50 records, and an EventId lookup up to 90 days.
  lazy var selectRecord = try? connection.prepare(EventRecords.selectRecordSQL)
  lazy var eventIDFinder = try? EventIDFinder(connection)

  /// Opens a reader on `databasePath` (which must exist) reading time off `clock`.
  public init(databasePath: String, clock: any Clock) throws {
    connection = try EventStore.openReader(path: databasePath)
    self.clock = clock
    let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'token_secret'")
    let secret = try statement.step() ? statement.text(0) ?? "" : ""
    tokens = NextToken(key: SymmetricKey(data: Data(secret.utf8)))
  }

  /// Opens a reader on the context's store and clock.
  public convenience init(_ context: StoreContext) throws {
    try self.init(databasePath: context.databasePath, clock: context.clock)
  }

  /// The id of an interned value, or nil when no stored event has it (so nothing can match).
  func stringID(_ value: String) throws -> Int64? {
    if let id = stringIDs[value] { return id }
    let statement = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    statement.bindText(1, value)
    guard try statement.step() else { return nil }
    let id = statement.int64(0)
    stringIDs[value] = id
    return id
  }
}
