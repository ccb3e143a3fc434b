import Testing

@testable import TrailCore

/// The hand-made tables and the string skipper on ingest's hot path.
@Suite("Ingest tables and string scanning")
struct IngestTablesTests {
  @Test func valueTableNumbersEachDistinctValueOnceAcrossGrowth() {
    var table = ValueTable()
    var numbers: [String: Int32] = [:]
    // Enough values to grow the slot array several times; each asked for three times.
    for round in 0..<3 {
      for n in 0..<500 {
        let value = "value-\(n)-" + String(repeating: "x", count: n % 40)
        let number = table.ref(value)
        if round == 0 {
          #expect(numbers[value] == nil)
          numbers[value] = number
        } else {
          #expect(numbers[value] == number)
        }
      }
    }
    #expect(table.count == 501)
    #expect(Set(numbers.values).count == 500)
    for (value, number) in numbers {
      #expect(table.strings[Int(number)] == value)
      #expect(table.hashes[Int(number)] == Array(value.utf8).withUnsafeBytes { WordHash.hash($0) })
    }
    #expect(table.ref("") == 0)
    #expect(table.ref(nil as String?) == 0)
  }

  @Test func valueTableTellsApartValuesThatDifferOnlyInLength() {
    var table = ValueTable()
    let a = table.ref("us-east-1")
    let b = table.ref("us-east-10")
    let c = table.ref("us-east-")
    #expect(Set([a, b, c]).count == 3)
    #expect(table.ref("us-east-10") == b)
  }

  /// Every byte of a value counts, whatever its place relative to the 8-byte words and the
  /// overlapping last word: one changed byte never gives the same hash.
  @Test func wordHashSeesEveryByteOfEveryLength() {
    var seen: [UInt64: String] = [:]
    for length in 0..<41 {
      let base = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
      var variants = [base]
      for position in 0..<length {
        var changed = base
        changed[position] ^= 0x01
        variants.append(changed)
      }
      for bytes in variants {
        let hash = bytes.withUnsafeBytes { WordHash.hash($0) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(seen[hash] == nil, "\(text) and \(seen[hash] ?? "") share a hash")
        seen[hash] = text
      }
    }
  }

  @Test func hashTableKeepsTheFirstValueAndGrows() {
    var table = HashTable64()
    for key in 1...10_000 as ClosedRange<UInt64> {
      #expect(table.insertIfAbsent(key &* 0x100_0000_01b3, Int32(key)) == nil)
    }
    #expect(table.count == 10_000)
    #expect(table.insertIfAbsent(7 &* 0x100_0000_01b3, -1) == 7)
    #expect(table[7 &* 0x100_0000_01b3] == 7)
    for key in 1...10_000 as ClosedRange<UInt64> { #expect(table[key &* 0x100_0000_01b3] == Int32(key)) }
    #expect(table[12_345_678_901] == nil)
    table.removeAll()
    #expect(table.count == 0)
    #expect(table[7 &* 0x100_0000_01b3] == nil)
  }

  /// 0 marks an empty slot, so a hash of 0 shares its entry with 1: a possible twin, never a miss.
  @Test func hashTableFindsAZeroKey() {
    var table = HashTable64()
    table.insertIfAbsent(0, 5)
    #expect(table[0] == 5)
    #expect(table[1] == 5)
  }

  /// The skipper jumps to the first special byte of each 8-byte word: try every place in a word.
  @Test func stringsWithEscapesAndQuotesAtEveryOffsetAreRead() throws {
    for offset in 0..<20 {
      let prefix = String(repeating: "a", count: offset)
      for (json, expected) in [
        (#""\#(prefix)\"q""#, prefix + "\"q"),
        (#""\#(prefix)\\b""#, prefix + "\\b"),
        (#""\#(prefix)\u00e9z""#, prefix + "éz"),
        (#""\#(prefix)""#, prefix),
        (#""\#(prefix)é→z""#, prefix + "é→z"),
      ] {
        let bytes = Array((json + ",").utf8)
        let read = try bytes.withUnsafeBytes { buffer in
          var scanner = JSONScanner(buffer)
          let text = try scanner.readString()
          #expect(scanner.peek() == UInt8(ascii: ","), "\(json)")
          return text
        }
        #expect(read == expected, "\(json)")
      }
      let control = Array(("\"" + prefix + "\u{01}\"").utf8)
      control.withUnsafeBytes { buffer in
        var scanner = JSONScanner(buffer)
        #expect(throws: JSONScanner.SyntaxError.self) { try scanner.readString() }
      }
    }
  }
}
