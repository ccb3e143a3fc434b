import Foundation
import Testing

@testable import TrailCore

/// `traildeck ingest` walks folders itself (readdir and stat) and reads CloudTrail deliveries in time
/// order, whatever the folder layout.
@Suite("Collecting input files")
struct CollectFilesTests {
  @Test(arguments: [
    (
      "AWSLogs/1/CloudTrail/eu-central-1/2017/12/11/111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kv.json.gz",
      "20171211T1505"
    ),
    ("x_CloudTrail_us-east-1_20240102T0305Z", "20240102T0305"),
    ("20240102T0305Z_CloudTrail_x.json", "20240102T0305"),
    ("111_CloudTrail-Digest_us-east-1_trail_us-east-1_20240102T030000Z.json.gz", ""),
    ("111_CloudTrail_us-east-1_2024010XT0305Z_a.json.gz", ""),
    ("records_20240102T0305Z.json", ""),
    ("dir_CloudTrail_20240102T0305Z/plain.json", ""),
    ("", ""),
  ])
  func deliveryStampOfAName(path: String, stamp: String) {
    #expect(Ingestor.deliveryStamp(path) == stamp)
  }

  @Test func foldersAreWalkedAndDeliveriesComeInTimeOrder() throws {
    let store = try TestStore()
    let root = store.folder + "/logs"
    let late =
      root + "/AWSLogs/222/CloudTrail/us-east-1/2024/01/02/222_CloudTrail_us-east-1_20240102T0310Z_b.json"
    let early =
      root + "/AWSLogs/333/CloudTrail/us-east-1/2024/01/02/333_CloudTrail_us-east-1_20240102T0305Z_a.json"
    let other = root + "/exports/records.jsonl"
    for (path, text) in [(late, "late"), (early, "early!"), (other, "x")] {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createSymbolicLink(atPath: root + "/link.json", withDestinationPath: other)
    try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)

    let files = try Ingestor.collectFiles([root])
    #expect(files.map(\.path) == [root + "/exports/records.jsonl", root + "/link.json", early, late])
    #expect(files.map(\.size) == [1, 1, 6, 4])
    #expect(try Ingestor.collectFiles([root + "/"]).map(\.path) == files.map(\.path))
    #expect(try Ingestor.collectFiles([late]).map(\.path) == [late])
    #expect(throws: Diagnostic.self) { try Ingestor.collectFiles([root + "/nope"]) }
  }
}
