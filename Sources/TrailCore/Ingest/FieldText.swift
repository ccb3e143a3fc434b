import Foundation

/// A string value of a record, kept where it lies in the file's bytes unless it had to be decoded.
///
/// Nearly every CloudTrail string has no escapes, so its raw bytes are its UTF-8: ingest interns and
/// hashes them in place. Building a `String` for each of a record's dozen lookup fields was a fifth of
/// ingest's time (a heap allocation for every value past 15 bytes, and its release on the writer).
enum FieldText {
  /// Bytes of the file being read, with no escapes.
  case raw(Range<Int>)
  /// A value with escapes, decoded; or one made by a rule (`root`).
  case decoded(String)

  /// Calls `body` with the value's UTF-8 bytes; `buffer` is the file the record was scanned from.
  @inline(__always)
  func withBytes<R>(in buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    switch self {
    case .raw(let range): return body(UnsafeRawBufferPointer(rebasing: buffer[range]))
    case .decoded(var text): return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
  }

  func string(in buffer: UnsafeRawBufferPointer) -> String {
    switch self {
    case .raw(let range): String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    case .decoded(let text): text
    }
  }

  func isEmpty(in buffer: UnsafeRawBufferPointer) -> Bool {
    switch self {
    case .raw(let range): range.isEmpty
    case .decoded(let text): text.isEmpty
    }
  }

  /// By length, then memcmp: the generic `elementsEqual` went byte by byte through iterators, and the
  /// record rules ask this of every record (identity type, eventCategory, eventVersion).
  func equals(_ literal: StaticString, in buffer: UnsafeRawBufferPointer) -> Bool {
    literal.withUTF8Buffer { expected in
      withBytes(in: buffer) { bytes in
        bytes.count == expected.count
          && (bytes.isEmpty || memcmp(bytes.baseAddress!, expected.baseAddress!, bytes.count) == 0)
      }
    }
  }

  /// The part of the value after its last `byte`, or nil when it has none.
  func afterLast(_ byte: UInt8, in buffer: UnsafeRawBufferPointer) -> FieldText? {
    switch self {
    case .raw(let range):
      let bytes = UnsafeRawBufferPointer(rebasing: buffer[range])
      guard let at = bytes.lastIndex(of: byte) else { return nil }
      return .raw((range.lowerBound + at + 1)..<range.upperBound)
    case .decoded(let text):
      return text.utf8.afterLast(byte).map { .decoded(String($0)!) }
    }
  }
}

extension JSONScanner {
  /// Reads a string value as a `FieldText` (decoding only when it has escapes).
  mutating func readField() throws(SyntaxError) -> FieldText {
    let (range, hasEscapes) = try skipString()
    if !hasEscapes { return .raw(range) }
    return .decoded(
      try JSONScanner.unescape(UnsafeRawBufferPointer(rebasing: bytes[range]), offset: range.lowerBound))
  }

  /// Reads a string field into `target`. Null leaves it as it was; any other kind is the field's
  /// problem (the value is skipped). `name` is the field's path, for the message.
  @inline(__always)
  mutating func readText(_ name: StaticString, into target: inout FieldText?) throws(SyntaxError)
    -> RecordProblem?
  {
    if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
      target = try readField()
      return nil
    }
    return try readNonText(name, into: &target)
  }

  @inline(never)
  private mutating func readNonText(_ name: StaticString, into target: inout FieldText?) throws(SyntaxError)
    -> RecordProblem?
  {
    let kind = try peekKind()
    if kind == .string {
      target = try readField()
      return nil
    }
    try skipValue()
    if kind == .null { return nil }
    return RecordProblem(field: "\(name)", reason: "field \(name): expected a string, found \(kind.noun)")
  }

  /// The string values of an object's members `first` and `second` (nil when absent or not strings);
  /// the other members are skipped.
  mutating func readStringMembers(_ first: StaticString, _ second: StaticString) throws(SyntaxError)
    -> (FieldText?, FieldText?)
  {
    var values: (FieldText?, FieldText?) = (nil, nil)
    var more = try beginObject()
    while more {
      let key = try memberKey()
      if rawEquals(key, first), try peekKind() == .string {
        values.0 = try readField()
      } else if rawEquals(key, second), try peekKind() == .string {
        values.1 = try readField()
      } else {
        try skipValue()
      }
      more = try nextMember()
    }
    return values
  }
}
