import Foundation
import Testing

@testable import TrailCore

/// The key ring, the SSE-KMS envelope, and the readers that decrypt it (`BucketFolder.get`, ingest).
@Suite("KMS key ring")
struct KmsKeyRingTests {
  static let account = "111122223333"
  static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  /// A temporary folder with `buckets/logs/` and the key ring beside it, as `StoreContext` places it.
  final class Scratch {
    let store: TestStore
    let context: StoreContext
    var ring: KmsKeyRing { KmsKeyRing(context) }
    var folder: BucketFolder { BucketFolder(context) }

    init() throws {
      store = try TestStore()
      try FileManager.default.createDirectory(
        atPath: store.folder + "/buckets/logs", withIntermediateDirectories: true)
      context = StoreContext(
        databasePath: store.dbPath, clock: FixedClock(KmsKeyRingTests.now),
        bucketsDirectory: store.folder + "/buckets", account: KmsKeyRingTests.account, region: "eu-west-1")
    }
  }

  @Test func theRingLivesBesideTheBuckets() throws {
    let scratch = try Scratch()
    #expect(scratch.context.kmsDirectory == scratch.store.folder + "/kms")
    #expect(scratch.context.snsDirectory == scratch.store.folder + "/sns")
    #expect(scratch.context.logsDirectory == scratch.store.folder + "/logs")
    #expect(scratch.folder.keyRing.directory == scratch.store.folder + "/kms")
  }

