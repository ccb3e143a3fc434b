/// Builds one compact JSON document straight into bytes.
///
/// The simulator must write well over 200 000 records a second, which rules out dictionaries plus
/// `JSONSerialization`. Callers emit keys and values in order; the writer places the commas itself and
/// escapes every string value, so the output is valid JSON whatever text a value holds.
struct RecordWriter {
  /// Raw storage: appending to `[UInt8]` paid a uniqueness check per byte, which dominated profiles.
  private var buffer: ByteBuffer
  /// True right after `{` or `[`: the next element needs no comma.
  private var atFirst = true
  /// True right after a key: its value needs no comma.
  private var afterKey = false

  init(capacity: Int = 1536) { buffer = ByteBuffer(capacity: capacity) }

  /// A copy of what was written so far.
  var bytes: [UInt8] { buffer.array }

  @inline(__always)
  private mutating func separate() {
    if afterKey {
      afterKey = false
    } else if !atFirst {
      buffer.append(UInt8(ascii: ","))
    }
    atFirst = false
  }

  // MARK: Structure

  mutating func beginObject() {
    separate()
    buffer.append(UInt8(ascii: "{"))
    atFirst = true
  }

  mutating func endObject() {
    buffer.append(UInt8(ascii: "}"))
    atFirst = false
  }

  mutating func beginArray() {
    separate()
    buffer.append(UInt8(ascii: "["))
    atFirst = true
  }

  mutating func endArray() {
    buffer.append(UInt8(ascii: "]"))
    atFirst = false
  }

  /// Writes `"name":`. Keys are our own ASCII literals, so they are not escaped.
  mutating func key(_ name: StaticString) {
    separate()
    buffer.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { buffer.append($0) }
    buffer.append(UInt8(ascii: "\""))
    buffer.append(UInt8(ascii: ":"))
    afterKey = true
  }

  // MARK: Values

  mutating func string(_ value: String) {
    beginString()
    fragment(value)
    endString()
  }

  /// `key` then a string value.
  mutating func field(_ name: StaticString, _ value: String) {
    key(name)
    string(value)
  }

  mutating func field(_ name: StaticString, _ value: Int) {
    key(name)
    int(value)
  }

  mutating func field(_ name: StaticString, _ value: Bool) {
    key(name)
    bool(value)
  }

  mutating func int(_ value: Int) {
    separate()
    appendDecimal(value)
  }

  mutating func bool(_ value: Bool) {
    separate()
    append(value ? "true" : "false")
  }

  mutating func null() {
    separate()
    append("null")
  }

  /// Opens a string value that is then written in pieces with `fragment`, avoiding temporary Strings
  /// for ARNs and messages assembled from parts.
  /// One `resources[]` entry as CloudTrail writes it: `accountId` (when known), `type`, `ARN`.
  mutating func resourceEntry(accountId: String?, type: String, arn: String) {
    beginObject()
    if let accountId { field("accountId", accountId) }
    field("type", type)
    field("ARN", arn)
    endObject()
  }

  mutating func beginString() {
    separate()
    buffer.append(UInt8(ascii: "\""))
  }

  mutating func endString() { buffer.append(UInt8(ascii: "\"")) }

