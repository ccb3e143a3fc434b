import Foundation

/// Reads events' `requestParameters` texts from their pages (`RequestParameterPage`) for
/// `lake_params` and `lake_record_json`, instead of decompressing and scanning whole records.
final class LakeRequestParameters {
  private let connection: SQLiteConnection
  private var select: SQLiteStatement?
  /// Pages read, by id: a scan in time order meets the pages of a few batches at once, one open page
  /// per service in each (`RequestParameterPageSet`).
  private var pages: [Int64: [UInt8]] = [:]
  private var lastEvent: Int64 = -1
  /// Events whose text was read (they count as scanned records) and the texts' bytes.
  private(set) var eventsRead: Int64 = 0
  private(set) var bytesRead: Int64 = 0

  init(connection: SQLiteConnection) { self.connection = connection }

  /// What the page of an event's slot column holds for it.
  enum Entry {
    /// No `requestParameters` (absent or null): Lake's NULL.
    case none
    /// Lake's text of the object.
    case text(UnsafeRawBufferPointer)
    /// Read the record: an event stored before the pages, or one whose member Lake may read otherwise.
    case record
  }

  /// Runs `body` over what the pages hold for event `id` with slot column `slotColumn`.
  func withEntry<T>(id: Int64, slotColumn: Int64?, _ body: (Entry) throws -> T) throws -> T {
    guard let slotColumn else { return try body(.record) }
    if slotColumn == 0 { return try body(.none) }
    let page = try bytes(ofPage: RequestParameterPage.page(ofSlotColumn: slotColumn))
    return try page.withUnsafeBytes { bytes in
      let slot = RequestParameterPage.slot(ofSlotColumn: slotColumn)
      guard let view = RequestParameterPageView(bytes), slot < view.count, view.rowID(slot) == id,
        view.kind(slot) == .object
      else { return try body(.record) }
      let text = UnsafeRawBufferPointer(rebasing: bytes[view.textRange(slot)])
      if id != lastEvent {
        lastEvent = id
        eventsRead += 1
        bytesRead += Int64(text.count)
      }
      return try body(.text(text))
    }
  }

  private func bytes(ofPage page: Int64) throws -> [UInt8] {
    if let known = pages[page] { return known }
    let statement =
      try select ?? connection.prepare("SELECT bytes FROM \(RequestParameterPage.table) WHERE id = ?")
    select = statement
    statement.reset()
    defer { statement.reset() }
    statement.bindInt(1, page)
    let bytes = try statement.step() ? statement.blob(0) : []
    // About 30 KB a page: 1 024 of them are some 30 MB.
    if pages.count >= 1_024 { pages.removeAll(keepingCapacity: true) }
    pages[page] = bytes
    return bytes
  }
}
