import Foundation
import Testing

@testable import TrailCore

/// The writer interns lookup values; on a new store it inserts unseen values without looking them up.
@Suite("String interning")
struct StringInternerTests {
  @Test func aValueAnotherWriterStoredMeanwhileKeepsItsID() throws {
    let store = try TestStore()
    let mine = try EventStore.openWriter(path: store.dbPath)
    let interner = try StringInterner(mine)
    let first = try interner.id("alice")
    #expect(try interner.id("alice") == first)

    let other = try EventStore.openWriter(path: store.dbPath)
    try other.execute("INSERT INTO strings (value) VALUES ('bob')")
    let bob = try other.scalarInt("SELECT id FROM strings WHERE value = 'bob'")
    #expect(try interner.id("bob") == bob)
    #expect(try interner.id("carol") > bob)
    #expect(try mine.scalarInt("SELECT COUNT(*) FROM strings") == 4)
  }

  @Test func aStoreWithValuesIsLookedUpFirst() throws {
    let store = try TestStore()
    let db = try EventStore.openWriter(path: store.dbPath)
    try db.execute("INSERT INTO strings (value) VALUES ('alice')")
    let alice = try db.scalarInt("SELECT id FROM strings WHERE value = 'alice'")
    let interner = try StringInterner(db)
    #expect(try interner.id("alice") == alice)
    #expect(try interner.id("") == 0)
    #expect(try interner.id(nil) == 0)
  }
}
