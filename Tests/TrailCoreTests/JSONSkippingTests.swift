import Foundation
import Testing

@testable import TrailCore

/// Skipping values ingest does not read must still accept exactly the JSON grammar: a record whose
/// `requestParameters` is broken is rejected with the place, not stored as if it were JSON.
@Suite("JSON value skipping")
struct JSONSkippingTests {
  /// What `skipValue` makes of `text`: nil when it throws or leaves more than whitespace behind.
  static func skipped(_ text: [UInt8]) -> Int? {
    text.withUnsafeBytes { buffer in
      var scanner = JSONScanner(buffer)
      do throws(JSONScanner.SyntaxError) {
        try scanner.skipValue()
      } catch {
        return nil
      }
      let end = scanner.position
      scanner.skipWhitespace()
      return scanner.isAtEnd ? end : nil
    }
  }

  static func isJSON(_ text: [UInt8]) -> Bool {
    (try? JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])) != nil
  }

  /// Where Foundation's parser departs from the grammar: it accepts a comma before a closing bracket,
  /// and rejects numbers beyond a Double's range (`1e999`), which the grammar allows. Such texts are
  /// not compared; trailing commas are checked on their own below.
  static func foundationDeparts(_ text: [UInt8]) -> Bool {
    let string = String(decoding: text, as: UTF8.self)
    return string.contains(/,\s*[\]}]/) || string.contains(/[eE][+-]?[0-9]{3}/)
  }

  /// Documents of every shape the skipper has a branch for, without escapes (those are checked on
  /// their own, and one byte changed next to a backslash makes escapes Foundation rejects and the
  /// skipper, which does not decode them, accepts).
  static let seeds: [String] = [
    #"{"a":1,"b":[true,false,null],"c":{"d":"e","f":[]},"g":{}}"#,
    #"[ { "k" : -0.5e+10 } , [ 12E3 , "x" ] , 0 , "" ]"#,
    #"{"requestParameters":{"bucketName":"acme-web-staging","Host":"acme.s3.amazonaws.com","list":[1,2,{"x":[[],[{}]]}]},"n":null}"#,
    "{\n  \"a\": [\n    1,\n    2\n  ],\n\t\"b\": \"c\"\r\n}",
    String(repeating: "[", count: 70) + "1" + String(repeating: "]", count: 70),
    String(repeating: #"{"a":"#, count: 130) + "[]" + String(repeating: "}", count: 130),
    #""just a string that is longer than sixteen bytes""#,
    "-12.25",
  ]

  @Test func skipAcceptsWhatFoundationAcceptsUnderEveryOneByteChange() {
    var random = SeededRandom(seed: 7)
    let alphabet = Array(#"{}[],:" 0123456789.-+eEtrufalsn"#.utf8)
    var checked = 0
    for seed in JSONSkippingTests.seeds {
      let original = Array(seed.utf8)
      #expect(JSONSkippingTests.skipped(original) != nil, "\(seed)")
      for _ in 0..<400 {
        var text = original
        let at = random.below(text.count)
        switch random.below(3) {
        case 0: text.remove(at: at)
        case 1: text.insert(alphabet[random.below(alphabet.count)], at: at)
        default: text[at] = alphabet[random.below(alphabet.count)]
        }
        if JSONSkippingTests.foundationDeparts(text) { continue }
        let expected = JSONSkippingTests.isJSON(text)
        #expect(
          (JSONSkippingTests.skipped(text) != nil) == expected,
          "\(String(decoding: text, as: UTF8.self)): Foundation says \(expected ? "valid" : "invalid")")
        checked += 1
      }
    }
    #expect(checked > 350 * JSONSkippingTests.seeds.count)
  }

  @Test func skipStopsRightAfterTheValue() {
    for (text, end) in [(#"{"a":[1,{"b":2}]} ,"#, 17), (#"[[],{}]]"#, 7), (#"{"x":"}"}}"#, 9)] {
      Array(text.utf8).withUnsafeBytes { buffer in
        var scanner = JSONScanner(buffer)
        #expect(throws: Never.self) { try scanner.skipValue() }
        #expect(scanner.position == end, "\(text)")
      }
    }
  }

  @Test func numbersFollowTheGrammar() {
    for valid in ["0", "-0", "7", "-12.5", "1e5", "2E-3", "-0.0e+00", "123456789012"] {
      #expect(JSONSkippingTests.skipped(Array(valid.utf8)) != nil, "\(valid)")
    }
    for invalid in ["01", "1.", ".5", "-", "+1", "1e", "1e+", "-a", "1.e3", "--1"] {
      #expect(JSONSkippingTests.skipped(Array(invalid.utf8)) == nil, "\(invalid)")
      #expect(JSONSkippingTests.skipped(Array("[\(invalid)]".utf8)) == nil, "[\(invalid)]")
    }
  }

  /// The messages and offsets are those a broken log file's diagnostic quotes.
  @Test func errorsSayWhatWasExpectedWhere() {
    let cases: [(String, Int, String)] = [
      (#"{"a":1 "b":2}"#, 7, "expected ',' or '}' in object, found '\"'"),
      (#"[1 2]"#, 3, "expected ',' or ']' in array, found '2'"),
      (#"{"a" 1}"#, 5, "expected ':', found '1'"),
      (#"{"a":1,}"#, 7, "expected a string, found '}'"),
      (#"[1,]"#, 3, "expected a JSON value, found ']'"),
      (#"{"a":[1,2}"#, 9, "expected ',' or ']' in array, found '}'"),
      (#"{"a":"b"#, 5, "unterminated string"),
      ("[\"a\u{01}\"]", 3, "control character in string"),
      (#"[tru]"#, 1, "invalid literal starting with 't'"),
      (
        String(repeating: "[", count: 100) + String(repeating: "]", count: 99), 199,
        "expected ',' or ']' in array, found end of input"
      ),
    ]
    for (text, offset, message) in cases {
      Array(text.utf8).withUnsafeBytes { buffer in
        var scanner = JSONScanner(buffer)
        #expect(throws: JSONScanner.SyntaxError(offset: offset, message: message), "\(text)") {
          try scanner.skipValue()
        }
      }
    }
  }

  /// Every place of a string relative to the 16- and 8-byte steps, near the end of the buffer too.
  @Test func stringEndsAreFoundAtEveryOffsetAndBufferLength() {
    for length in 0..<40 {
      for special in ["\"", "\\\"\"", "\u{01}"] {
        let text = Array(("\"" + String(repeating: "a", count: length) + special).utf8)
        text.withUnsafeBytes { buffer in
          var scanner = JSONScanner(buffer)
          if special == "\u{01}" {
            #expect(
              throws: JSONScanner.SyntaxError(offset: length + 1, message: "control character in string")
            ) {
              try scanner.skipString()
            }
          } else {
            let found = try? scanner.skipString()
            #expect(found?.range == 1..<(text.count - 1), "length \(length)")
            #expect(found?.hasEscapes == (special != "\""))
            #expect(scanner.isAtEnd)
          }
        }
      }
      let open = Array(("\"" + String(repeating: "b", count: length)).utf8)
      open.withUnsafeBytes { buffer in
        var scanner = JSONScanner(buffer)
        #expect(throws: JSONScanner.SyntaxError(offset: 0, message: "unterminated string")) {
          try scanner.skipString()
        }
      }
    }
  }
}
