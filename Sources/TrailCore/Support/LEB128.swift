/// Unsigned LEB128 varints: seven bits a byte, low bits first, the high bit set on every byte but the
/// last. The store's packed blobs use them (postings, raw block headers, rollup packs).
enum LEB128 {
  /// The longest a 64-bit value's varint can be.
  static let maxBytes = 10

  @inline(__always) static func append(_ value: UInt64, to output: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
      output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    output.append(UInt8(rest))
  }

  /// The varint at `position`, which moves past it; nil when the bytes end inside it or it runs past
  /// 64 bits (a damaged blob).
  @inline(__always) static func read(_ bytes: UnsafeRawBufferPointer, at position: inout Int) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count, shift < 64 {
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }
}
