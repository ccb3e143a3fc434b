import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// GetObject, HeadObject, PutObject and DeleteObject(s): ranges, metadata headers, SSE-KMS objects
/// served decrypted, aws-chunked uploads and keys a folder cannot hold.
@Suite("S3 objects")
struct S3ObjectTests {
  @Test func putThenGetRoundTripsBytesAndMetadata() async throws {
    let fixture = try S3Fixture()
    let body = Data("{\"Records\":[]}".utf8)
    let put = await fixture.send(
      "PUT", "/logs/AWSLogs/x%3Ay/%C3%BC%20n.json",
      headers: [
        ("Content-Type", "application/json"), ("Content-Encoding", "gzip"), ("x-amz-meta-signature", "abc"),
        ("x-amz-server-side-encryption", "AES256"),
      ], body: body)
    #expect(put.status == 200)
    #expect(put.header("ETag") == S3Formats.etag([UInt8](body)))
    #expect(put.header("x-amz-request-id") != nil)
    let get = await fixture.send("GET", "/logs/AWSLogs/x%3Ay/%C3%BC%20n.json")
    #expect(get.status == 200)
    #expect(get.body == body)
    #expect(get.header("Content-Type") == "application/json")
    #expect(get.header("Content-Encoding") == "gzip")
    #expect(get.header("x-amz-meta-signature") == "abc")
    #expect(get.header("x-amz-server-side-encryption") == "AES256")
    #expect(get.header("ETag") == put.header("ETag"))
    // The key is a file of the bucket's folder, with its sidecar.
    let stored = try BucketFolder(directory: fixture.buckets).get(bucket: "logs", key: "AWSLogs/x:y/ü n.json")
    #expect(stored.metadata.user == ["signature": "abc"])
  }

  @Test func headObjectGivesTheHeadersAndLengthWithoutABody() async throws {
    let fixture = try S3Fixture()
    try fixture.store("0123456789", at: "k")
    try fixture.touch("k", at: S3Fixture.now)
    let head = await fixture.send("HEAD", "/logs/k")
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    #expect(head.header("Content-Length") == "10")
    #expect(head.header("Content-Type") == "binary/octet-stream")
    #expect(head.header("Last-Modified") == "Fri, 04 Dec 2026 10:00:00 GMT")
    #expect(head.header("ETag") == "\"781e5e245d69b566979b86e28d23f2c7\"")
  }

  struct RangeCase: Sendable, CustomTestStringConvertible {
    var header: String
    var status: Int
    var body: String
    var contentRange: String?
    var testDescription: String { header }
  }

  @Test(arguments: [
    RangeCase(header: "bytes=2-4", status: 206, body: "234", contentRange: "bytes 2-4/10"),
    RangeCase(header: "bytes=7-", status: 206, body: "789", contentRange: "bytes 7-9/10"),
    RangeCase(header: "bytes=-3", status: 206, body: "789", contentRange: "bytes 7-9/10"),
    RangeCase(header: "bytes=5-100", status: 206, body: "56789", contentRange: "bytes 5-9/10"),
    RangeCase(header: "bytes=-30", status: 206, body: "0123456789", contentRange: "bytes 0-9/10"),
    RangeCase(header: "lines=1-2", status: 200, body: "0123456789", contentRange: nil),
  ])
  func rangesServePartsOfTheObject(_ c: RangeCase) async throws {
    let fixture = try S3Fixture()
    try fixture.store("0123456789", at: "k")
    let response = await fixture.send("GET", "/logs/k", headers: [("Range", c.header)])
    #expect(response.status == c.status)
    #expect(response.text == c.body)
    #expect(response.header("Content-Range") == c.contentRange)
  }

  @Test(arguments: ["bytes=10-", "bytes=20-30", "bytes=-0"])
  func anUnsatisfiableRangeIsInvalidRange(_ header: String) async throws {
    let fixture = try S3Fixture()
    try fixture.store("0123456789", at: "k")
    let response = await fixture.send("GET", "/logs/k", headers: [("Range", header)])
    #expect(response.status == 416)
    #expect(response.values(of: "Code") == ["InvalidRange"])
  }

