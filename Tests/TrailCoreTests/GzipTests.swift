import Foundation
import Testing

@testable import TrailCore

/// gzip input is inflated by libdeflate into an output sized from the last member's ISIZE, grown when
/// that guess is short; zlib names what is wrong when libdeflate fails, and the error names the file.
@Suite("gzip")
struct GzipTests {
  static let large = Array(String(repeating: "{\"eventName\":\"DescribeInstances\"},", count: 5000).utf8)
  static let small = Array("tail".utf8)

  @Test func concatenatedMembersWhoseLastIsSmallGrowTheOutput() throws {
    // The last member's ISIZE (4 bytes) and four times the input are both far below the 170 kB output.
    let joined = Gzip.deflate(Self.large, level: 9) + Gzip.deflate(Self.small)
    #expect(joined.count * 4 < Self.large.count)
    // libdeflate itself, not the zlib fallback, must get there.
    #expect(joined.withUnsafeBytes { Gzip.inflateWithLibdeflate($0) } == Self.large + Self.small)
    #expect(try Gzip.inflate(joined, path: "joined.gz") == Self.large + Self.small)
  }

  @Test func zeroPaddingAfterTheLastMemberIsAccepted() throws {
    let padded = Gzip.deflate(Self.small) + [0, 0, 0, 0]
    #expect(padded.withUnsafeBytes { Gzip.inflateWithLibdeflate($0) } == Self.small)
    #expect(try Gzip.inflate(padded, path: "padded.gz") == Self.small)
  }

  @Test func aCutShortStreamIsNamedByZlibAndTheErrorNamesTheFile() {
    let cut = Array(Gzip.deflate(Self.large).dropLast(40))
    do {
      _ = try Gzip.inflate(cut, path: "logs/cut.json.gz")
      Issue.record("a cut-short stream inflated")
    } catch {
      #expect(error.code == "InvalidGzip")
      #expect(error.location?.path == "logs/cut.json.gz")
      #expect(error.reason.hasPrefix("truncated gzip data"))
      #expect(error.oneLine.hasPrefix("logs/cut.json.gz: truncated gzip data"))
      #expect(error.description.contains("--> logs/cut.json.gz"))
    }
  }

  @Test func aDamagedChecksumIsNamedByZlibAndTheErrorNamesTheFile() {
    var damaged = Gzip.deflate(Self.small)
    // The trailer is CRC-32 then ISIZE, four bytes each.
    damaged[damaged.count - 8] ^= 0xFF
    do {
      _ = try Gzip.inflate(damaged, path: "bad-crc.json.gz")
      Issue.record("a stream with a damaged CRC inflated")
    } catch {
      #expect(error.oneLine == "bad-crc.json.gz: corrupt gzip data: incorrect data check")
    }
  }
}
