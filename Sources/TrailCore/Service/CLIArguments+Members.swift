import Foundation

/// Walks a request type's `init(from:)` to learn its top-level members (flag, required, kind),
/// answering every member as absent and stopping nothing.
final class MemberRecorder: Decoder {
  var members: [CLIArguments.Member] = []
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(RecordingContainer<Key>(recorder: self))
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw CLIArguments.UsageError("") }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { throw CLIArguments.UsageError("") }

  func record(_ key: String, required: Bool, _ type: Any.Type) {
    let kind: CLIArguments.Member.Kind =
      switch type {
      case is Bool.Type: .boolean
      case is String.Type: .string
      case is Int.Type, is Double.Type: .number
      case is Date.Type: .timestamp
      case is [String].Type: .strings
      default: .structure
      }
    members.append(CLIArguments.Member(flag: CLIArguments.flagName(key), isRequired: required, kind: kind))
  }
}

struct RecordingContainer<Key: CodingKey>: GenericKeyedDecoding {
  let recorder: MemberRecorder
  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { [] }
  func contains(_ key: Key) -> Bool { false }
  func decodeNil(forKey key: Key) throws -> Bool { true }

  func decodeValueIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    recorder.record(key.stringValue, required: false, type)
    return nil
  }

  /// A required member: recorded, then a stand-in value so the walk goes on to the next member.
  func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
    recorder.record(key.stringValue, required: true, type)
    switch type {
    case is Bool.Type: return false as! T
    case is String.Type: return "" as! T
    case is Int.Type: return 0 as! T
    case is Double.Type: return 0.0 as! T
    case is Date.Type: return Date(timeIntervalSince1970: 0) as! T
    default:
      for stand in [JSONValue.array([]), .object([]), .string("")] {
        if let value = try? ShapeDecoder().decode(T.self, from: stand) { return value }
      }
      throw CLIArguments.UsageError("no stand-in for \(key.stringValue)")
    }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    throw CLIArguments.UsageError("")
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw CLIArguments.UsageError("")
  }
  func superDecoder() throws -> any Decoder { recorder }
  func superDecoder(forKey key: Key) throws -> any Decoder { recorder }
}
