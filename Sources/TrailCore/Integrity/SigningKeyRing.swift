import Foundation
import _CryptoExtras

/// The digest-signing keys of every region, kept in the store's `signing_keys` table (migration 13).
///
/// CloudTrail signs each region's digests with that region's private key and publishes the public
/// halves through ListPublicKeys. Here a region's first key is made on first use (the first digest
/// signed there), and a new one when the current key's window has passed: windows are 2 592 000 s
/// (30 days), as the validity times of G:CV's sample keys are. Old keys stay, so older digests still
/// validate. Windows follow on from each other; when a region signed nothing for longer than a window,
/// the next one starts at the boundary that contains "now". Time comes only from `clock`.
///
/// Not thread-safe: one ring per connection, one connection per thread. `currentKey` needs a writable
/// connection; the lookups work on a reader too.
public final class SigningKeyRing {
  /// How long a key signs: 30 days.
  public static let validity: TimeInterval = 2_592_000
  /// RSA modulus size of new keys (the examples' 512-hex-digit signatures are 2048-bit).
  static let keySize = _RSA.Signing.KeySize.bits2048

  public let connection: SQLiteConnection
  public let clock: any Clock

  /// A ring over the store `connection` (migrated to version 13 or later), reading time from `clock`.
  public init(connection: SQLiteConnection, clock: any Clock) {
    self.connection = connection
    self.clock = clock
  }

  /// A ring over a writer of the store at `databasePath` (created and migrated if needed).
  public convenience init(databasePath: String, clock: any Clock) throws {
    self.init(connection: try EventStore.openWriter(path: databasePath), clock: clock)
  }

  /// The key that signs in `region` now, made (and stored) when no stored key's window holds now.
  public func currentKey(region: String) throws -> SigningKey {
    let now = Self.seconds(clock.now())
    if let key = try storedKey(region: region, at: now) { return key }
    return try connection.transaction {
      // Another process may have made it while this one waited for the write lock.
      if let key = try storedKey(region: region, at: now) { return key }
      let from = try nextWindowStart(region: region, at: now)
      let privateKey = try _RSA.Signing.PrivateKey(keySize: Self.keySize)
      let der = [UInt8](privateKey.publicKey.pkcs1DERRepresentation)
      let publicKey = PublicSigningKey(
        region: region, der: der, validFrom: Date(timeIntervalSince1970: TimeInterval(from)),
        validUntil: Date(timeIntervalSince1970: TimeInterval(from) + Self.validity))
      let insert = try connection.prepare(
        """
        INSERT INTO signing_keys (region, fingerprint, public_key, private_key, valid_from, valid_until)
        VALUES (?, ?, ?, ?, ?, ?)
        """)
      try insert.bind([
        .text(region), .text(publicKey.fingerprint), .blob(der), .blob([UInt8](privateKey.derRepresentation)),
        .int(from), .int(from + Int64(Self.validity)),
      ])
      try insert.step()
      return SigningKey(publicKey: publicKey, privateKey: privateKey)
    }
  }

  /// The public keys of `region` whose windows overlap `[start, end]`, newest first (as ListPublicKeys
  /// lists them in G:CV's sample).
  public func publicKeys(region: String, from start: Date, to end: Date) throws -> [PublicSigningKey] {
    let select = try connection.prepare(
      """
      SELECT public_key, valid_from, valid_until FROM signing_keys
      WHERE region = ? AND valid_from <= ? AND valid_until > ? ORDER BY valid_from DESC
      """)
    try select.bind([.text(region), .int(Self.seconds(end)), .int(Self.seconds(start))])
    var keys: [PublicSigningKey] = []
    while try select.step() {
      keys.append(Self.publicKey(region: region, select, offset: 0))
    }
    return keys
  }

  /// The public key of `region` with `fingerprint`, whatever its window.
  public func publicKey(region: String, fingerprint: String) throws -> PublicSigningKey? {
    let select = try connection.prepare(
      "SELECT public_key, valid_from, valid_until FROM signing_keys WHERE region = ? AND fingerprint = ?")
    try select.bind([.text(region), .text(fingerprint)])
    return try select.step() ? Self.publicKey(region: region, select, offset: 0) : nil
  }

  private func storedKey(region: String, at now: Int64) throws -> SigningKey? {
    let select = try connection.prepare(
      """
      SELECT private_key, public_key, valid_from, valid_until FROM signing_keys
      WHERE region = ? AND valid_from <= ? AND valid_until > ? ORDER BY valid_from DESC LIMIT 1
      """)
    try select.bind([.text(region), .int(now), .int(now)])
    guard try select.step() else { return nil }
    let privateKey = try _RSA.Signing.PrivateKey(derRepresentation: select.blob(0))
    return SigningKey(publicKey: Self.publicKey(region: region, select, offset: 1), privateKey: privateKey)
  }

  /// Where the next window starts: on from the newest window's end when that is in the past, at the
  /// boundary holding `now`; at `now` for a region's first key (or a clock set before every key).
  private func nextWindowStart(region: String, at now: Int64) throws -> Int64 {
    let select = try connection.prepare("SELECT max(valid_until) FROM signing_keys WHERE region = ?")
    try select.bind([.text(region)])
    guard try select.step(), !select.isNull(0) else { return now }
    let lastEnd = select.int64(0)
    guard lastEnd <= now else { return now }
    let window = Int64(Self.validity)
    return lastEnd + (now - lastEnd) / window * window
  }

  private static func publicKey(region: String, _ row: SQLiteStatement, offset: Int32) -> PublicSigningKey {
    PublicSigningKey(
      region: region, der: row.blob(offset),
      validFrom: Date(timeIntervalSince1970: TimeInterval(row.int64(offset + 1))),
      validUntil: Date(timeIntervalSince1970: TimeInterval(row.int64(offset + 2))))
  }

  private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}
