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
  /// Reads records through its own 64 last blocks and the process's shared block cache: a page of
  /// the newest events of a region reads one record from each of up to 50 files' blocks, and the next
  /// page, or the same page asked again by another of the server's readers, mostly the same blocks.
  let decompressor: RawDecompressor
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
    // A store without a secret (none is made without one) shares with no other reader.
    let identity = secret.isEmpty ? UUID().uuidString : secret
    decompressor = RawDecompressor(
      cachedBlocks: 64, sharing: .process, store: SharedBlockCache.process.store(identity: identity))
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
