import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// ListObjects and ListObjectsV2: order, prefixes, delimiters, paging and `encoding-type=url`.
@Suite("S3 listing")
struct S3ListingTests {
  static let keys = [
    // `-` sorts before `/`: the digests come first, as S3 lists them.
    "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/04/d1.json.gz",
    "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/04/d2.json.gz",
    "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/04/a.json.gz",
    "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/04/b.json.gz",
    "notes/with space & amp.txt",
    "notes/x:y.txt",
    "notes/ünïcode.txt",
    "top.txt",
  ]

  static func fixture() throws -> S3Fixture {
    let fixture = try S3Fixture()
    for key in keys { try fixture.store("object \(key)", at: key) }
    return fixture
  }

  @Test func v1ListsEveryKeyInUTF8OrderWithoutSidecars() async throws {
    let fixture = try Self.fixture()
    let response = await fixture.send("GET", "/logs")
    #expect(response.status == 200)
    #expect(response.header("Content-Type") == "application/xml")
    #expect(response.values(of: "Key") == Self.keys.map { S3XMLWriter.escape($0) })
    #expect(response.values(of: "IsTruncated") == ["false"])
    #expect(response.values(of: "MaxKeys") == ["1000"])
    #expect(!response.text.contains("metadata.json"))
  }

  @Test func contentsCarryTimeETagSizeAndStorageClass() async throws {
    let fixture = try S3Fixture()
    try fixture.store("hello", at: "k.txt")
    try fixture.touch("k.txt", at: S3Fixture.now)
    let response = await fixture.send("GET", "/logs?list-type=2")
    #expect(
      response.text.contains(
        "<Contents><Key>k.txt</Key><LastModified>2026-12-04T10:00:00.000Z</LastModified>"
          + "<ETag>&quot;5d41402abc4b2a76b9719d911017c592&quot;</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass>"
          + "</Contents>"))
    #expect(response.values(of: "KeyCount") == ["1"])
  }

  @Test func aDelimiterRollsKeysUpIntoCommonPrefixes() async throws {
    let fixture = try Self.fixture()
    let top = await fixture.send("GET", "/logs?delimiter=%2F")
    #expect(top.values(of: "Key") == ["top.txt"])
    #expect(top.values(of: "Prefix") == ["", "AWSLogs/", "notes/"])
    let deeper = await fixture.send("GET", "/logs?delimiter=%2F&prefix=AWSLogs%2F123456789012%2F")
    #expect(
      deeper.values(of: "Prefix") == [
        "AWSLogs/123456789012/", "AWSLogs/123456789012/CloudTrail-Digest/",
        "AWSLogs/123456789012/CloudTrail/",
      ])
    #expect(deeper.values(of: "Key") == [])
  }

  @Test func v1PagesWithMarkerAndNextMarker() async throws {
    let fixture = try Self.fixture()
    let first = await fixture.send("GET", "/logs?max-keys=2&delimiter=%2F")
    // Entries: AWSLogs/, notes/ (prefixes), top.txt (key): two fit.
    #expect(first.values(of: "IsTruncated") == ["true"])
    #expect(first.values(of: "NextMarker") == ["notes/"])
    let second = await fixture.send("GET", "/logs?max-keys=2&delimiter=%2F&marker=notes%2F")
    #expect(second.values(of: "Key") == ["top.txt"])
    #expect(second.values(of: "IsTruncated") == ["false"])
    #expect(second.values(of: "NextMarker") == [])
    #expect(second.values(of: "Marker") == ["notes/"])
  }

  @Test func v1WithoutDelimiterHasNoNextMarkerAndContinuesAfterTheLastKey() async throws {
    let fixture = try Self.fixture()
    var seen: [String] = []
    var marker = ""
    for _ in 0..<10 {
      let page = await fixture.send(
        "GET", "/logs?prefix=AWSLogs%2F&max-keys=3&marker=" + S3Formats.urlEncoded(marker))
      #expect(page.values(of: "NextMarker") == [])
      seen += page.values(of: "Key")
      guard page.values(of: "IsTruncated") == ["true"] else { break }
      marker = seen.last!
    }
    #expect(seen == Array(Self.keys.prefix(4)))
  }

  @Test func v2PagesWithOpaqueContinuationTokens() async throws {
    let fixture = try Self.fixture()
    var seen: [String] = []
    var token: String?
    var pages = 0
    repeat {
      let query =
        "list-type=2&max-keys=3" + (token.map { "&continuation-token=" + S3Formats.urlEncoded($0) } ?? "")
      let page = await fixture.send("GET", "/logs?" + query)
      #expect(page.status == 200)
      #expect(page.values(of: "ContinuationToken") == (token.map { [$0] } ?? []))
      seen += page.values(of: "Key").map { $0.replacingOccurrences(of: "&amp;", with: "&") }
      token = page.values(of: "NextContinuationToken").first
      pages += 1
    } while token != nil && pages < 10
    #expect(pages == 3)
    #expect(seen == Self.keys)
  }

  @Test func v2StartsAfterAKeyAndCountsKeysAndPrefixes() async throws {
    let fixture = try Self.fixture()
    let response = await fixture.send("GET", "/logs?list-type=2&delimiter=%2F&start-after=AWSLogs%2Fz")
    #expect(response.values(of: "StartAfter") == ["AWSLogs/z"])
    #expect(response.values(of: "Key") == ["top.txt"])
    #expect(response.values(of: "KeyCount") == ["2"])
  }

  @Test func encodingTypeURLEncodesKeysPrefixesAndDelimiter() async throws {
    let fixture = try Self.fixture()
    let response = await fixture.send("GET", "/logs?list-type=2&prefix=notes%2F&encoding-type=url")
    #expect(
      response.values(of: "Key") == [
        "notes/with+space+%26+amp.txt", "notes/x%3Ay.txt", "notes/%C3%BCn%C3%AFcode.txt",
      ])
    #expect(response.values(of: "EncodingType") == ["url"])
    let rolled = await fixture.send("GET", "/logs?delimiter=%2F&encoding-type=url&prefix=notes")
    #expect(rolled.values(of: "Delimiter") == ["/"])
    #expect(rolled.text.contains("<CommonPrefixes><Prefix>notes/</Prefix></CommonPrefixes>"))
  }

  @Test func aMissingBucketIsNoSuchBucket() async throws {
    let fixture = try S3Fixture()
    let response = await fixture.send("GET", "/nowhere?list-type=2")
    #expect(response.status == 404)
    #expect(response.values(of: "Code") == ["NoSuchBucket"])
    #expect(response.values(of: "BucketName") == ["nowhere"])
  }

  @Test(arguments: [
    "max-keys=-1", "max-keys=ten", "list-type=2&continuation-token=%25%25", "encoding-type=xml",
  ])
  func badListParametersAreInvalidArgument(_ query: String) async throws {
    let fixture = try Self.fixture()
    let response = await fixture.send("GET", "/logs?" + query)
    #expect(response.status == 400)
    #expect(response.values(of: "Code") == ["InvalidArgument"])
  }

  @Test func aPageEndingOnACommonPrefixDoesNotRepeatIt() {
    let keys = ["a/1", "a/2", "b", "c/1"]
    let first = S3ListingPage(sortedKeys: keys, prefix: "", delimiter: "/", after: nil, maxKeys: 1)
    #expect(first.commonPrefixes == ["a/"])
    #expect(first.isTruncated)
    let second = S3ListingPage(sortedKeys: keys, prefix: "", delimiter: "/", after: "a/", maxKeys: 5)
    #expect(second.keys == ["b"])
    #expect(second.commonPrefixes == ["c/"])
    #expect(!second.isTruncated)
  }
}
