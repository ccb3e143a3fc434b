#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// The scanner's hot loops: finding a string's end, and skipping whole objects and arrays.
///
/// A record's values that ingest does not read (`requestParameters`, `responseElements`, most of
/// `userIdentity`) are most of its bytes. Skipping them value by value through `forEachMember` and a
/// closure per member cost about 140 instructions a token; these loops keep the cursor in a register
/// and the open containers in a bit stack, and still check the grammar byte for byte.
extension JSONScanner {
  /// The end of a string whose content starts at `start` (just past its opening quote): the offset of
  /// the closing quote, and whether a backslash escape came before it. Escapes are not decoded here.
  @inline(__always)
  func stringEnd(from start: Int) throws(SyntaxError) -> (end: Int, hasEscapes: Bool) {
    let base = bytes.baseAddress!
    let count = bytes.count
    var cursor = start
    var hasEscapes = false
    while true {
      cursor = JSONScanner.firstSpecialByte(base, count: count, from: cursor)
      guard cursor < count else { throw JSONScanner.unterminatedString(from: start) }
      let byte = base.load(fromByteOffset: cursor, as: UInt8.self)
      if byte == UInt8(ascii: "\"") { return (cursor, hasEscapes) }
      guard byte == UInt8(ascii: "\\") else { throw JSONScanner.controlCharacter(at: cursor) }
      hasEscapes = true
      cursor &+= 2
    }
  }

  // Errors are made out of line, to keep the inlined scans small.
  @inline(never)
  static func unterminatedString(from start: Int) -> SyntaxError {
    SyntaxError(offset: start &- 1, message: "unterminated string")
  }

  @inline(never)
  static func controlCharacter(at offset: Int) -> SyntaxError {
    SyntaxError(offset: offset, message: "control character in string")
  }

