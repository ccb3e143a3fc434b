import Foundation

/// `requestParameters` as Lake's map column reads it, kept beside the records so that Lake's queries
/// over it need not decompress whole records: the text of `json_format(CAST(requestParameters AS
/// JSON))`, and what `json_extract_scalar(eventjson, '$.requestParameters.…')` walks.
///
/// The writer appends each event's text to a page of up to 256 events of its eventSource, in the order
/// it inserts them (`RequestParameterPageSet`), and the event's row names its page and slot
/// (`events.params_slot`, see `slotColumn`). A page holds the row ids of its events, so a scan of the
/// pages finds the events whose text holds a string without reading `events` (`LakeParamsScan`, the
/// `LIKE '%…%'` of `traildeck-bench lake`'s q4).
///
/// Only what Lake reads the same way from the page as from the record is paged (`Kind.object`): the
/// record's one `requestParameters` member, an object, written without whitespace exactly as
/// `LakeJSONScanner.compact` gives it. A record whose member is absent or null has slot column 0 and
/// no entry. One Lake may read otherwise (the member twice, in another case, behind an escaped key, or
/// not an object) has an entry of kind `unclear` and no text: readers go to the record for it.
/// Events stored before migration 31 have no slot column (NULL); `meta.request_parameters_incomplete`
/// says a store has some, and scans then read every event.
enum RequestParameterPage {
  /// Entries per page; the slot takes the low 8 bits of the slot column.
  static let capacity = 256
  static let slotBits: Int64 = 8
  /// The table, and the meta key a store migrated with events has.
  static let table = "request_parameter_pages"
  static let incompleteKey = "request_parameters_incomplete"

  /// What an entry holds.
  enum Kind: UInt8 {
    /// The compact text of an object.
    case object = 1
    /// Nothing: read the record.
    case unclear = 2
  }

  static func slotColumn(page: Int64, slot: Int) -> Int64 { page << slotBits | Int64(slot) }
  static func page(ofSlotColumn value: Int64) -> Int64 { value >> slotBits }
  static func slot(ofSlotColumn value: Int64) -> Int { Int(value & ((1 << slotBits) - 1)) }

  /// Appends Lake's text of the `requestParameters` object in `raw` to `output`: its bytes, without
  /// whitespace outside strings (CloudTrail writes none, so most records are copied as they are).
  static func appendText(of raw: UnsafeRawBufferPointer, to output: inout [UInt8]) {
    let spaced = raw.contains { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    if spaced {
      output.append(contentsOf: LakeJSONScanner.compact(raw, 0..<raw.count).utf8)
    } else {
      output.append(contentsOf: raw)
    }
  }

  /// The SQL of migration 31.
  static let schema = """
    CREATE TABLE \(table) (id INTEGER PRIMARY KEY, last_time INTEGER NOT NULL, bytes BLOB NOT NULL);
    ALTER TABLE events ADD COLUMN params_slot INTEGER;
    INSERT INTO meta (key, value) SELECT '\(incompleteKey)', '1' WHERE EXISTS (SELECT 1 FROM events);
    """
}

/// A page being filled by the writer. Layout of a stored page: the count `n` (2 bytes), `n` row ids
/// (8 bytes each), `n` text ends (4 bytes each, from the start of the texts), `n` kinds (1 byte each),
/// then the texts one after another; integers little-endian.
struct RequestParameterPageBuilder {
  /// The id the next page is stored under.
  var page: Int64
  private var rowIDs: [Int64] = []
  private var ends: [UInt32] = []
  private var kinds: [UInt8] = []
  private var text: [UInt8] = []
  private var lastTime = Int64.min

  init(nextPage: Int64) { page = nextPage }

  var isEmpty: Bool { rowIDs.isEmpty }

  /// The slot column of the next entry (`add` takes it).
  var nextSlotColumn: Int64 { RequestParameterPage.slotColumn(page: page, slot: rowIDs.count) }

  /// Adds the entry of event `rowID`; true when the page is full and should be stored.
  mutating func add(
    rowID: Int64, kind: RequestParameterPage.Kind, text entry: UnsafeRawBufferPointer, eventTime: Int64
  ) -> Bool {
    rowIDs.append(rowID)
    kinds.append(kind.rawValue)
    if kind == .object { text.append(contentsOf: entry) }
    ends.append(UInt32(text.count))
    lastTime = max(lastTime, eventTime)
    return rowIDs.count == RequestParameterPage.capacity
  }

  /// The stored form of the page and its newest eventTime; the builder moves on to page `next`.
  mutating func take(next: Int64) -> (page: Int64, lastTime: Int64, bytes: [UInt8]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(2 + rowIDs.count * 13 + text.count)
    withUnsafeBytes(of: UInt16(rowIDs.count).littleEndian) { bytes.append(contentsOf: $0) }
    for id in rowIDs { withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) } }
    for end in ends { withUnsafeBytes(of: end.littleEndian) { bytes.append(contentsOf: $0) } }
    bytes.append(contentsOf: kinds)
    bytes.append(contentsOf: text)
    let taken = (page, lastTime, bytes)
    page = next
    rowIDs.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    kinds.removeAll(keepingCapacity: true)
    text.removeAll(keepingCapacity: true)
    lastTime = .min
    return taken
  }
}

/// A stored page, read in place.
struct RequestParameterPageView {
  let bytes: UnsafeRawBufferPointer
  let count: Int
  private let textStart: Int

  /// nil when the bytes do not hold a page.
  init?(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count >= 2 else { return nil }
    let count = Int(bytes.loadUnaligned(as: UInt16.self).littleEndian)
    let textStart = 2 + count * 13
    guard textStart <= bytes.count else { return nil }
    self.bytes = bytes
    self.count = count
    self.textStart = textStart
    if count > 0, textStart + Int(end(count - 1)) != bytes.count { return nil }
  }

  func rowID(_ slot: Int) -> Int64 {
    Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 + slot * 8, as: Int64.self))
  }

  private func end(_ slot: Int) -> UInt32 {
    UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 + count * 8 + slot * 4, as: UInt32.self))
  }

  func kind(_ slot: Int) -> RequestParameterPage.Kind? {
    RequestParameterPage.Kind(rawValue: bytes[2 + count * 12 + slot])
  }

  /// Where entry `slot`'s text lies in `bytes`.
  func textRange(_ slot: Int) -> Range<Int> {
    let start = slot == 0 ? 0 : Int(end(slot - 1))
    return (textStart + start)..<(textStart + Int(end(slot)))
  }

  /// Where the texts of every entry lie in `bytes`.
  var textsRange: Range<Int> { textStart..<bytes.count }

  /// The entry whose text holds position `offset` of `bytes` (within `textsRange`).
  func slot(holding offset: Int) -> Int {
    var low = 0
    var high = count - 1
    let relative = UInt32(offset - textStart)
    while low < high {
      let middle = (low + high) / 2
      if end(middle) <= relative { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
