import Foundation

/// The verbatim record of one stored event (the `CloudTrailEvent` string), decompressed from its block.
public struct EventRecords {
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  static let selectRecordSQL = "SELECT raw, raw_dict, raw_block_slot FROM events WHERE id = ?"

  /// The record of the event with `rowID`, byte for byte as it was ingested.
  public func record(rowID: Int64) throws -> String {
    let connection = reader.connection
    let statement = try reader.selectRecord ?? connection.prepare(Self.selectRecordSQL)
    defer { statement.reset() }
    statement.reset()
    statement.bindInt(1, rowID)
    guard try statement.step() else {
      throw Diagnostic(
        code: "EventNotFound", summary: "no such event", reason: "no stored event has row id \(rowID)")
    }
    let bytes: [UInt8]
    if statement.isNull(2) {
      bytes = try reader.decompressor.record(
        statement.blob(0), dictionaryID: statement.int64(1), connection: connection)
    } else {
      let slotColumn = statement.int64(2)
      bytes = try reader.decompressor.record(
        block: RawBlock.block(ofSlotColumn: slotColumn), slot: RawBlock.slot(ofSlotColumn: slotColumn),
        connection: connection)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
