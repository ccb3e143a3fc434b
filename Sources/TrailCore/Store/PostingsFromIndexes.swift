/// Migration 3: fills `postings` from a version-2 store's lookup columns and resource tables, then drops
/// the secondary indexes and tables that postings replace.
enum PostingsFromIndexes {
  /// Rows gathered before a flush: bounded memory on large stores.
  static let eventsPerFlush = 200_000

  static func build(_ connection: SQLiteConnection) throws {
    let insert = try connection.prepare(PostingBuffer.insertSQL)
    var buffer = PostingBuffer()
    var gathered = 0
    func gather(_ attribute: PostingAttribute, value: Int64, rowID: Int64) throws {
      buffer.add(attribute, value: value, day: EventKey.day(of: EventKey.time(of: rowID)), rowID: rowID)
      gathered += 1
      if gathered >= eventsPerFlush {
        try buffer.flush(with: insert)
        gathered = 0
      }
    }

    let events = try connection.prepare(
      "SELECT id, event_name, event_source, username, access_key FROM events ORDER BY id")
    while try events.step() {
      let rowID = events.int64(0)
      try gather(.eventName, value: events.int64(1), rowID: rowID)
      try gather(.eventSource, value: events.int64(2), rowID: rowID)
      try gather(.username, value: events.int64(3), rowID: rowID)
      try gather(.accessKeyId, value: events.int64(4), rowID: rowID)
    }
    let types = try connection.prepare("SELECT type, event FROM event_resource_types ORDER BY event")
    while try types.step() { try gather(.resourceType, value: types.int64(0), rowID: types.int64(1)) }
    let names = try connection.prepare("SELECT name_hash, event FROM event_resource_names ORDER BY event")
    while try names.step() { try gather(.resourceName, value: names.int64(0), rowID: names.int64(1)) }
    try buffer.flush(with: insert)

    try connection.execute(
      """
      DROP INDEX events_by_event_name;
      DROP INDEX events_by_event_source;
      DROP INDEX events_by_username;
      DROP INDEX events_by_access_key;
      DROP TABLE event_resource_types;
      DROP TABLE event_resource_names;
      """)
  }
}
