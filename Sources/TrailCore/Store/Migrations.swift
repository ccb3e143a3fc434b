/// The store's schema, as numbered, append-only migrations tracked in `PRAGMA user_version`.
///
/// Layout choices (measured, see README "Speed"):
/// - `events.id` is `(eventTime << 20) | slot`, so the table is clustered by time: an unfiltered page
///   is a range read backwards, lists of row ids (postings) are lists in time order, and inserts of
///   mostly time-ordered input stay local.
/// - Lookup values are interned in `strings` (id 0 = none), so event rows and postings hold small ids.
///   Source IPs are not: they are nearly unique per event in real traffic, and interning them doubled
///   the cost of a write. Nor, since version 11, are access key IDs (see `AccessKeyPostings`).
/// - eventIDs are random, and a plain unique index on them cost more than all other indexes together
///   (every batch dirtied pages all over it). Versions 1–3 kept `event_ids` keyed by (day of eventTime,
///   eventID); since version 4 `event_id_runs` holds per batch, day and hash bucket a sorted run of
///   (eventID hash, row id), so a batch writes a few hundred adjacent rows (see `EventIDRuns`). EventId
///   lookups read one bucket per day of the 90-day window. Since version 5 the runs are moved, when they
///   have grown, into `event_id_index`: one row per 16-bit hash prefix, one seek for an event of any age.
///   The writer's in-memory `EventIDIndex` catches the same eventID under another time, so
///   de-duplication is by eventID alone.
/// - `raw` is the record's bytes verbatim when `raw_dict` is 0, else a zstd frame made with dictionary
///   `raw_dict` of `raw_dictionaries` (trained on the store's first records; see `RawDictionary`).
///   Since version 7 compressed records are stored 16 to a block in `raw_blocks` (see `RawBlock`):
///   such a row has `raw = X''` and `raw_block_slot = block id << 8 | slot`. Blocks are immutable like
///   events, and numbered without reuse (AUTOINCREMENT), so a reader may cache one by id.
/// - Since version 3 the other lookup attributes (name, source, user, access key, resource type and
///   name) are found through `postings`, one row per batch, attribute value and day holding the events'
///   row ids (see `PostingBuffer`); versions 1–2 kept four secondary indexes and two resource tables,
///   which cost more than half of the writer's time. Since version 10 `postings` is keyed by day
///   first: keyed by value first, each batch's few thousand rows landed all over the table and its
///   commit rewrote most of its pages (the whole table's worth, every batch, on a large store); by day,
///   they land in the part of the last few days (see `PostingCursor` for how a lookup reads them).
/// - Since version 14 postings also hold each event's region with its ReadOnly (`RegionReadOnly`), so a
///   page of one region, or of ReadOnly in one region, reads only its events. ReadOnly across all
///   regions has no index: half of all events match either value, so a newest-first read of the
///   time-ordered table fills a page after a few dozen rows.
/// - The ingest journal (`ingested_files`) knows a file by path and `content_hash`: the file's SHA-256
///   in hex until version 7, `xxh3:` and its XXH3-128 since version 8 (see `LogFileReader.contentHash`);
///   rows of both kinds are honoured.
/// - Per-minute rollups are kept up to date on every insert (aggregated per transaction); since
///   version 6 each transaction appends its counts instead of upserting them, and since version 9 one
///   packed row per minute rather than one row per key (see `Rollups`).
enum Migrations {
  struct Migration {
    var version: Int
    var name: String
    var sql: String
    /// Work SQL alone cannot do, run after `sql` in the same transaction.
    var run: (@Sendable (SQLiteConnection) throws -> Void)? = nil
  }

  /// The two triggers that make `table` immutable, whoever writes to it: UPDATE is always refused, and
  /// DELETE unless `meta.retention_purge` is '1' (set by `Retention.purge` inside its own transaction).
  /// `rows` names the rows in the messages ("events are immutable: …").
  ///
  /// Stores keep the triggers' text as it was first run, and `docs/schema.sql` pins it: keep the output
  /// the same, token for token, for the tables that already use it.
  static func immutabilityTriggers(table: String, rows: String) -> String {
    """
    CREATE TRIGGER \(table)_are_immutable BEFORE UPDATE ON \(table)
    BEGIN SELECT RAISE(ABORT, '\(rows) are immutable: UPDATE is refused'); END;
    CREATE TRIGGER \(table)_delete_only_by_retention BEFORE DELETE ON \(table)
    WHEN (SELECT value FROM meta WHERE key = 'retention_purge') IS NOT '1'
    BEGIN SELECT RAISE(ABORT, '\(rows) are immutable: only the retention purge deletes them'); END;
    """
  }