  /// The offset of the first quote, backslash or control character at or after `start`; `count` (or
  /// more) when there is none.
  ///
  /// Sixteen bytes a step with SSE2 where there is SSE2 (x86-64 always has it), eight with a word
  /// trick elsewhere, then byte by byte. Strings are most of a record's bytes; 16-byte steps took a
  /// third of the instructions of 8-byte ones.
  @inline(__always)
  static func firstSpecialByte(_ base: UnsafeRawPointer, count: Int, from start: Int) -> Int {
    var cursor = start
    #if arch(x86_64)
      let quotes = _mm_set1_epi8(0x22)
      let backslashes = _mm_set1_epi8(0x5C)
      let lastControl = _mm_set1_epi8(0x1F)
      while cursor &+ 16 <= count {
        let chunk = _mm_loadu_si128((base + cursor).assumingMemoryBound(to: __m128i.self))
        // A byte below 0x20 is the one that the unsigned minimum with 0x1F leaves unchanged.
        let special = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(chunk, quotes), _mm_cmpeq_epi8(chunk, backslashes)),
          _mm_cmpeq_epi8(_mm_min_epu8(chunk, lastControl), chunk))
        let mask = _mm_movemask_epi8(special)
        if mask != 0 { return cursor &+ Int(mask.trailingZeroBitCount) }
        cursor &+= 16
      }
    #endif
    while cursor &+ 8 <= count {
      let special = specialBytes(base.loadUnaligned(fromByteOffset: cursor, as: UInt64.self))
      // The lowest flagged byte is exact (borrows only flag bytes above a real match).
      if special != 0 { return cursor &+ (special.trailingZeroBitCount &>> 3) }
      cursor &+= 8
    }
    while cursor < count {
      let byte = base.load(fromByteOffset: cursor, as: UInt8.self)
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return cursor }
      cursor &+= 1
    }
    return cursor
  }

  /// The high bit of each byte of `word` (little-endian) that may be a quote, a backslash or below
  /// 0x20; 0 when none is. The lowest set bit always marks the first such byte.
  @inline(__always)
  static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let hasQuote = (quote &- ones) & ~quote & highs
    let hasBackslash = (backslash &- ones) & ~backslash & highs
    let hasControl = (word &- ones &* 0x20) & ~word & highs
    return hasQuote | hasBackslash | hasControl
  }

  /// Skips the object or array at the current position (no whitespace before it), nested values
  /// included.
  ///
  /// One loop for every level: bit `i` of `objects` says whether the container `i` levels up is an
  /// object. Past 64 levels a nested call takes the deeper part, so depth has no limit but the stack's.
  /// Errors say what `forEachMember` and `forEachElement` say for the same input.
  mutating func skipContainer() throws(SyntaxError) {
    let base = bytes.baseAddress!
    let count = bytes.count
    var cursor = position
    var objects: UInt64 = 0
    var depth = 0
    var atValue = true
    while true {
      if atValue {
        // The cursor is at a value's first byte.
        let byte: UInt8 = cursor < count ? base.load(fromByteOffset: cursor, as: UInt8.self) : 0
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
          if depth == 64 {
            position = cursor
            try skipContainer()
            cursor = position
            atValue = false
            continue
          }
          let isObject = byte == UInt8(ascii: "{")
          objects = objects &<< 1 | (isObject ? 1 : 0)
          depth &+= 1
          cursor = spaceEnd(from: cursor &+ 1)
          let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
          if cursor < count && base.load(fromByteOffset: cursor, as: UInt8.self) == closer {
            cursor &+= 1
            objects &>>= 1
            depth &-= 1
            if depth == 0 { break }
            atValue = false
            continue
          }
          if isObject { cursor = try member(at: cursor).value }
          continue
        }
        if byte == UInt8(ascii: "\"") {
          cursor = try stringEnd(from: cursor &+ 1).end &+ 1
        } else {
          position = cursor
          switch try peekKind() {
          case .number: try skipNumber()
          case .bool: _ = try readBool()
          default: try readLiteral("null")
          }
          cursor = position
        }
        atValue = false
      }
      // After a value: a comma and the next member or element, or the innermost container's end.
      cursor = spaceEnd(from: cursor)
      let inObject = objects & 1 == 1
      let byte: UInt8 = cursor < count ? base.load(fromByteOffset: cursor, as: UInt8.self) : 0
      if byte == UInt8(ascii: ",") {
        cursor = spaceEnd(from: cursor &+ 1)
        if inObject { cursor = try member(at: cursor).value }
        atValue = true
        continue
      }
      if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
        cursor &+= 1
        objects &>>= 1
        depth &-= 1
        if depth == 0 { break }
        continue
      }
      position = cursor
      throw
        inObject
        ? error("expected ',' or '}' in object, found \(describeByte())")
        : error("expected ',' or ']' in array, found \(describeByte())")
    }
    position = cursor
  }

  /// The member whose key starts at `cursor` (no whitespace before it): the key's content, and where
  /// its value starts, past the colon and any whitespace. `memberKey` and the skipper both read
  /// members through here.
  @inline(__always)
  mutating func member(at cursor: Int) throws(SyntaxError) -> (key: Range<Int>, value: Int) {
    let base = bytes.baseAddress
    guard cursor < bytes.count, base!.load(fromByteOffset: cursor, as: UInt8.self) == UInt8(ascii: "\"")
    else {
      position = cursor
      throw error("expected a string, found \(describeByte())")
    }
    let keyEnd = try stringEnd(from: cursor &+ 1).end
    var next = keyEnd &+ 1
    if next < bytes.count && base!.load(fromByteOffset: next, as: UInt8.self) == UInt8(ascii: ":") {
      next &+= 1
    } else {
      position = next
      try expect(UInt8(ascii: ":"), "':'")
      next = position
    }
    return ((cursor &+ 1)..<keyEnd, spaceEnd(from: next))
  }

  /// The first offset at or after `start` that is not JSON whitespace.
  @inline(__always)
  private func spaceEnd(from start: Int) -> Int {
    var cursor = start
    while cursor < bytes.count {
      switch bytes[cursor] {
      case 0x20, 0x0A, 0x0D, 0x09: cursor &+= 1
      default: return cursor
      }
    }
    return cursor
  }
}
