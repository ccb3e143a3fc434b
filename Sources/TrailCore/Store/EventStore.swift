import Foundation

/// The SQLite file that holds everything: events, rollups and the ingest journal.
///
/// One file, WAL mode, so several `traildeck` processes can read while one writes. Open a writer for
/// ingest and readers for everything else; each connection belongs to one thread.
public enum EventStore {
  /// `$XDG_DATA_HOME/traildeck/traildeck.db` (default `~/.local/share/traildeck/traildeck.db`).
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    dataDirectory(environment: environment) + "/traildeck.db"
  }

  /// `$XDG_DATA_HOME/traildeck` (default `~/.local/share/traildeck`): the store, buckets, keys.
  public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    let base: String
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
      base = xdg
    } else {
      base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    }
    return base + "/traildeck"
  }

  /// The account the store was made for: the demo organization's management account once `demo`
  /// (or the UI's first start) seeded it; nil for a store of ingested logs only.
  public static func managementAccount(_ connection: SQLiteConnection) throws -> String? {
    let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'management_account'")
    return try statement.step() ? statement.text(0) : nil
  }

  /// How many events the store holds, all categories (kept in `meta` by the writer).
  public static func eventCount(_ connection: SQLiteConnection) throws -> Int {
    Int(try connection.scalarInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'"))
  }

  /// Whether the simulator wrote into the store: its hours are journaled as `demo:…` (log files never are).
  public static func holdsDemoEvents(_ connection: SQLiteConnection) throws -> Bool {
    try connection.scalarInt("SELECT EXISTS (SELECT 1 FROM ingested_files WHERE path LIKE 'demo:%')") != 0
  }

  /// Opens (creating and migrating if needed) a read-write connection.
  public static func openWriter(path: String) throws -> SQLiteConnection {
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    let connection = try SQLiteConnection(path: path)
    // Page size only takes effect before the first table exists; 16 KiB pages halve index depth for ingest.
    try connection.execute("PRAGMA page_size = 16384")
    try connection.execute("PRAGMA journal_mode = WAL")
    // WAL + NORMAL: a killed process loses nothing committed; only power loss may drop the last commits.
    try connection.execute("PRAGMA synchronous = NORMAL")
    try connection.execute("PRAGMA cache_size = -262144")
    try connection.execute("PRAGMA temp_store = MEMORY")
    // Checkpoint in larger steps: fewer fsyncs of the database file during bulk ingest.
    try connection.execute("PRAGMA wal_autocheckpoint = 8192")
    try connection.execute("PRAGMA foreign_keys = OFF")
    try Migrations.migrate(connection)
    return connection
  }

  /// Opens a connection for queries. The file must exist (it is created by a writer).
  public static func openReader(path: String) throws -> SQLiteConnection {
    guard FileManager.default.fileExists(atPath: path) else {
      throw Diagnostic(
        code: "StoreNotFound", summary: "no TrailDeck database", location: .init(path: path),
        reason: "\(path) does not exist", help: "run `traildeck ingest PATH…` or `traildeck demo` first")
    }
    // A writer is opened briefly first so that an older file is migrated before anything reads it.
    _ = try openWriter(path: path)
    let connection = try SQLiteConnection(path: path, readOnly: true)
    try connection.execute("PRAGMA cache_size = -65536")
    try connection.execute("PRAGMA mmap_size = 1073741824")
    return connection
  }
}