  static let all: [Migration] = [
    Migration(
      version: 1, name: "0001-events",
      sql: """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
        INSERT INTO strings (id, value) VALUES (0, '');
        INSERT INTO meta (key, value) VALUES ('token_secret', lower(hex(randomblob(32)))), ('event_count', '0');
        CREATE TABLE ingested_files (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          kind TEXT NOT NULL,
          events INTEGER NOT NULL,
          duplicates INTEGER NOT NULL,
          rejected INTEGER NOT NULL,
          ingested_at INTEGER NOT NULL,
          UNIQUE (path, sha256)
        );
        CREATE TABLE rejections (
          id INTEGER PRIMARY KEY,
          file_id INTEGER NOT NULL REFERENCES ingested_files(id),
          location TEXT NOT NULL,
          field TEXT,
          reason TEXT NOT NULL
        );
        CREATE TABLE events (
          id INTEGER PRIMARY KEY,
          event_id BLOB NOT NULL,
          event_time INTEGER NOT NULL,
          category INTEGER NOT NULL,
          event_type INTEGER NOT NULL,
          event_name INTEGER NOT NULL,
          event_source INTEGER NOT NULL,
          aws_region INTEGER NOT NULL,
          account INTEGER NOT NULL,
          username INTEGER NOT NULL,
          access_key INTEGER NOT NULL,
          read_only INTEGER,
          error_code INTEGER NOT NULL,
          source_ip TEXT,
          resources TEXT,
          file_id INTEGER NOT NULL,
          raw_dict INTEGER NOT NULL,
          raw BLOB NOT NULL
        );
        CREATE TABLE raw_dictionaries (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE event_ids (day INTEGER NOT NULL, event_id BLOB NOT NULL, event INTEGER NOT NULL,
          PRIMARY KEY (day, event_id)) WITHOUT ROWID;
        CREATE INDEX events_by_event_name ON events (event_name);
        CREATE INDEX events_by_event_source ON events (event_source);
        CREATE INDEX events_by_username ON events (username);
        CREATE INDEX events_by_access_key ON events (access_key);
        CREATE TABLE event_resource_types (type INTEGER NOT NULL, event INTEGER NOT NULL, PRIMARY KEY (type, event))
          WITHOUT ROWID;
        CREATE TABLE event_resource_names (name_hash INTEGER NOT NULL, event INTEGER NOT NULL,
          PRIMARY KEY (name_hash, event)) WITHOUT ROWID;
        \(immutabilityTriggers(table: "events", rows: "events"))
        """),
    Migration(
      version: 2, name: "0002-rollups",
      sql: """
        CREATE TABLE rollup_minute (
          minute INTEGER NOT NULL,
          category INTEGER NOT NULL,
          account INTEGER NOT NULL,
          aws_region INTEGER NOT NULL,
          event_source INTEGER NOT NULL,
          event_name INTEGER NOT NULL,
          username INTEGER NOT NULL,
          error_code INTEGER NOT NULL,
          read_only INTEGER NOT NULL,
          count INTEGER NOT NULL,
          PRIMARY KEY (minute, category, account, aws_region, event_source, event_name, username, error_code, read_only)
        ) WITHOUT ROWID;
        CREATE TABLE rollup_source_ip (
          minute INTEGER NOT NULL,
          category INTEGER NOT NULL,
          aws_region INTEGER NOT NULL,
          source_ip TEXT,
          count INTEGER NOT NULL,
          PRIMARY KEY (minute, category, aws_region, source_ip)
        ) WITHOUT ROWID;
        """),
    Migration(
      version: 3, name: "0003-postings",
      sql: """
        CREATE TABLE postings (
          attr INTEGER NOT NULL,
          value INTEGER NOT NULL,
          day INTEGER NOT NULL,
          last INTEGER NOT NULL,
          first INTEGER NOT NULL,
          count INTEGER NOT NULL,
          ids BLOB NOT NULL,
          PRIMARY KEY (attr, value, day, last)
        ) WITHOUT ROWID;
        """,
      run: PostingsFromIndexes.build),
    Migration(
      version: 4, name: "0004-event-id-runs",
      sql: """
        CREATE TABLE event_id_runs (
          day INTEGER NOT NULL,
          bucket INTEGER NOT NULL,
          last INTEGER NOT NULL,
          entries BLOB NOT NULL,
          PRIMARY KEY (day, bucket, last)
        ) WITHOUT ROWID;
        """,
      run: { connection in
        // One day at a time: bounded memory on large stores.
        let select = try connection.prepare("SELECT day, event_id, event FROM event_ids ORDER BY day")
        let insert = try connection.prepare(EventIDRuns.insertSQL)
        var entries: [(day: Int64, hash: UInt64, rowID: Int64)] = []
        while try select.step() {
          let day = select.int64(0)
          if let previous = entries.last?.day, previous != day {
            try EventIDRuns.write(entries, with: insert)
            entries.removeAll(keepingCapacity: true)
          }
          entries.append((day, EventIDIndex.hash(select.blob(1)), select.int64(2)))
        }
        try EventIDRuns.write(entries, with: insert)
        try connection.execute("DROP TABLE event_ids")
      }),
    Migration(
      version: 5, name: "0005-event-id-index",
      sql: """
        CREATE TABLE event_id_index (prefix INTEGER PRIMARY KEY, entries BLOB NOT NULL);
        """),
    Migration(
      version: 6, name: "0006-rollup-appends",
      sql: """
        CREATE TABLE rollup_counts (
          id INTEGER PRIMARY KEY,
          category INTEGER NOT NULL,
          account INTEGER NOT NULL,
          aws_region INTEGER NOT NULL,
          event_source INTEGER NOT NULL,
          event_name INTEGER NOT NULL,
          username INTEGER NOT NULL,
          error_code INTEGER NOT NULL,
          read_only INTEGER NOT NULL,
          count INTEGER NOT NULL
        );
        INSERT INTO rollup_counts (id, category, account, aws_region, event_source, event_name, username,
            error_code, read_only, count)
          SELECT (minute << 24) | (ROW_NUMBER() OVER (PARTITION BY minute) - 1), category, account, aws_region,
            event_source, event_name, username, error_code, read_only, count
          FROM rollup_minute;
        DROP TABLE rollup_minute;
        CREATE VIEW rollup_minute AS
          SELECT id >> 24 AS minute, category, account, aws_region, event_source, event_name, username,
            error_code, read_only, count
          FROM rollup_counts;
        """),
    Migration(
      version: 7, name: "0007-raw-blocks",
      sql: """
        CREATE TABLE raw_blocks (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          dict INTEGER NOT NULL,
          last_time INTEGER NOT NULL,
          bytes BLOB NOT NULL
        );
        ALTER TABLE events ADD COLUMN raw_block_slot INTEGER;
        \(immutabilityTriggers(table: "raw_blocks", rows: "raw blocks"))
        """),
    Migration(
      version: 8, name: "0008-journal-content-hash",
      sql: """
        ALTER TABLE ingested_files RENAME COLUMN sha256 TO content_hash;
        """),
    Migration(
      version: 9, name: "0009-rollup-packs",
      sql: """
        CREATE TABLE rollup_packs (id INTEGER PRIMARY KEY, entries BLOB NOT NULL);
        """,
      run: { connection in
        // Every minute's rows summed by key, then packed into one row per minute.
        let select = try connection.prepare(
          """
          SELECT id >> \(Rollups.slotBits), category, account, aws_region, event_source, event_name, username,
            error_code, read_only, SUM(count)
          FROM rollup_counts GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
          """)
        let insert = try connection.prepare(RollupKey.insertSQL)
        var minute: Int64?
        var counts: [(key: RollupKey, count: Int64)] = []
        func flush() throws {
          guard let minute, !counts.isEmpty else { return }
          var packed: [UInt8] = []
          Rollups.pack(counts[...], into: &packed)
          insert.reset()
          insert.bindInt(1, Rollups.firstID(minute: minute))
          try packed.withUnsafeBytes { bytes in
            insert.bindBlobNoCopy(2, bytes)
            try insert.step()
          }
          counts.removeAll(keepingCapacity: true)
        }
        while try select.step() {
          let rowMinute = select.int64(0)
          if rowMinute != minute {
            try flush()
            minute = rowMinute
          }
          let v = (1...9).map { select.int64(Int32($0)) }
          counts.append(
            (
              RollupKey(
                minute: rowMinute, category: v[0], account: v[1], region: v[2], source: v[3], name: v[4],
                user: v[5], error: v[6], readOnly: v[7]), v[8]
            ))
        }
        try flush()
        try connection.execute("DROP VIEW rollup_minute; DROP TABLE rollup_counts;")
      }),
    Migration(
      version: 10, name: "0010-postings-by-day",
      sql: """
        CREATE TABLE postings_by_day (
          day INTEGER NOT NULL,
          attr INTEGER NOT NULL,
          value INTEGER NOT NULL,
          last INTEGER NOT NULL,
          first INTEGER NOT NULL,
          count INTEGER NOT NULL,
          ids BLOB NOT NULL,
          PRIMARY KEY (day, attr, value, last)
        ) WITHOUT ROWID;
        INSERT INTO postings_by_day (day, attr, value, last, first, count, ids)
          SELECT day, attr, value, last, first, count, ids FROM postings ORDER BY day, attr, value, last;
        DROP TABLE postings;
        ALTER TABLE postings_by_day RENAME TO postings;
        """),
    Migration(
      version: 11, name: "0011-access-keys-as-text", sql: AccessKeyPostings.sql, run: AccessKeyPostings.rekey),
    // Trails: their configuration as the service model's members (JSON, read and written whole by
    // `TrailStore`), their per-region delivery status, tags of any resource, and the organization's
    // delegated administrators. A few rows each; none of it is on the ingest path.
    Migration(
      version: 12, name: "0012-trails",
      sql: """
        CREATE TABLE trails (
          arn TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          owner_account TEXT NOT NULL,
          home_region TEXT NOT NULL,
          configuration TEXT NOT NULL
        );
        CREATE TABLE trail_status (
          arn TEXT NOT NULL,
          region TEXT NOT NULL,
          status TEXT NOT NULL,
          PRIMARY KEY (arn, region)
        ) WITHOUT ROWID;
        CREATE TABLE resource_tags (
          resource_arn TEXT NOT NULL,
          key TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (resource_arn, key)
        ) WITHOUT ROWID;
        CREATE TABLE delegated_admins (
          account_id TEXT PRIMARY KEY,
          service_principal TEXT NOT NULL,
          registered_at INTEGER NOT NULL
        );
        """),
    // Per-region signing keys of digest files (see `SigningKeyRing`).
    Migration(
      version: 13, name: "0013-signing-keys",
      sql: """
        CREATE TABLE signing_keys (
          region TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          public_key BLOB NOT NULL,
          private_key BLOB NOT NULL,
          valid_from INTEGER NOT NULL,
          valid_until INTEGER NOT NULL,
          PRIMARY KEY (region, valid_from)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX signing_keys_fingerprint ON signing_keys (fingerprint);
        """),
    // Region and ReadOnly postings (see `RegionReadOnly`): rows of the existing table, no new schema.
    Migration(version: 14, name: "0014-region-postings", sql: "", run: RegionReadOnly.build),
    // CloudTrail Lake's event data stores, their members and imports (see `EventDataStoreSchema`).
    Migration(version: 15, name: "0015-event-data-stores", sql: EventDataStoreSchema.sql),
    // Lake queries (StartQuery … ListQueries): one row per query with its status, statistics and
    // owner (pid, host, heartbeat), the event data stores it reads, and its result rows as
    // compressed pages (see `LakeQueryStore`).
    Migration(version: 16, name: "0016-lake-queries", sql: LakeQueryStore.schema),
    // Insights on event data stores (see `EventDataStoreInsights`).
    Migration(version: 17, name: "0017-event-data-store-insights", sql: EventDataStoreInsights.schema),
    // Insights events are a handful among millions: Event history's insight category, the Insights
    // pane and the Dashboard's list find them through this partial index (only their rows are in it,
    // so ingest of other events pays nothing).
    Migration(
      version: 18, name: "0018-insight-events",
      sql: "CREATE INDEX events_insights ON events (id) WHERE category = \(EventCategory.insight.rawValue);"),
    // Lake channels (events from outside AWS through PutAuditEvents) and the resource policies of
    // channels, event data stores and dashboards (see `ChannelCatalog`).
    Migration(version: 19, name: "0019-channels", sql: ChannelCatalog.schema),
    // Lake query federation (EnableFederation): which stores keep a hive export current, with the role
    // they named and what the export last held (see `EventDataStoreFederation`).
    Migration(version: 20, name: "0020-event-data-store-federation", sql: EventDataStoreFederation.schema),
    // The statements GenerateQuery wrote, by QueryAlias, for StartQuery (see `GeneratedQueries`).
    Migration(version: 21, name: "0021-generated-queries", sql: GeneratedQueries.schema),
    // Lake dashboards and which query each widget ran as in each refresh (see `DashboardCatalog`).
    Migration(version: 22, name: "0022-lake-dashboards", sql: DashboardCatalog.schema),
    // Event data stores' event configuration (enrichment) and the tags of AWS resources it reads (see
    // `EventEnrichmentStore`).
    Migration(version: 23, name: "0023-event-enrichment", sql: EventEnrichmentStore.schema),
    // AWS Config configuration items by resource (ARN, type + id, id, name) in capture-time order, for
    // the resource timeline; items stored before it are filed by a pass over their rows (see
    // `ConfigItemIndex`).
    Migration(
      version: 24, name: "0024-config-items", sql: ConfigItemIndex.schema, run: ConfigItemIndex.backfill),
    // Trails' aggregation of data events (PutEventConfiguration's AggregationConfigurations; see
    // `TrailAggregation`).
    Migration(version: 25, name: "0025-trail-aggregation", sql: TrailAggregation.schema),
    // Service-linked channels: the selection of CloudTrail events their AWS service set (see
    // `ChannelCatalog`, `ServiceLinkedChannels`).
    Migration(
      version: 26, name: "0026-service-linked-channels", sql: ChannelCatalog.sourceConfigColumn),
    // Lake's postings of the events Event history does not show (see `PostingAttribute.unshownEventName`).
    Migration(version: 27, name: "0027-unshown-postings", sql: "", run: UnshownPostings.build),
    // Counts by userIdentity.arn, packed as `rollup_packs` (see `ArnRollupKey`). Minutes stored before
    // have none: the Top users widget proves its counts against the store and reads those records.
    Migration(
      version: 28, name: "0028-rollup-arn-packs",
      sql: "CREATE TABLE \(ArnRollupKey.table) (id INTEGER PRIMARY KEY, entries BLOB NOT NULL);"),
    // Counts of resources[] entries by type, packed as `rollup_packs` (see `ResourceTypeRollupKey`).
    // Minutes up to the newest stored event's have none: `resource_rollups_from` says where they start.
    Migration(
      version: 29, name: "0029-rollup-resource-packs",
      sql: """
        CREATE TABLE \(ResourceTypeRollupKey.table) (id INTEGER PRIMARY KEY, entries BLOB NOT NULL);
        INSERT INTO meta (key, value)
          SELECT '\(ResourceTypeRollupKey.fromKey)', (newest - ((newest % 60) + 60) % 60) / 60 + 1
          FROM (SELECT MAX(event_time) AS newest FROM events) WHERE newest IS NOT NULL;
        """),
    // Hourly counts without the user, from the minute rollups stored before (see `HourRollupKey`).
    Migration(
      version: 30, name: "0030-rollup-hour-packs",
      sql: "CREATE TABLE \(HourRollupKey.table) (id INTEGER PRIMARY KEY, entries BLOB NOT NULL);",
      run: { try HourRollupKey.fill(from: nil, in: $0) }),
    // Lake's requestParameters texts beside the records (see `RequestParameterPage`). Events stored
    // before have none; `request_parameters_incomplete` says so.
    Migration(version: 31, name: "0031-request-parameter-pages", sql: RequestParameterPage.schema),
  ]

