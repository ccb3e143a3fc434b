/// One count of `rollup_arn_packs`: a minute's events of one category by `userIdentity.arn`.
///
/// Every event is counted, with or without an ARN, so that the table's total for a window can be
/// compared with the number of events there (the proof in `RollupAnswer`). `arn` is the interned id
/// of the ARN's text, or one of the negative markers below; ids in `strings` start at 1.
struct ArnRollupKey: PackedRollupKey {
  static let table = "rollup_arn_packs"
  /// No ARN: `userIdentity` or its `arn` absent or null (Lake reads NULL).
  static let none: Int64 = 0
  /// An empty ARN (`"arn": ""`): interning keeps no empty strings, Lake reads `''`, not NULL.
  static let empty: Int64 = -1
  /// An ARN the ingest scanner cannot vouch for: a key that differs from `userIdentity` or `arn` only by
  /// case, or one given twice. Lake matches keys ignoring case and takes the first; a window with any
  /// such event is answered by the engine.
  static let unclear: Int64 = -2

  var minute: Int64
  var category: Int64
  var arn: Int64

  func pack(into output: inout [UInt8]) {
    LEB128.append(UInt64(bitPattern: category), to: &output)
    LEB128.append(UInt64(bitPattern: arn), to: &output)
  }

  init(minute: Int64, category: Int64, arn: Int64) {
    self.minute = minute
    self.category = category
    self.arn = arn
  }

  init?(minute: Int64, fields: inout PackedFields) {
    guard let category = fields.next(), let arn = fields.next() else { return nil }
    self.init(minute: minute, category: category, arn: arn)
  }

  static func < (a: ArnRollupKey, b: ArnRollupKey) -> Bool {
    (a.minute, a.category, a.arn) < (b.minute, b.category, b.arn)
  }
}
