import Foundation

/// One key of TrailDeck's KMS key ring: a 256-bit AES key with the identity AWS KMS gives a
/// symmetric customer managed key (`SYMMETRIC_DEFAULT`, `ENCRYPT_DECRYPT`).
///
/// Stored as one JSON file per key (`KmsKeyRing`); the key material is in the file, base64, because
/// the ring is a stand-in for KMS on one machine, not a place to keep secrets.
public struct KmsKey: Codable, Equatable, Sendable {
  /// The key id, a lower-case UUID.
  public var keyId: String
  /// `arn:aws:kms:REGION:ACCOUNT:key/ID`.
  public var arn: String
  /// The owning account.
  public var account: String
  /// The key's region (KMS keys are regional).
  public var region: String
  /// When `create-key` made it (the clock's now).
  public var creationDate: Date
  /// Whether the key may be used (`create-key` makes enabled keys; a hand-edited `false` disables it).
  public var enabled: Bool
  /// `create-key --description`.
  public var description: String
  /// Aliases pointing at the key, each `alias/NAME`.
  public var aliases: [String]
  /// The 32 bytes of AES-256 key material, base64.
  public var material: String
  /// The key policy as put (`create-key --policy`, `put-key-policy`); nil for a key that has only
  /// TrailDeck's default policy (`KmsKeyPolicy.defaultPolicy`). Absent in key files written before.
  public var policy: String?

  /// A key with `material` (32 bytes); its ARN follows from the id, account and region.
  public init(
    keyId: String, account: String, region: String, creationDate: Date, enabled: Bool = true,
    description: String = "", aliases: [String] = [], material: [UInt8]
  ) {
    self.keyId = keyId
    self.arn = "arn:\(Partition.name):kms:\(region):\(account):key/\(keyId)"
    self.account = account
    self.region = region
    self.creationDate = creationDate
    self.enabled = enabled
    self.description = description
    self.aliases = aliases
    self.material = Data(material).base64EncodedString()
  }

  /// The key material's bytes.
  public var materialBytes: [UInt8] { [UInt8](Data(base64Encoded: material) ?? Data()) }

  /// The key as `DescribeKey`/`CreateKey` return it.
  public var metadata: KmsKeyMetadata {
    KmsKeyMetadata(
      awsAccountId: account, keyId: keyId, arn: arn, creationDate: creationDate, enabled: enabled,
      description: description, keyUsage: "ENCRYPT_DECRYPT", keyState: enabled ? "Enabled" : "Disabled",
      origin: "AWS_KMS", keyManager: "CUSTOMER", customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keySpec: "SYMMETRIC_DEFAULT", encryptionAlgorithms: ["SYMMETRIC_DEFAULT"], multiRegion: false)
  }
}

/// KMS's `KeyMetadata`, the members a symmetric key has, in the service model's order (botocore
/// `kms/2014-11-01/service-2.json`), so `create-key` prints what `aws kms create-key` prints.
public struct KmsKeyMetadata: Codable, Equatable, Sendable {
  // Members as the model documents them; the values TrailDeck's keys have are in `KmsKey.metadata`.
  /// `AWSAccountId`: the owning account.
  public var awsAccountId: String
  public var keyId: String
  public var arn: String
  public var creationDate: Date
  public var enabled: Bool
  public var description: String
  public var keyUsage: String
  public var keyState: String
  public var origin: String
  public var keyManager: String
  public var customerMasterKeySpec: String
  public var keySpec: String
  public var encryptionAlgorithms: [String]
  public var multiRegion: Bool

  enum CodingKeys: String, CodingKey {
    case awsAccountId = "AWSAccountId"
    case keyId = "KeyId"
    case arn = "Arn"
    case creationDate = "CreationDate"
    case enabled = "Enabled"
    case description = "Description"
    case keyUsage = "KeyUsage"
    case keyState = "KeyState"
    case origin = "Origin"
    case keyManager = "KeyManager"
    case customerMasterKeySpec = "CustomerMasterKeySpec"
    case keySpec = "KeySpec"
    case encryptionAlgorithms = "EncryptionAlgorithms"
    case multiRegion = "MultiRegion"
  }
}

/// KMS's `CreateKeyResponse`.
public struct KmsCreateKeyResponse: Codable, Equatable, Sendable {
  /// The new key.
  public var keyMetadata: KmsKeyMetadata

  /// The response for `keyMetadata`.
  public init(keyMetadata: KmsKeyMetadata) { self.keyMetadata = keyMetadata }

  enum CodingKeys: String, CodingKey {
    case keyMetadata = "KeyMetadata"
  }
}

/// A KMS failure, named as KMS names its exceptions (`NotFoundException`, …). S3 reports a KMS
/// problem under `KMS.` + the name, which is how delivery and `BucketFolder.get` pass it on.
public struct KmsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// KMS's exception name: `NotFoundException`, `AlreadyExistsException`, `InvalidCiphertextException`,
  /// `DisabledException`, `ValidationException`.
  public var code: String
  /// The key concerned (id, alias or ARN as given), when there is one.
  public var keyId: String?
  /// What went wrong, naming the key (and the ring's folder when the key is missing).
  public var message: String

  /// A failure named `code` about `keyId`.
  public init(code: String, keyId: String?, message: String) {
    self.code = code
    self.keyId = keyId
    self.message = message
  }

  /// `KMS.CODE: message`, as S3 passes a KMS error on.
  public var description: String { "KMS.\(code): \(message)" }

  /// The failure for a file that could not be decrypted: names the file and the key.
  public func diagnostic(path: String) -> Diagnostic {
    Diagnostic(
      code: "KMS." + code, summary: "cannot decrypt log file", location: .init(path: path), reason: message,
      help: code == "NotFoundException"
        ? "the file is SSE-KMS encrypted with a key that is not in TrailDeck's key ring (kms/ beside the buckets folder)"
        : nil)
  }
}