  @Test func createMakesAKeyFileWithKMSMetadata() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(
      account: Self.account, region: "eu-west-1", alias: "alias/trails", description: "CloudTrail logs",
      at: Self.now)
    #expect(KmsKeyRing.isKeyID(key.keyId))
    #expect(key.arn == "arn:aws:kms:eu-west-1:111122223333:key/\(key.keyId)")
    #expect(key.materialBytes.count == 32)
    #expect(FileManager.default.fileExists(atPath: scratch.store.folder + "/kms/\(key.keyId).json"))
    #expect(scratch.ring.key(id: key.keyId) == key)
    // The file holds key material: owner-only.
    let attributes = try FileManager.default.attributesOfItem(atPath: scratch.ring.path(of: key.keyId))
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let printed = try ShapeEncoder(.awsCLI).encode(KmsCreateKeyResponse(keyMetadata: key.metadata))
    guard case .object(let top) = printed, case .object(let members) = top.first?.value else {
      Issue.record("not an object: \(printed)")
      return
    }
    #expect(top.map(\.key) == ["KeyMetadata"])
    #expect(
      members.map(\.key) == [
        "AWSAccountId", "KeyId", "Arn", "CreationDate", "Enabled", "Description", "KeyUsage", "KeyState",
        "Origin", "KeyManager", "CustomerMasterKeySpec", "KeySpec", "EncryptionAlgorithms", "MultiRegion",
      ])
    #expect(members.first { $0.key == "KeyState" }?.value == .string("Enabled"))
    #expect(
      members.first { $0.key == "EncryptionAlgorithms" }?.value == .array([.string("SYMMETRIC_DEFAULT")]))
  }

  @Test func aliasesAreCheckedAndUniquePerAccountAndRegion() throws {
    let scratch = try Scratch()
    try scratch.ring.create(account: Self.account, region: "eu-west-1", alias: "alias/a", at: Self.now)
    #expect(throws: KmsError.self) {
      try scratch.ring.create(account: Self.account, region: "eu-west-1", alias: "alias/a", at: Self.now)
    }
    #expect(throws: KmsError.self) {
      try scratch.ring.create(account: Self.account, region: "eu-west-1", alias: "trails", at: Self.now)
    }
    #expect(throws: KmsError.self) {
      try scratch.ring.create(account: Self.account, region: "eu-west-1", alias: "alias/aws/s3", at: Self.now)
    }
    // Another region may reuse the name.
    try scratch.ring.create(account: Self.account, region: "us-east-1", alias: "alias/a", at: Self.now)
  }

  @Test func everyFormOfKmsKeyIdResolvesToTheKey() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(
      account: Self.account, region: "eu-west-1", alias: "alias/trails", at: Self.now)
    let forms = [
      "alias/trails", "arn:aws:kms:eu-west-1:111122223333:alias/trails", key.arn, key.keyId,
    ]
    for form in forms {
      #expect(try scratch.ring.resolve(form, account: Self.account, region: "eu-west-1") == key, "\(form)")
    }
    // Bare ids and aliases are the caller's account and region; ARNs say where they point.
    #expect(try scratch.ring.resolve("alias/trails", account: Self.account, region: "us-east-1") == nil)
    #expect(try scratch.ring.resolve(key.keyId, account: "999999999999", region: "eu-west-1") == nil)
    #expect(try scratch.ring.resolve(key.arn, account: "999999999999", region: "us-east-1") == key)
    #expect(try scratch.ring.resolve("alias/other", account: Self.account, region: "eu-west-1") == nil)
    #expect(try scratch.ring.resolve("../../etc/passwd", account: Self.account, region: "eu-west-1") == nil)
  }

  @Test func anEnvelopeRoundTripsAndIsNotGzip() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(account: Self.account, region: "eu-west-1", at: Self.now)
    let plaintext = Gzip.deflate(Array(#"{"Records":[]}"#.utf8))
    let sealed = try KmsEnvelope.seal(plaintext, with: key)
    #expect(Array(sealed.prefix(5)) == Array("TDKM".utf8) + [1])
    #expect(KmsEnvelope.keyID(of: sealed) == key.keyId)
    #expect(!sealed.withUnsafeBytes { Gzip.isGzip($0) })
    #expect(try KmsEnvelope.open(sealed, ring: scratch.ring) == plaintext)
    // Each object has its own data key and nonce.
    #expect(try KmsEnvelope.seal(plaintext, with: key) != sealed)
    // A changed byte anywhere fails authentication.
    for index in [20, sealed.count / 2, sealed.count - 1] {
      var damaged = sealed
      damaged[index] ^= 1
      #expect(throws: KmsError.self) { try KmsEnvelope.open(damaged, ring: scratch.ring) }
    }
    #expect(throws: KmsError.self) { try KmsEnvelope.open(Array(sealed.prefix(40)), ring: scratch.ring) }
  }

  @Test func bucketFolderGetDecryptsAndNamesAMissingKey() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(account: Self.account, region: "eu-west-1", at: Self.now)
    let plaintext = Gzip.deflate(Array(#"{"Records":[]}"#.utf8))
    let metadata = ObjectMetadata(serverSideEncryption: "aws:kms", kmsKeyID: key.arn)
    try scratch.folder.put(
      bucket: "logs", key: "a.json.gz", bytes: KmsEnvelope.seal(plaintext, with: key), metadata: metadata)
    let object = try scratch.folder.get(bucket: "logs", key: "a.json.gz")
    #expect(object.bytes == plaintext)
    #expect(object.metadata == metadata)
    try FileManager.default.removeItem(atPath: scratch.ring.path(of: key.keyId))
    do {
      _ = try scratch.folder.get(bucket: "logs", key: "a.json.gz")
      Issue.record("read without its key")
    } catch {
      #expect(error.code == "KMS.NotFoundException")
      #expect(error.key == "a.json.gz")
      #expect(error.message.contains(key.keyId))
    }
  }

  /// Delivery seals with the trail's key ARN; a key gone from the ring is S3's `KMS.NotFoundException`,
  /// which the trail's status shows as `LatestDeliveryError`.
  @Test func deliveryEncryptsWithTheTrailsKeyOrFailsByName() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(account: Self.account, region: "eu-west-1", at: Self.now)
    let delivery = try TrailDelivery(context: scratch.context)
    let gzip = Gzip.deflate(Array(#"{"Records":[]}"#.utf8))
    let sealed = try delivery.encrypt(gzip, with: key.arn, bucket: "logs", key: "k")
    #expect(try KmsEnvelope.open(sealed, ring: scratch.ring) == gzip)
    do {
      _ = try delivery.encrypt(
        gzip, with: key.arn.replacingOccurrences(of: "-", with: "0"), bucket: "logs", key: "k")
      Issue.record("sealed for an unknown key")
    } catch {
      #expect(error.code == "KMS.NotFoundException")
    }
  }

  @Test func ingestDecryptsAndRejectsAFileWhoseKeyIsGoneByName() throws {
    let scratch = try Scratch()
    let key = try scratch.ring.create(account: Self.account, region: "eu-west-1", at: Self.now)
    let record = TestRecord(TestRecord.id(1), at: TestTime.base)
    let text = TestStore.text(of: [record.json], shape: .envelope)
    let sealed = try KmsEnvelope.seal(Gzip.deflate(Array(text.utf8)), with: key)
    let parsed = LogFileReader.parse(bytes: sealed, path: "x.json.gz", hash: "h", keyRing: scratch.ring)
    #expect(parsed.kind == .events)
    #expect(parsed.records.count == 1)
    let withoutRing = LogFileReader.parse(bytes: sealed, path: "x.json.gz", hash: "h")
    #expect(withoutRing.kind == .rejected)
    #expect(withoutRing.problems.first?.code == "KMS.NotFoundException")
    try FileManager.default.removeItem(atPath: scratch.ring.path(of: key.keyId))
    let gone = LogFileReader.parse(bytes: sealed, path: "x.json.gz", hash: "h", keyRing: scratch.ring)
    #expect(gone.kind == .rejected)
    let problem = try #require(gone.problems.first)
    #expect(problem.code == "KMS.NotFoundException")
    #expect(problem.location?.path == "x.json.gz")
    #expect(problem.oneLine.contains(key.keyId), "\(problem.oneLine)")
  }
}
