/// One count of `rollup_resource_packs` (migration 29): how many `resources[]` entries a minute's
/// events of one category have of one `type`, as Lake reads `r.type` after `UNNEST(resources)`.
///
/// Each entry of each event is counted once; an event without resources adds nothing. `type` is the
/// interned id of the type's text, or one of the markers below (ids in `strings` start at 1). Minutes
/// whose events were stored before the table existed are not counted: `meta.resource_rollups_from` is
/// the first minute the table counts completely (absent: every minute), and a window reaching earlier
/// is answered by the engine.
struct ResourceTypeRollupKey: PackedRollupKey {
  static let table = "rollup_resource_packs"
  /// The first minute counted completely, in `meta`.
  static let fromKey = "resource_rollups_from"
  /// No type: the entry's `type` is absent or JSON null (Lake reads NULL).
  static let none: Int64 = 0
  /// `"type": ""`: interning keeps no empty strings, Lake reads `''`.
  static let empty: Int64 = -1
  /// A type Lake may read otherwise than the ingest scanner: not a string, a key given twice or in
  /// another case (of `type` or of `resources`). A window with any is answered by the engine.
  static let unclear: Int64 = -2

  var minute: Int64
  var category: Int64
  var type: Int64

  func pack(into output: inout [UInt8]) {
    LEB128.append(UInt64(bitPattern: category), to: &output)
    LEB128.append(UInt64(bitPattern: type), to: &output)
  }

  init(minute: Int64, category: Int64, type: Int64) {
    self.minute = minute
    self.category = category
    self.type = type
  }

  init?(minute: Int64, fields: inout PackedFields) {
    guard let category = fields.next(), let type = fields.next() else { return nil }
    self.init(minute: minute, category: category, type: type)
  }

  static func < (a: ResourceTypeRollupKey, b: ResourceTypeRollupKey) -> Bool {
    (a.minute, a.category, a.type) < (b.minute, b.category, b.type)
  }
}
