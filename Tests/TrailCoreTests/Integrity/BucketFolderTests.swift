import Foundation
import Testing

@testable import TrailCore

@Suite("BucketFolder")
struct BucketFolderTests {
  @Test func putThenGetReturnsBytesAndMetadataAndCreatesFolders() throws {
    let scratch = try IntegrityScratch()
    let metadata = ObjectMetadata(
      contentType: "application/json", contentEncoding: "gzip", serverSideEncryption: "AES256",
      user: ["signature": "abcd", "signature-algorithm": "SHA256withRSA"])
    try scratch.folder.put(
      bucket: IntegrityScratch.bucket, key: "a/b/c.json.gz", bytes: [1, 2, 3], metadata: metadata)
    let object = try scratch.folder.get(bucket: IntegrityScratch.bucket, key: "a/b/c.json.gz")
    #expect(object.bytes == [1, 2, 3])
    #expect(object.metadata == metadata)
    let sidecar = try String(
      contentsOfFile: scratch.folder.directory + "/trail-bucket/a/b/c.json.gz.metadata.json", encoding: .utf8)
    #expect(
      sidecar
        == #"{"Content-Type":"application/json","Content-Encoding":"gzip","x-amz-server-side-encryption":"AES256","#
        + #""signature":"abcd","signature-algorithm":"SHA256withRSA"}"#)
  }

  @Test func listIsLexicographicAndSkipsSidecarsAndTemporaryFiles() throws {
    let scratch = try IntegrityScratch()
    for key in ["b/2", "a/10", "a/9", "a/1", "ab", "c"] {
      try scratch.folder.put(bucket: IntegrityScratch.bucket, key: key, bytes: [0])
    }
    let root = scratch.folder.directory + "/trail-bucket/a/"
    _ = FileManager.default.createFile(atPath: root + BucketFolder.temporaryPrefix + "x", contents: Data([1]))
    #expect(
      try scratch.folder.list(bucket: IntegrityScratch.bucket) == ["a/1", "a/10", "a/9", "ab", "b/2", "c"])
    #expect(
      try scratch.folder.list(bucket: IntegrityScratch.bucket, prefix: "a") == ["a/1", "a/10", "a/9", "ab"])
    #expect(try scratch.folder.list(bucket: IntegrityScratch.bucket, prefix: "a/1") == ["a/1", "a/10"])
    #expect(try scratch.folder.list(bucket: IntegrityScratch.bucket, prefix: "b/") == ["b/2"])
  }

  @Test func overwritingReplacesTheWholeObject() throws {
    let scratch = try IntegrityScratch()
    try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "k", bytes: Array(repeating: 7, count: 100))
    try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "k", bytes: [1])
    #expect(try scratch.folder.get(bucket: IntegrityScratch.bucket, key: "k").bytes == [1])
    let names = try FileManager.default.contentsOfDirectory(
      atPath: scratch.folder.directory + "/trail-bucket")
    #expect(names.sorted() == ["k", "k.metadata.json"])
  }

  struct Failure: Sendable, CustomStringConvertible {
    var bucket: String
    var key: String
    var code: String
    var description: String { "\(bucket)/\(key) → \(code)" }
  }

  @Test(
    arguments: [
      Failure(bucket: "missing-bucket", key: "k", code: "NoSuchBucket"),
      Failure(bucket: "trail-bucket", key: "../escape", code: "InvalidObjectName"),
      Failure(bucket: "trail-bucket", key: "a//b", code: "InvalidObjectName"),
      Failure(bucket: "trail-bucket", key: "x.metadata.json", code: "InvalidObjectName"),
      Failure(bucket: "trail-bucket", key: "file/below", code: "InternalError"),
    ])
  func putFailuresNameTheBucket(_ failure: Failure) throws {
    let scratch = try IntegrityScratch()
    try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "file", bytes: [0])
    let error = #expect(throws: BucketError.self) {
      try scratch.folder.put(bucket: failure.bucket, key: failure.key, bytes: [1])
    }
    #expect(error?.code == failure.code)
    #expect(error?.bucket == failure.bucket)
    #expect(error?.description.contains(failure.bucket) == true)
  }

  @Test func unwritableBucketIsAccessDenied() throws {
    // Root writes through any permission bits, so this only means something for other users.
    guard getuid() != 0 else { return }
    let scratch = try IntegrityScratch()
    let path = scratch.folder.directory + "/trail-bucket"
    try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path) }
    let error = #expect(throws: BucketError.self) {
      try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "k", bytes: [1])
    }
    #expect(error?.code == "AccessDenied")
  }

  @Test func getOfMissingKeyIsNoSuchKey() throws {
    let scratch = try IntegrityScratch()
    let error = #expect(throws: BucketError.self) {
      try scratch.folder.get(bucket: IntegrityScratch.bucket, key: "nothing")
    }
    #expect(error?.code == "NoSuchKey")
  }
}
