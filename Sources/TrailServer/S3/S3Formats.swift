import Crypto
import Foundation
import TrailCore

/// The textual forms S3 puts dates, digests and encoded keys in.
enum S3Formats {
  /// `2026-12-04T10:00:00.000Z`: ListObjects' `LastModified` (S3 always writes the milliseconds).
  static func isoTime(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    let fraction = milliseconds - seconds * 1000
    let whole = ISO8601Time.format(seconds)  // `…T10:00:00Z`
    return String(whole.dropLast()) + "." + String(format: "%03d", fraction) + "Z"
  }

  /// `Fri, 04 Dec 2026 10:00:00 GMT`: the `Last-Modified` header (RFC 7231's IMF-fixdate).
  static func httpDate(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
    let iso = ISO8601Time.format(seconds)  // YYYY-MM-DDTHH:MM:SSZ
    let parts = iso.split(whereSeparator: { "-T".contains($0) })
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let month = months[(Int(parts[1]) ?? 1) - 1]
    let time = String(
      format: "%02d:%02d:%02d", Int(secondOfDay / 3600), Int(secondOfDay % 3600 / 60), Int(secondOfDay % 60))
    return "\(weekday), \(parts[2]) \(month) \(parts[0]) \(time) GMT"
  }

  /// The hex MD5 of `bytes`, S3's ETag of an object put in one part (quoted on the wire).
  static func md5Hex(_ bytes: [UInt8]) -> String {
    Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// The base64 MD5 of `bytes`, as a `Content-MD5` header states it.
  static func md5Base64(_ bytes: [UInt8]) -> String {
    Data(Insecure.MD5.hash(data: bytes)).base64EncodedString()
  }

  /// `"…"`: the ETag as S3 writes it, quotes included.
  static func etag(_ bytes: [UInt8]) -> String { "\"" + md5Hex(bytes) + "\"" }

  /// `value` as `encoding-type=url` asks: every byte but unreserved characters and `/` percent-encoded,
  /// a space as `+` (botocore decodes these fields with `unquote_plus`, as S3 encodes them).
  static func urlEncoded(_ value: String) -> String {
    var encoded = ""
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
        UInt8(ascii: "~"), UInt8(ascii: "/"):
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      case UInt8(ascii: " "): encoded += "+"
      default: encoded += String(format: "%%%02X", byte)
      }
    }
    return encoded
  }

  /// A fresh request id, 16 upper-case hex digits like S3's.
  static func requestID() -> String {
    (0..<8).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined()
  }
}