  /// Appends `text` inside an open string, escaped as JSON requires.
  mutating func fragment(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      var plain = true
      for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        plain = false
        break
      }
      if plain {
        buffer.append(utf8)
      } else {
        for byte in utf8 { appendEscaped(byte) }
      }
    }
  }

  /// Appends a decimal number inside an open string.
  mutating func fragment(_ number: Int) { appendDecimal(number) }

  private mutating func appendEscaped(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): append("\\\"")
    case UInt8(ascii: "\\"): append("\\\\")
    case 0x0A: append("\\n")
    case 0x0D: append("\\r")
    case 0x09: append("\\t")
    case 0..<0x20:
      append("\\u00")
      buffer.append(Self.hex[Int(byte >> 4)])
      buffer.append(Self.hex[Int(byte & 15)])
    default: buffer.append(byte)  // UTF-8 multi-byte sequences are valid JSON as they are
    }
  }

  private static let hex = Array("0123456789abcdef".utf8)

  private mutating func append(_ literal: StaticString) {
    literal.withUTF8Buffer { buffer.append($0) }
  }

  private mutating func appendDecimal(_ value: Int) {
    if value < 0 {
      buffer.append(UInt8(ascii: "-"))
      appendDecimal(UInt(value.magnitude))
    } else {
      appendDecimal(UInt(value))
    }
  }

  private mutating func appendDecimal(_ value: UInt) {
    if value >= 10 { appendDecimal(value / 10) }
    buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  // MARK: Times and identifiers

  /// Appends `YYYY-MM-DDTHH:MM:SSZ` for `epochSeconds` inside an open string.
  mutating func fragmentTime(_ epochSeconds: Int64) {
    let civil = CivilTime(epochSeconds: epochSeconds)
    appendDigits(civil.year, 4)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(civil.month, 2)
    buffer.append(UInt8(ascii: "-"))
    appendDigits(civil.day, 2)
    buffer.append(UInt8(ascii: "T"))
    appendDigits(civil.hour, 2)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(civil.minute, 2)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(civil.second, 2)
    buffer.append(UInt8(ascii: "Z"))
  }

  /// `key` then an ISO 8601 time string.
  mutating func timeField(_ name: StaticString, _ epochSeconds: Int64) {
    key(name)
    beginString()
    fragmentTime(epochSeconds)
    endString()
  }

  /// IAM's response style, e.g. `Mar 30, 2022, 11:35:44 AM`.
  mutating func fragmentIAMDate(_ epochSeconds: Int64) {
    let civil = CivilTime(epochSeconds: epochSeconds)
    Self.months[civil.month - 1].withUTF8Buffer { buffer.append($0) }
    buffer.append(UInt8(ascii: " "))
    appendDecimal(civil.day)
    append(", ")
    appendDecimal(civil.year)
    append(", ")
    appendDecimal(civil.hour % 12 == 0 ? 12 : civil.hour % 12)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(civil.minute, 2)
    buffer.append(UInt8(ascii: ":"))
    appendDigits(civil.second, 2)
    append(civil.hour < 12 ? " AM" : " PM")
  }

  private static let months: [StaticString] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  private mutating func appendDigits(_ value: Int, _ width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
      rest %= divisor
      divisor /= 10
    }
  }

  /// Writes a version-4 UUID string value from 128 random bits.
  ///
  /// `isLive` picks the variant nibble (`8`/`9` for history, `a`/`b` for live mode), which keeps the two
  /// id spaces disjoint by construction rather than by luck.
  mutating func uuid(_ random: inout SeededRandom, isLive: Bool = false) {
    let high = random.next()
    let low = random.next()
    beginString()
    appendHex(high >> 32, 8)
    buffer.append(UInt8(ascii: "-"))
    appendHex(high >> 16, 4)
    append("-4")
    appendHex(high, 3)
    buffer.append(UInt8(ascii: "-"))
    buffer.append(Self.hex[Int((low >> 62) & 1) + (isLive ? 10 : 8)])
    appendHex(low >> 48, 3)
    buffer.append(UInt8(ascii: "-"))
    appendHex(low, 12)
    endString()
  }

  /// Appends the low `count` hex digits of `value` inside an open string.
  mutating func fragmentHex(_ value: UInt64, _ count: Int) { appendHex(value, count) }

  private mutating func appendHex(_ value: UInt64, _ count: Int) {
    var shift = (count - 1) * 4
    while shift >= 0 {
      buffer.append(Self.hex[Int((value >> UInt64(shift)) & 15)])
      shift -= 4
    }
  }
}

/// Calendar fields of a UTC instant, computed arithmetically (days-from-civil inverse) because
/// `DateFormatter` is far too slow for a per-record hot path.
struct CivilTime {
  var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
  /// 0 = Monday … 6 = Sunday.
  var weekday: Int

  init(epochSeconds: Int64) {
    let seconds = Int(epochSeconds)
    var days = seconds / 86_400
    var secondOfDay = seconds % 86_400
    if secondOfDay < 0 {
      secondOfDay += 86_400
      days -= 1
    }
    hour = secondOfDay / 3600
    minute = secondOfDay / 60 % 60
    second = secondOfDay % 60
    weekday = ((days % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }
}

extension RecordWriter {
  /// Empties the buffer but keeps its capacity, for scratch writers reused across records.
  mutating func reset() {
    buffer.count = 0
    atFirst = true
    afterKey = false
  }

  /// Appends the members another writer produced (`"a":1,"b":2`) into the object being written here.
  mutating func appendMembers(of other: RecordWriter) {
    guard other.buffer.count > 0 else { return }
    separate()
    buffer.append(UnsafeBufferPointer(start: other.buffer.base, count: other.buffer.count))
  }
}

/// A growable byte buffer with unchecked appends, owned by one `RecordWriter` at a time.
///
/// Exclusivity is unchecked because the runtime checks on every append cost more than the writing; a
/// buffer never escapes its writer, so no overlapping access can happen.
final class ByteBuffer {
  @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) var count = 0
  @exclusivity(unchecked) private var capacity: Int

  init(capacity: Int) {
    self.capacity = Swift.max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  @inline(__always)
  func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  private func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
