import Testing

@testable import TrailCore

/// `lake_group_id`'s table: one number per distinct (storage class, bytes), the same number each time
/// a value comes back, across the table's growth.
@Suite("Lake: GROUP BY value numbers")
struct LakeGroupNumbersTests {
  static let text: Int32 = 3
  static let blob: Int32 = 4

  func number(_ table: LakeGroupNumbers, _ type: Int32, _ value: String) -> Int64 {
    Array(value.utf8).withUnsafeBytes { table.number(type: type, bytes: $0) }
  }

  @Test func numbersValuesInTheOrderFirstSeenAcrossGrowth() {
    let table = LakeGroupNumbers()
    let values = (0..<5_000).map { "bucket-\($0 % 2 == 0 ? "a" : "bb")-\($0)" }
    for (index, value) in values.enumerated() {
      #expect(number(table, Self.text, value) == Int64(index + 1))
    }
    for (index, value) in values.enumerated().reversed() {
      #expect(number(table, Self.text, value) == Int64(index + 1))
    }
    #expect(table.count == 5_000)
  }

  @Test func storageClassAndEmptyValuesAreTheirOwnGroups() {
    let table = LakeGroupNumbers()
    let asText = number(table, Self.text, "12")
    let asBlob = number(table, Self.blob, "12")
    let empty = number(table, Self.text, "")
    let emptyBlob = number(table, Self.blob, "")
    #expect(Set([asText, asBlob, empty, emptyBlob]).count == 4)
    #expect(number(table, Self.text, "") == empty)
    #expect(number(table, Self.text, "1") != asText)
    #expect(number(table, Self.text, "12") == asText)
  }
}
