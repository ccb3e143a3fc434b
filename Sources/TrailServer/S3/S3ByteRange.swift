import Foundation

/// The part of an object a `Range: bytes=…` header asks for, as S3 reads it: one range only, the
/// forms `a-b`, `a-` and `-n`; an end past the object is cut to its last byte.
enum S3ByteRange {
  /// The header does not apply (absent, not `bytes=`, several ranges, or not numbers): serve it all,
  /// as HTTP says to ignore a Range header that cannot be parsed.
  case whole
  /// Serve `bytes[range]` with status 206.
  case part(ClosedRange<Int>)
  /// No byte of the object is in the range: `416 InvalidRange`.
  case unsatisfiable

  init(header: String?, size: Int) {
    guard let header, header.hasPrefix("bytes="), !header.contains(",") else {
      self = .whole
      return
    }
    let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
    let sides = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard sides.count == 2 else {
      self = .whole
      return
    }
    let (first, last) = (Int(sides[0]), Int(sides[1]))
    switch (sides[0].isEmpty, sides[1].isEmpty) {
    case (true, false):
      // `-n`: the last n bytes.
      guard let count = last, count >= 0 else { self = .whole; return }
      guard count > 0, size > 0 else { self = .unsatisfiable; return }
      self = .part(max(0, size - count)...(size - 1))
    case (false, _):
      guard let start = first, start >= 0 else { self = .whole; return }
      // An open end runs to the last byte; a start past the object is unsatisfiable either way.
      let end = sides[1].isEmpty ? max(start, size - 1) : last
      guard let end, end >= start else { self = .whole; return }
      guard start < size else { self = .unsatisfiable; return }
      self = .part(start...min(end, size - 1))
    default:
      self = .whole
    }
  }
}
