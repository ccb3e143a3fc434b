/// Migration 15's tables: CloudTrail Lake's event data stores, their members, and imports.
///
/// - `event_data_stores`: one row per store until it is purged (7 days after `DeleteEventDataStore`).
///   Times are milliseconds since 1970 from the operation's clock; selectors are the service model's
///   JSON, read and written whole.
/// - `event_data_store_events`: which stored events a store holds. An event is stored once in
///   `events` whatever number of stores hold it; this table only names it. Its shape is a contract
///   with Lake's SQL engine, which reads it: keep it exactly so. Rows of one store are appended in
///   row-id (time) order, so inserting them during ingest stays an append.
/// - `imports` and `import_files`: each import's state and statistics (read by `GetImport` from any
///   process while the import runs) and each source file's outcome (what `ListImportFailures` lists,
///   and what a retry skips).
enum EventDataStoreSchema {
  static let sql = """
    CREATE TABLE event_data_stores (
      id INTEGER PRIMARY KEY,
      uuid TEXT NOT NULL UNIQUE,
      arn TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      status TEXT NOT NULL,
      advanced_event_selectors TEXT NOT NULL,
      multi_region INTEGER NOT NULL,
      organization INTEGER NOT NULL,
      retention_days INTEGER NOT NULL,
      billing_mode TEXT NOT NULL,
      termination_protection INTEGER NOT NULL,
      kms_key_id TEXT,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      deleted_ms INTEGER
    );
    CREATE TABLE event_data_store_events (
      store INTEGER NOT NULL,
      event INTEGER NOT NULL,
      PRIMARY KEY (store, event)
    ) WITHOUT ROWID;
    CREATE TABLE imports (
      id TEXT PRIMARY KEY,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      destination TEXT NOT NULL,
      source TEXT NOT NULL,
      start_event_ms INTEGER,
      end_event_ms INTEGER,
      status TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      prefixes_found INTEGER NOT NULL DEFAULT 0,
      prefixes_completed INTEGER NOT NULL DEFAULT 0,
      files_completed INTEGER NOT NULL DEFAULT 0,
      events_completed INTEGER NOT NULL DEFAULT 0,
      failed_entries INTEGER NOT NULL DEFAULT 0,
      stop_requested INTEGER NOT NULL DEFAULT 0,
      runner_pid INTEGER
    );
    CREATE TABLE import_files (
      import_id TEXT NOT NULL,
      location TEXT NOT NULL,
      status TEXT NOT NULL,
      error_type TEXT,
      error_message TEXT,
      updated_ms INTEGER NOT NULL,
      PRIMARY KEY (import_id, location)
    ) WITHOUT ROWID;
    """
}
