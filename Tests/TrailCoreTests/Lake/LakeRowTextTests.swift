import LakeSQL
import Testing

@testable import TrailCore

/// Row and array columns copied from the record's bytes (`LakeRowText`) read exactly as parsing and
/// printing them does, and values that would print differently are left to the parser.
@Suite("Lake row text")
struct LakeRowTextTests {
  static let resources = LakeSchema.type(atPath: ["resources"])!
  static let identity = LakeSchema.type(atPath: ["useridentity"])!

  /// The copy (nil when it declines) and the parsed-and-printed text of `json` as `type`.
  static func both(_ json: String, _ type: LakeType) throws -> (copied: String?, parsed: String?) {
    let bytes = Array(json.utf8)
    let copied = bytes.withUnsafeBytes { LakeRowText.text($0, 0..<$0.count, as: type) }
    let parsed = LakeRecordColumns.represent(try JSONValue(parsing: json), as: type)
    guard case .text(let text) = parsed else { return (copied, nil) }
    return (copied, text)
  }

  @Test(arguments: [
    #"[{"accountId":"123456789012","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::logs"}]"#,
    #"[ {"ARNPrefix": "arn:aws:s3:::logs/", "type": "AWS::S3::Object", "extra": [1, {"a": true}]}, {} ]"#,
    #"[]"#,
    #"[null, {"type": null, "accountId": 12}]"#,
    #"[{"Type":"Upper","type":"lower"}]"#,
  ])
  func plainResourcesAreCopiedAsTheyParse(_ json: String) throws {
    let (copied, parsed) = try Self.both(json, Self.resources)
    #expect(copied != nil)
    #expect(copied == parsed)
  }

  @Test(arguments: [
    #"{"type":"AssumedRole","principalId":"AROA:me","arn":"arn:aws:sts::1:assumed-role/r/me","sessionContext":{"sessionIssuer":{"type":"Role","userName":"r"},"attributes":{"creationDate":"2024-03-01T12:00:00Z","mfaAuthenticated":"false"}}}"#,
    #"{"type":"IAMUser","userName":"alice","accessKeyId":"AKIA","invokedBy":"s3.amazonaws.com","onBehalfOf":{"userId":"u"}}"#,
  ])
  func plainIdentitiesAreCopiedAsTheyParse(_ json: String) throws {
    let (copied, parsed) = try Self.both(json, Self.identity)
    #expect(copied != nil)
    #expect(copied == parsed)
  }

  /// Escapes, non-ASCII text, fractions, exponents, `-0` and long integers print otherwise once
  /// parsed: the copy declines them, so the parser's text is what a query reads.
  @Test(arguments: [
    #"[{"type":"a\/b"}]"#, #"[{"type":"caf\u00e9"}]"#, #"[{"type":"café"}]"#, #"[{"accountId":1.50}]"#,
    #"[{"accountId":1e3}]"#, #"[{"accountId":-0}]"#, #"[{"accountId":12345678901234567890}]"#,
    #"[{"type":{"nested":"object"}}]"#,
  ])
  func valuesThatPrintOtherwiseAreLeftToTheParser(_ json: String) throws {
    #expect(try Self.both(json, Self.resources).copied == nil)
  }
}
