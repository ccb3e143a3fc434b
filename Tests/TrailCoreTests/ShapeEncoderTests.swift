import Foundation
import Testing

@testable import TrailCore

@Suite("Shape encoder and decoder")
struct ShapeEncoderTests {
  /// Members deliberately out of alphabetical order: the encoder must keep CodingKeys order.
  struct Sample: Codable, Equatable {
    var zeta: String
    var alpha: Int?
    var when: Date?
    var blob: Data?
    var tags: [String: Int]?
    var ratio: Double?
    var flag: Bool?
  }

  @Test func membersComeInCodingKeysOrderAndNilsAreOmitted() throws {
    let value = Sample(
      zeta: "z", alpha: 3, when: nil, blob: Data("hi".utf8), tags: nil, ratio: 0.5, flag: false)
    let json = try ShapeEncoder().encode(value)
    #expect(
      json
        == .object([
          ("zeta", .string("z")), ("alpha", .integer(3)), ("blob", .string("aGk=")), ("ratio", .double(0.5)),
          ("flag", .bool(false)),
        ]))
  }

  @Test func mapsAreWrittenWithSortedKeys() throws {
    let value = Sample(zeta: "z", tags: ["b": 2, "c": 3, "a": 1])
    #expect(try ShapeEncoder().encode(value)["tags"]?.keys == ["a", "b", "c"])
  }

  @Test func timestampStyles() throws {
    let whole = Date(timeIntervalSince1970: 1_709_294_400)
    let fraction = Date(timeIntervalSince1970: 1_709_294_400.123)
    #expect(try ShapeEncoder(.awsCLI).encode(whole) == .string("2024-03-01T12:00:00+00:00"))
    #expect(try ShapeEncoder(.awsCLI).encode(fraction) == .string("2024-03-01T12:00:00.123000+00:00"))
    #expect(try ShapeEncoder(.epochSeconds).encode(whole) == .integer(1_709_294_400))
    #expect(try ShapeEncoder(.epochSeconds).encode(fraction) == .double(1_709_294_400.123))
    // Python's datetime.fromtimestamp rounds to microseconds, half to even, carrying into the second.
    #expect(
      ShapeEncoder.awsCLITimestamp(Date(timeIntervalSince1970: 1_709_294_400.5))
        == "2024-03-01T12:00:00.500000+00:00")
    #expect(
      ShapeEncoder.awsCLITimestamp(Date(timeIntervalSince1970: 1_709_294_400.9999995))
        == "2024-03-01T12:00:01+00:00")
  }

  /// A hand-written `encode(to:)` using every container kind, nested containers and super encoders.
  struct Handmade: Encodable {
    enum Keys: String, CodingKey { case b, a, list, inner, parent }
    enum InnerKeys: String, CodingKey { case x }
    func encode(to encoder: any Encoder) throws {
      var keyed = encoder.container(keyedBy: Keys.self)
      try keyed.encode("first", forKey: .b)
      try keyed.encodeNil(forKey: .a)
      var list = keyed.nestedUnkeyedContainer(forKey: .list)
      try list.encode(1)
      try list.encode(UInt8(2))
      var nested = list.nestedContainer(keyedBy: InnerKeys.self)
      try nested.encode(true, forKey: .x)
      var deeper = list.nestedUnkeyedContainer()
      try deeper.encode("d")
      var single = list.superEncoder().singleValueContainer()
      try single.encode(Float(0.1))
      #expect(list.count == 5)
      var inner = keyed.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
      try inner.encode(Date(timeIntervalSince1970: 0), forKey: .x)
      var parent = keyed.superEncoder(forKey: .parent).container(keyedBy: InnerKeys.self)
      try parent.encode(-7, forKey: .x)
      var sup = keyed.superEncoder().unkeyedContainer()
      try sup.encode("s")
      // Writing a key again replaces its value but keeps its place.
      try keyed.encode("again", forKey: .b)
    }
  }

  @Test func everyContainerKind() throws {
    let json = try ShapeEncoder(.awsCLI).encode(Handmade())
    #expect(
      json
        == .object([
          ("b", .string("again")), ("a", .null),
          (
            "list",
            .array([
              .integer(1), .integer(2), .object([("x", .bool(true))]), .array([.string("d")]), .double(0.1),
            ])
          ),
          ("inner", .object([("x", .string("1970-01-01T00:00:00+00:00"))])),
          ("parent", .object([("x", .integer(-7))])),
          ("super", .array([.string("s")])),
        ]))
  }

  @Test func valuesJSONCannotCarryAreRefused() {
    #expect(throws: EncodingError.self) { try ShapeEncoder().encode([Double.nan]) }
    #expect(throws: EncodingError.self) { try ShapeEncoder().encode(UInt64.max) }
  }

  @Test func decoderReadsEpochNumbersAndISOStrings() throws {
    struct Times: Decodable { var t: [Date] }
    let json = #"""
      {"t": [1709294400, 1709294400.5, "2024-03-01T12:00:00Z", "2024-03-01T12:00:00.25Z",
             "2024-03-01T12:00:00+00:00", "2024-03-01T13:00:00.750000+01:00"]}
      """#
    let times = try ShapeDecoder().decode(Times.self, from: Data(json.utf8)).t.map(\.timeIntervalSince1970)
    #expect(
      times == [
        1_709_294_400, 1_709_294_400.5, 1_709_294_400, 1_709_294_400.25, 1_709_294_400, 1_709_294_400.75,
      ])
    #expect(throws: DecodingError.self) {
      try ShapeDecoder().decode(Times.self, from: Data(#"{"t":["yesterday"]}"#.utf8))
    }
  }

  @Test func roundTripThroughTheTree() throws {
    let value = Sample(
      zeta: "ζ", alpha: -1, when: Date(timeIntervalSince1970: 1_709_294_400.5), blob: Data([0, 255]),
      tags: ["k": 1], ratio: 2.25, flag: true)
    for style in [ShapeEncoder.TimestampStyle.awsCLI, .epochSeconds] {
      let tree = try ShapeEncoder(style).encode(value)
      #expect(try ShapeDecoder().decode(Sample.self, from: tree) == value)
    }
  }
}
