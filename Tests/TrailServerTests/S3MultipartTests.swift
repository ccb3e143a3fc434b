import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// Multipart uploads, as `aws s3 cp` sends files of 8 MiB and more.
@Suite("S3 multipart uploads")
struct S3MultipartTests {
  /// Starts an upload of `key` and returns its id.
  static func start(_ fixture: S3Fixture, _ key: String) async throws -> String {
    let created = await fixture.send(
      "POST", "/logs/\(key)?uploads", headers: [("Content-Type", "text/plain"), ("x-amz-meta-origin", "cli")])
    #expect(created.status == 200)
    return try #require(created.values(of: "UploadId").first)
  }

  static func completion(_ parts: [Int]) -> Data {
    let items = parts.map { "<Part><PartNumber>\($0)</PartNumber><ETag>\"x\"</ETag></Part>" }.joined()
    return Data("<CompleteMultipartUpload>\(items)</CompleteMultipartUpload>".utf8)
  }

  @Test func partsAreJoinedIntoOneObjectWithTheUploadsMetadata() async throws {
    let fixture = try S3Fixture()
    let id = try await Self.start(fixture, "big/file.txt")
    for (number, text) in [(2, " world"), (1, "hello")] {
      let part = await fixture.send(
        "PUT", "/logs/big/file.txt?partNumber=\(number)&uploadId=\(id)", body: Data(text.utf8))
      #expect(part.status == 200)
      #expect(part.header("ETag") == S3Formats.etag(Array(text.utf8)))
    }
    // Pending parts are not objects.
    #expect(await fixture.send("GET", "/logs?list-type=2").values(of: "Key") == [])
    let done = await fixture.send("POST", "/logs/big/file.txt?uploadId=\(id)", body: Self.completion([1, 2]))
    #expect(done.status == 200)
    #expect(done.values(of: "ETag") == [S3XMLWriter.escape(S3Formats.etag(Array("hello world".utf8)))])
    let get = await fixture.send("GET", "/logs/big/file.txt")
    #expect(get.text == "hello world")
    #expect(get.header("Content-Type") == "text/plain")
    #expect(get.header("x-amz-meta-origin") == "cli")
    #expect(!FileManager.default.fileExists(atPath: fixture.folder + "/s3-uploads/" + id))
  }

  @Test func completionRefusesMissingPartsAndDisorder() async throws {
    let fixture = try S3Fixture()
    let id = try await Self.start(fixture, "k")
    _ = await fixture.send("PUT", "/logs/k?partNumber=1&uploadId=\(id)", body: Data("a".utf8))
    let missing = await fixture.send("POST", "/logs/k?uploadId=\(id)", body: Self.completion([1, 2]))
    #expect(missing.values(of: "Code") == ["InvalidPart"])
    let disorder = await fixture.send("POST", "/logs/k?uploadId=\(id)", body: Self.completion([2, 1]))
    #expect(disorder.values(of: "Code") == ["InvalidPartOrder"])
  }

  @Test func anAbortedOrUnknownUploadIsNoSuchUpload() async throws {
    let fixture = try S3Fixture()
    let id = try await Self.start(fixture, "k")
    #expect(await fixture.send("DELETE", "/logs/k?uploadId=\(id)").status == 204)
    let late = await fixture.send("PUT", "/logs/k?partNumber=1&uploadId=\(id)", body: Data("a".utf8))
    #expect(late.status == 404)
    #expect(late.values(of: "Code") == ["NoSuchUpload"])
    let forged = await fixture.send("PUT", "/logs/k?partNumber=1&uploadId=..%2F..%2Fx", body: Data("a".utf8))
    #expect(forged.values(of: "Code") == ["NoSuchUpload"])
    let otherKey = try await Self.start(fixture, "k")
    let wrong = await fixture.send(
      "PUT", "/logs/other?partNumber=1&uploadId=\(otherKey)", body: Data("a".utf8))
    #expect(wrong.values(of: "Code") == ["NoSuchUpload"])
  }
}
