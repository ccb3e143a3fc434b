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

  static func rekey(_ connection: SQLiteConnection) throws {
    let select = try connection.prepare(
      """
      SELECT p.day, s.value, p.last, p.first, p.count, p.ids
      FROM temp.interned_key_postings p JOIN strings s ON s.id = p.value ORDER BY p.day
      """)
    let insert = try connection.prepare(PostingBuffer.insertSQL)
    while try select.step() {
      insert.reset()
      insert.bindInt(1, PostingAttribute.accessKeyId.rawValue)
      insert.bindInt(2, PostedTextKey.hash(select.text(1) ?? ""))
      insert.bindInt(3, select.int64(0))
      insert.bindInt(4, select.int64(2))
      insert.bindInt(5, select.int64(3))
      insert.bindInt(6, select.int64(4))
      try select.withBlob(5) { ids in
        insert.bindBlobNoCopy(7, ids)
        try insert.step()
      }
    }
    insert.reset()
    select.reset()
    try connection.execute("DROP TABLE temp.interned_key_postings")
  }
}
