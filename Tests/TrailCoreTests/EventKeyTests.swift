import Foundation
import Testing

@testable import TrailCore

/// How eventIDs are stored and shown again: 16 bytes for a lower-case UUID, the text itself otherwise.
@Suite("Event keys")
struct EventKeyTests {
  @Test func lowerCaseUUIDsAreStoredAsSixteenBytesAndShownAsWritten() {
    for _ in 0..<200 {
      let id = UUID().uuidString.lowercased()
      let stored = EventKey.storedEventID(id)
      #expect(stored.count == 16)
      #expect(EventKey.eventIDText(stored) == id)
    }
    let stored = EventKey.storedEventID("00ff10a0-0b0c-4d0e-8f00-a1b2c3d4e5f6")
    #expect(stored.prefix(4) == [0x00, 0xFF, 0x10, 0xA0])
    #expect(EventKey.eventIDText(stored) == "00ff10a0-0b0c-4d0e-8f00-a1b2c3d4e5f6")
  }

  @Test func otherEventIDsKeepTheirText() {
    for id in [
      "ABCDEF01-2345-6789-ABCD-EF0123456789", "not-a-uuid", "e1", "00ff10a0-0b0c-4d0e-8f00-a1b2c3d4e5fz",
    ] {
      let stored = EventKey.storedEventID(id)
      #expect(stored == Array(id.utf8))
      #expect(EventKey.eventIDText(stored) == id)
    }
  }
}