  @Test func kmsObjectsAreServedDecryptedWithTheirEncryptionHeaders() async throws {
    let fixture = try S3Fixture()
    let ring = KmsKeyRing(directory: fixture.folder + "/kms")
    let key = try ring.create(
      account: S3Fixture.account, region: "us-east-1", alias: "alias/trails", description: "",
      at: S3Fixture.now)
    let plaintext = Array("secret log".utf8)
    let sealed = try KmsEnvelope.seal(plaintext, with: key)
    try BucketFolder(directory: fixture.buckets).put(
      bucket: "logs", key: "enc.json.gz", bytes: sealed,
      metadata: ObjectMetadata(serverSideEncryption: "aws:kms", kmsKeyID: key.arn))
    let get = await fixture.send("GET", "/logs/enc.json.gz")
    #expect(get.status == 200)
    #expect([UInt8](get.body) == plaintext)
    #expect(get.header("ETag") == S3Formats.etag(plaintext))
    #expect(get.header("x-amz-server-side-encryption") == "aws:kms")
    #expect(get.header("x-amz-server-side-encryption-aws-kms-key-id") == key.arn)
    let list = await fixture.send("GET", "/logs?list-type=2")
    #expect(list.values(of: "Size") == ["\(plaintext.count)"])
    #expect(list.values(of: "ETag") == [S3XMLWriter.escape(S3Formats.etag(plaintext))])
  }

  @Test func anAwsChunkedUploadIsStoredDecoded() async throws {
    let fixture = try S3Fixture()
    let framed =
      "5;chunk-signature=aaaa\r\nhello\r\n6;chunk-signature=bbbb\r\n world\r\n0;chunk-signature=cccc\r\n"
      + "x-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
    let put = await fixture.send(
      "PUT", "/logs/chunked.txt",
      headers: [
        ("Content-Encoding", "gzip,aws-chunked"),
        ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
        ("x-amz-decoded-content-length", "11"), ("x-amz-trailer", "x-amz-checksum-crc32"),
      ], body: Data(framed.utf8))
    #expect(put.status == 200)
    #expect(put.header("ETag") == S3Formats.etag(Array("hello world".utf8)))
    let get = await fixture.send("GET", "/logs/chunked.txt")
    #expect(get.text == "hello world")
    #expect(get.header("Content-Encoding") == "gzip")
  }

  @Test func aSignedStreamingUploadWithoutContentEncodingIsDecodedToo() async throws {
    let fixture = try S3Fixture()
    let framed =
      "3;chunk-signature=\(String(repeating: "a", count: 64))\r\nabc\r\n0;chunk-signature=b\r\n\r\n"
    let put = await fixture.send(
      "PUT", "/logs/signed.txt", headers: [("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")],
      body: Data(framed.utf8))
    #expect(put.status == 200)
    let get = await fixture.send("GET", "/logs/signed.txt")
    #expect(get.text == "abc")
    #expect(get.header("Content-Encoding") == nil)
  }

  @Test(arguments: ["zz\r\nabc\r\n", "5\r\nabc", "3\r\nabcXX0\r\n\r\n"])
  func aBrokenChunkedBodyIsIncompleteBody(_ framed: String) async throws {
    let fixture = try S3Fixture()
    let put = await fixture.send(
      "PUT", "/logs/bad.txt", headers: [("Content-Encoding", "aws-chunked")], body: Data(framed.utf8))
    #expect(put.status == 400)
    #expect(put.values(of: "Code") == ["IncompleteBody"])
  }

  @Test(arguments: [
    "/logs/a/../../escape", "/logs/a/%2E%2E/b", "/logs/..", "/logs/a//b", "/logs/x.metadata.json",
  ])
  func keysAFolderCannotHoldAreRefused(_ path: String) async throws {
    let fixture = try S3Fixture()
    let put = await fixture.send("PUT", path, body: Data("x".utf8))
    #expect(put.status == 400)
    #expect(put.values(of: "Code") == ["InvalidArgument"])
    #expect(!FileManager.default.fileExists(atPath: fixture.buckets + "/escape"))
    let get = await fixture.send("GET", path)
    #expect(get.status == 400)
  }

