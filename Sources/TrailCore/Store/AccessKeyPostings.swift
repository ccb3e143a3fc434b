/// Migration 11's work: access key IDs leave `strings`.
///
/// Nearly every role session has its own temporary key, so at 10 M events `strings` held a million of
/// them, and its unique index on `value`, whose keys are random, took a few thousand inserts all over
/// the index per transaction: each commit rewrote most of its pages to the write-ahead log (several GB
/// per 10 M events ingested). Since version 11 an event row keeps its key as text
/// (`events.access_key_text`, with `access_key` 0), like the source IP, and the key's postings are keyed
/// by `PostedTextKey.hash` like resource names'. Rows stored before keep their interned `access_key`
/// (read through `COALESCE(access_key_text, …)`); their postings are re-keyed here.
enum AccessKeyPostings {
  static let sql = """
    ALTER TABLE events ADD COLUMN access_key_text TEXT;
    CREATE TEMP TABLE interned_key_postings AS SELECT * FROM postings WHERE attr = 4;
    DELETE FROM postings WHERE attr = 4;
    """

  /// Each interned key's hash, worked out here (SQLite has no FNV-1a), then one `INSERT … SELECT` moves
  /// the rows over, blobs untouched.
  static func rekey(_ connection: SQLiteConnection) throws {
    try connection.execute(
      "CREATE TEMP TABLE interned_key_hashes (id INTEGER PRIMARY KEY, hash INTEGER NOT NULL)")
    let keys = try connection.prepare(
      """
      SELECT s.id, s.value FROM strings s
      WHERE s.id IN (SELECT DISTINCT value FROM temp.interned_key_postings)
      """)
    let insert = try connection.prepare("INSERT INTO temp.interned_key_hashes (id, hash) VALUES (?, ?)")
    while try keys.step() {
      insert.reset()
      insert.bindInt(1, keys.int64(0))
      insert.bindInt(2, PostedTextKey.hash(keys.text(1) ?? ""))
      try insert.step()
    }
    insert.reset()
    keys.reset()
    try connection.execute(
      """
      INSERT INTO postings (day, attr, value, last, first, count, ids)
        SELECT p.day, p.attr, h.hash, p.last, p.first, p.count, p.ids
        FROM temp.interned_key_postings p JOIN temp.interned_key_hashes h ON h.id = p.value
        ORDER BY p.day, h.hash, p.last;
      DROP TABLE temp.interned_key_postings;
      DROP TABLE temp.interned_key_hashes;
      """)
  }
}
