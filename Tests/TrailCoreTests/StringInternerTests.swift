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

  /// The writer finds a file's values by the hash the readers computed: the ids are those of the
  /// string, and two values under one hash (a collision) keep ids of their own.
  @Test func valuesFoundByTheirHashKeepTheirIDsThroughACollision() throws {
    let store = try TestStore()
    let db = try EventStore.openWriter(path: store.dbPath)
    let interner = try StringInterner(db)
    let alice = try interner.id("alice", hash: 42)
    #expect(try interner.id("alice", hash: 42) == alice)
    #expect(try interner.id("alice") == alice)
    let bob = try interner.id("bob", hash: 42)
    #expect(bob != alice)
    #expect(try interner.id("bob", hash: 42) == bob)
    #expect(try interner.id("alice", hash: 42) == alice)
    #expect(try db.scalarInt("SELECT id FROM strings WHERE value = 'bob'") == bob)
    interner.reset()
    #expect(try interner.id("bob", hash: 7) == bob)
  }
}