  @Test func aMissingKeyIsNoSuchKeyInS3sErrorDocument() async throws {
    let fixture = try S3Fixture()
    let response = await fixture.send("GET", "/logs/no/such%20key")
    #expect(response.status == 404)
    let id = try #require(response.header("x-amz-request-id"))
    #expect(
      response.text
        == "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
        + "<Message>The specified key does not exist.</Message><Key>no/such key</Key>"
        + "<BucketName>logs</BucketName><RequestId>\(id)</RequestId></Error>")
    let head = await fixture.send("HEAD", "/logs/no/such%20key")
    #expect(head.status == 404)
    #expect(head.body.isEmpty)
  }

  @Test func anObjectOverTheLimitIsEntityTooLarge() async throws {
    let fixture = try S3Fixture(maximumObjectSize: 4)
    let put = await fixture.send("PUT", "/logs/big", body: Data("12345".utf8))
    #expect(put.status == 400)
    #expect(put.values(of: "Code") == ["EntityTooLarge"])
  }

  @Test func aWrongContentMD5IsBadDigest() async throws {
    let fixture = try S3Fixture()
    let put = await fixture.send(
      "PUT", "/logs/k", headers: [("Content-MD5", S3Formats.md5Base64(Array("other".utf8)))],
      body: Data("x".utf8))
    #expect(put.values(of: "Code") == ["BadDigest"])
  }

  @Test func deleteObjectAnswers204WhetherOrNotTheKeyExists() async throws {
    let fixture = try S3Fixture()
    try fixture.store("x", at: "a/k")
    #expect(await fixture.send("DELETE", "/logs/a/k").status == 204)
    #expect(await fixture.send("GET", "/logs/a/k").status == 404)
    #expect(await fixture.send("DELETE", "/logs/a/k").status == 204)
  }

  @Test func deleteObjectsRemovesEachKeyAndReportsIt() async throws {
    let fixture = try S3Fixture()
    try fixture.store("x", at: "one")
    try fixture.store("y", at: "two")
    let body = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>one</Key></Object>\
      <Object><Key>two</Key></Object><Object><Key>../x</Key></Object></Delete>
      """
    let response = await fixture.send("POST", "/logs?delete", body: Data(body.utf8))
    #expect(response.status == 200)
    #expect(response.text.contains("<Deleted><Key>one</Key></Deleted><Deleted><Key>two</Key></Deleted>"))
    #expect(response.text.contains("<Error><Key>../x</Key><Code>InvalidArgument</Code>"))
    #expect(try BucketFolder(directory: fixture.buckets).list(bucket: "logs") == [])
    let malformed = await fixture.send("POST", "/logs?delete", body: Data("<Delete>".utf8))
    #expect(malformed.values(of: "Code") == ["MalformedXML"])
  }

  @Test func conditionalHeadersCompareTheETag() async throws {
    let fixture = try S3Fixture()
    try fixture.store("0123456789", at: "k")
    let etag = S3Formats.etag(Array("0123456789".utf8))
    #expect(await fixture.send("GET", "/logs/k", headers: [("If-Match", etag)]).status == 200)
    let changed = await fixture.send("GET", "/logs/k", headers: [("If-Match", "\"0000\"")])
    #expect(changed.status == 412)
    #expect(changed.values(of: "Code") == ["PreconditionFailed"])
    let same = await fixture.send("GET", "/logs/k", headers: [("If-None-Match", etag)])
    #expect(same.status == 304)
    #expect(same.body.isEmpty)
  }

  @Test func responseParametersOverrideTheStoredHeaders() async throws {
    let fixture = try S3Fixture()
    try fixture.store("{}", at: "k", metadata: ObjectMetadata(contentType: "application/json"))
    let response = await fixture.send(
      "GET", "/logs/k?response-content-type=text%2Fplain&response-content-disposition=attachment")
    #expect(response.header("Content-Type") == "text/plain")
    #expect(response.header("Content-Disposition") == "attachment")
  }
}