  /// Brings `connection` up to `target` (default: the newest version); each step commits with its
  /// version number.
  ///
  /// Numbers may have gaps: branches add migrations in parallel (Lake queries took 16 while event data
  /// stores were writing 15). A store migrated past a number this binary lacks records that number in
  /// `meta` (`migration_skipped.15`), and a later binary that has it runs it then, out of order: so
  /// `user_version` alone never hides a migration. Migrations on either side of a gap must not depend
  /// on each other.
  static func migrate(_ connection: SQLiteConnection, upTo target: Int = .max, migrations: [Migration] = all)
    throws
  {
    var seen = Set<Int>()
    for migration in migrations {
      precondition(seen.insert(migration.version).inserted, "migration \(migration.version) registered twice")
    }
    var current = Int(try connection.scalarInt("PRAGMA user_version"))
    let skipped = current > 0 ? try skippedVersions(connection) : []
    for migration in migrations
    where (migration.version > current || skipped.contains(migration.version)) && migration.version <= target
    {
      try connection.transaction {
        try connection.execute(migration.sql)
        try migration.run?(connection)
        if skipped.contains(migration.version) {
          try connection.execute("DELETE FROM meta WHERE key = 'migration_skipped.\(migration.version)'")
        }
        // Numbers between the last version and this one that this binary does not know.
        for gap in (current + 1)..<max(current + 1, migration.version) where !seen.contains(gap) {
          try connection.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('migration_skipped.\(gap)', '1')")
        }
        current = max(current, migration.version)
        try connection.execute("PRAGMA user_version = \(current)")
      }
    }
  }

  /// The versions a store was migrated past without running them (see `migrate`).
  static func skippedVersions(_ connection: SQLiteConnection) throws -> Set<Int> {
    let statement = try connection.prepare(
      "SELECT key FROM meta WHERE key LIKE 'migration\\_skipped.%' ESCAPE '\\'")
    var versions = Set<Int>()
    while try statement.step() {
      if let key = statement.text(0), let version = Int(key.dropFirst("migration_skipped.".count)) {
        versions.insert(version)
      }
    }
    return versions
  }

  static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}
