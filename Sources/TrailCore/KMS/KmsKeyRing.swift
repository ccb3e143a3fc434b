import Crypto
import Foundation

/// TrailDeck's stand-in for AWS KMS: a folder of keys, one JSON file per key (`ID.json`, a `KmsKey`).
///
/// The folder is `StoreContext.kmsDirectory` (`kms/` beside the buckets folder), so whatever stands
/// for S3 and the keys that encrypt its objects move together; tests point it at a temporary folder.
/// Keys are made by `traildeck create-key` and never change afterwards; deleting a key's file is what
/// scheduling its deletion in KMS ends in: the objects it encrypted can no longer be read.
public struct KmsKeyRing: Sendable {
  /// The folder of key files.
  public var directory: String

  /// The ring in `directory` (created on the first key).
  public init(directory: String) { self.directory = directory }

  /// The ring of `context` (`context.kmsDirectory`).
  public init(_ context: StoreContext) { self.init(directory: context.kmsDirectory) }

  /// Makes a key in `account` and `region`, with `alias` (`alias/NAME`) pointing at it.
  ///
  /// - Throws: `KmsError` — `ValidationException` (a malformed alias), `AlreadyExistsException` (the
  ///   alias points at another key of the account and region), or a file that cannot be written.
  @discardableResult
  public func create(
    account: String, region: String, alias: String? = nil, description: String = "", policy: String? = nil,
    at time: Date
  ) throws -> KmsKey {
    if let policy { try KmsKeyPolicy.validate(policy) }
    if let alias {
      guard Self.isAliasName(alias), !alias.hasPrefix("alias/aws/") else {
        throw KmsError(
          code: "ValidationException", keyId: alias,
          message:
            "Alias '\(alias)' is not valid: use alias/NAME with letters, digits, '/', '_' and '-' (not alias/aws/…)."
        )
      }
      if try keys().contains(where: {
        $0.account == account && $0.region == region && $0.aliases.contains(alias)
      }) {
        throw KmsError(
          code: "AlreadyExistsException", keyId: alias,
          message: "An alias with the name arn:aws:kms:\(region):\(account):\(alias) already exists.")
      }
    }
    let material = SymmetricKey(size: .bits256).withUnsafeBytes { [UInt8]($0) }
    var key = KmsKey(
      keyId: UUID().uuidString.lowercased(), account: account, region: region, creationDate: time,
      description: description, aliases: alias.map { [$0] } ?? [], material: material)
    key.policy = policy
    try save(key)
    return key
  }

  /// Writes `key`'s file, replacing any other version of it.
  ///
  /// - Throws: `KmsError` `KMSInternalException` when the file cannot be written.
  public func save(_ key: KmsKey) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    // Owner-only: the file holds key material.
    let path = self.path(of: key.keyId)
    guard
      FileManager.default.createFile(
        atPath: path, contents: try encoder.encode(key), attributes: [.posixPermissions: 0o600])
    else {
      throw KmsError(
        code: "KMSInternalException", keyId: key.keyId, message: "Cannot write the key file \(path).")
    }
  }

  /// Every key of the ring, in key id order. Files that are not keys are skipped.
  public func keys() throws -> [KmsKey] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { load(path: directory + "/" + $0) }
  }

  /// The key with id `keyId`, if the ring holds it.
  public func key(id keyId: String) -> KmsKey? {
    guard Self.isKeyID(keyId) else { return nil }
    return load(path: path(of: keyId))
  }

  /// The key `reference` names, as KMS resolves a `KmsKeyId`: `alias/NAME` and bare key ids within the
  /// caller's `account` and `region`; key and alias ARNs wherever they point. Nil when unknown.
  public func resolve(_ reference: String, account: String, region: String) throws -> KmsKey? {
    if reference.hasPrefix("arn:") {
      let fields = reference.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(
        String.init)
      guard fields.count == 6, fields[2] == "kms" else { return nil }
      let (keyRegion, keyAccount, resource) = (fields[3], fields[4], fields[5])
      if resource.hasPrefix("key/") {
        return key(id: String(resource.dropFirst(4))).flatMap { $0.arn == reference ? $0 : nil }
      }
      return try keys().first {
        $0.account == keyAccount && $0.region == keyRegion && $0.aliases.contains(resource)
      }
    }
    if reference.hasPrefix("alias/") {
      return try keys().first {
        $0.account == account && $0.region == region && $0.aliases.contains(reference)
      }
    }
    return key(id: reference).flatMap { $0.account == account && $0.region == region ? $0 : nil }
  }

  /// The file of key `keyId`.
  public func path(of keyId: String) -> String { directory + "/" + keyId + ".json" }

  private func load(path: String) -> KmsKey? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try? decoder.decode(KmsKey.self, from: data)
  }

  /// `alias/` and 1–250 letters, digits, `/`, `_`, `-` (KMS's AliasName rule).
  static func isAliasName(_ text: String) -> Bool {
    text.range(of: #"^alias/[A-Za-z0-9/_-]{1,250}$"#, options: .regularExpression) != nil
  }

  /// A key id as KMS makes them: a lower-case UUID. Anything else never names a file (no `../`).
  static func isKeyID(_ text: String) -> Bool {
    text.range(
      of: #"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"#, options: .regularExpression)
      != nil
  }
}
