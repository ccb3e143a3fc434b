import Foundation
import Testing

@testable import TrailCore

/// The printers against text Python 3 printed (`json.dumps(v, indent=4, ensure_ascii=False) + "\n"` and
/// `json.dumps(v, separators=(",", ":"), ensure_ascii=False)`), pasted here so the tests need no Python.
@Suite("JSONValue printers")
struct JSONValueTextTests {
  static let tricky: JSONValue = .object([
    ("Text", .string("a\"b\\c/d\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F} é 日本 🎉 \u{2028}")),
    (
      "Empty",
      .object([
        ("List", .array([])), ("Object", .object([])),
        ("Nested", .array([.array([]), .object([]), .array([.integer(1), .array([.integer(2)])])])),
      ])
    ),
    ("Null", .null), ("True", .bool(true)), ("False", .bool(false)),
    (
      "Numbers",
      .array(
        [
          .integer(0), .integer(-1), .integer(.max), .integer(.min),
        ]
          + [
            1.0, 1.5, -0.0, 0.1, 1e-05, 0.0001, 1e16, 1e15, 123456789.123, 1.7976931348623157e308,
            .leastNonzeroMagnitude,
            2.5e-7, 1709294400.123, 1e22, 100.0, 12345678901234567.0, -2.5e-05, 0.3,
          ].map { (d: Double) in JSONValue.double(d) }),
    ),
  ])

  @Test func prettyTextIsPythonsIndentFour() {
    let expected = #"""
      {
          "Text": "a\"b\\c/d\n\r\t\b\f\u0001\u001f\#u{7F} é 日本 🎉 \#u{2028}",
          "Empty": {
              "List": [],
              "Object": {},
              "Nested": [
                  [],
                  {},
                  [
                      1,
                      [
                          2
                      ]
                  ]
              ]
          },
          "Null": null,
          "True": true,
          "False": false,
          "Numbers": [
              0,
              -1,
              9223372036854775807,
              -9223372036854775808,
              1.0,
              1.5,
              -0.0,
              0.1,
              1e-05,
              0.0001,
              1e+16,
              1000000000000000.0,
              123456789.123,
              1.7976931348623157e+308,
              5e-324,
              2.5e-07,
              1709294400.123,
              1e+22,
              100.0,
              1.2345678901234568e+16,
              -2.5e-05,
              0.3
          ]
      }

      """#
    #expect(Self.tricky.awsCLIText() == expected)
  }

  @Test func compactTextHasNoWhitespace() {
    let expected =
      #"{"Text":"a\"b\\c/d\n\r\t\b\f\u0001\u001f\#u{7F} é 日本 🎉 \#u{2028}","Empty":{"List":[],"Object":{},"#
      + #""Nested":[[],{},[1,[2]]]},"Null":null,"True":true,"False":false,"Numbers":[0,-1,9223372036854775807,"#
      + #"-9223372036854775808,1.0,1.5,-0.0,0.1,1e-05,0.0001,1e+16,1000000000000000.0,123456789.123,"#
      + #"1.7976931348623157e+308,5e-324,2.5e-07,1709294400.123,1e+22,100.0,1.2345678901234568e+16,-2.5e-05,"#
      + #"0.3]}"#
    #expect(Self.tricky.compactText() == expected)
  }

  @Test func scalarsAtTheTopLevel() {
    #expect(JSONValue.array([]).awsCLIText() == "[]\n")
    #expect(JSONValue.object([]).awsCLIText() == "{}\n")
    #expect(JSONValue.string("").awsCLIText() == "\"\"\n")
    #expect(JSONValue.null.compactText() == "null")
  }

  @Test func pythonReprBoundaries() {
    // CPython switches to an exponent when the decimal point position is <= -4 or > 16.
    #expect(JSONValue.pythonRepr(0.001) == "0.001")
    #expect(JSONValue.pythonRepr(0.00012) == "0.00012")
    #expect(JSONValue.pythonRepr(1.2e-05) == "1.2e-05")
    #expect(JSONValue.pythonRepr(9999999999999998.0) == "9999999999999998.0")
    #expect(JSONValue.pythonRepr(1.5e300) == "1.5e+300")
    #expect(JSONValue.pythonRepr(1e100) == "1e+100")
    #expect(JSONValue.pythonRepr(-123.456) == "-123.456")
    #expect(JSONValue.pythonRepr(.infinity) == "Infinity")
    #expect(JSONValue.pythonRepr(-.infinity) == "-Infinity")
    #expect(JSONValue.pythonRepr(.nan) == "NaN")
  }

  /// The escaper measures first and writes second; a byte-at-a-time reference must agree with it on
  /// every ASCII byte, at the start, middle and end of a string, and on strings with nothing to escape.
  @Test func escapingAgreesWithAByteAtATimeReference() {
    func reference(_ text: String) -> String {
      var out = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{00}"..."\u{1F}":
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out + "\""
    }
    let ascii = String(decoding: Array(UInt8(0)..<128), as: UTF8.self)
    let samples = [
      "", "plain text with nothing to escape, é 日本 🎉", ascii, String(ascii.reversed()),
      "\"" + ascii + "\"", "x\u{01}", "\u{1F}x", String(repeating: #"{"a":"b\c"}"#, count: 100),
    ]
    for sample in samples {
      #expect(JSONValue.pythonString(sample) == reference(sample), "\(sample.debugDescription)")
    }
  }

  /// What `lookup-events` printed before the shapes existed (the old `HistoryExport.jsonString`).
  @Test func stringsEscapeAsLookupEventsAlwaysPrinted() {
    #expect(JSONValue.pythonString("a\"b\\c\nd\u{01}é") == #""a\"b\\c\nd\u0001é""#)
  }

  @Test func parsingKeepsOrderAndNumberKinds() throws {
    let parsed = try JSONValue(parsing: Self.tricky.compactText())
    #expect(parsed == Self.tricky)
    #expect(parsed.keys == ["Text", "Empty", "Null", "True", "False", "Numbers"])
    let escaped = try JSONValue(parsing: #"{"b":"\u00e9\ud83c\udf89\/","a":[1,1.0,-2e3]}"#)
    #expect(
      escaped
        == .object([("b", .string("é🎉/")), ("a", .array([.integer(1), .double(1.0), .double(-2000)]))]))
  }

  @Test func equalityCountsMemberOrder() {
    let ab = JSONValue.object([("a", .integer(1)), ("b", .integer(2))])
    let ba = JSONValue.object([("b", .integer(2)), ("a", .integer(1))])
    #expect(ab != ba)
    #expect(ab == .object([("a", .integer(1)), ("b", .integer(2))]))
    #expect(JSONValue.integer(1) != .double(1))
  }

  @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\u{01}\"", "tru", "1 2", "{\"a\":1,}"])
  func parsingRejectsMalformedText(_ text: String) {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
  }
}
