import Crypto
import Foundation

/// `aws cloudtrail verify-query-results` (the aws CLI v2 customization, spec §8.8): checks a Lake
/// query's result files against its `result_sign.json` in the CLI's order and with its messages.
///
/// 1. Read `result_sign.json` from the location.
/// 2. Its `files` must not be empty; each file's SHA-256 (of its bytes as stored) must equal its
///    `fileHashValue`, in the order listed.
/// 3. ListPublicKeys from `queryCompleteTime` to 20 days later must hold `publicKeyFingerprint`.
/// 4. `hashSignature` must be that key's SHA256withRSA signature of the hashes joined by spaces.
///
/// One check of TrailDeck's own follows: a result file in the folder that the sign file does not list
/// is reported, so an added file is caught as well as a changed or removed one (the aws CLI reads only
/// the files the sign file names).
public struct QueryResultsVerifier {
  /// ListPublicKeys for `[start, end]`: the keys (Fingerprint and Value) of the caller's region.
  public typealias PublicKeySource = (_ start: Date, _ end: Date) throws -> [PublicKey]

  /// What the aws CLI prints on success.
  public static let successMessage = "Successfully validated sign and query result files"
  /// How far past `queryCompleteTime` the aws CLI looks for the signing key.
  static let keySearchWindow: TimeInterval = 20 * 86_400

  public var location: QueryResultsLocation
  public var publicKeys: PublicKeySource

  public init(location: QueryResultsLocation, publicKeys: @escaping PublicKeySource) {
    self.location = location
    self.publicKeys = publicKeys
  }

  /// Runs the check, prints its outcome as the aws CLI does (success on stdout; a failure on stderr
  /// between blank lines) and returns the exit status: 0, or the failure's (255, or 254 for an error
  /// a service answered).
  public func run(standardOutput: (String) -> Void, standardError: (String) -> Void) -> Int32 {
    do {
      try verify()
      standardOutput(Self.successMessage + "\n")
      return 0
    } catch {
      standardError("\n\(error.message)\n")
      return error.exitStatus
    }
  }

  /// The check itself: returns when the files and the sign file are intact.
  /// - Throws: `QueryResultsFailure` for the first problem found.
  public func verify() throws(QueryResultsFailure) {
    let sign = try QueryResultsSignFile(bytes: location.read("result_sign.json"))
    let entries = try sign.entries()
    for entry in entries {
      let computed = SHA256.hash(data: try location.read(entry.fileName)).hex
      guard computed == entry.fileHashValue else {
        throw .validation(
          "File \(entry.fileName) has inconsistent hash value with hash value recorded in sign file, "
            + "hash value in sign file is \(entry.fileHashValue) , but get \(computed)")
      }
    }
    let key = try signingKey(sign)
    try Self.checkSignature(sign, entries: entries, key: key)
    let listed = Set(entries.map(\.fileName))
    if let extra = location.resultFiles().first(where: { !listed.contains($0) }) {
      throw .validation("File \(extra) is in the result folder but not in the sign file")
    }
  }

  /// The key ListPublicKeys names by the sign file's fingerprint, in the window the aws CLI searches.
  private func signingKey(_ sign: QueryResultsSignFile) throws(QueryResultsFailure) -> PublicKey {
    let completed = try sign.queryCompleteTime()
    let fingerprint = try sign.publicKeyFingerprint()
    let keys: [PublicKey]
    do {
      keys = try publicKeys(completed, completed.addingTimeInterval(Self.keySearchWindow))
    } catch let error as ServiceError {
      throw .service(code: error.exceptionName, message: error.message, operation: ListPublicKeys.name)
    } catch {
      throw QueryResultsFailure("\(error)")
    }
    guard let key = keys.first(where: { $0.fingerprint == fingerprint }) else {
      throw QueryResultsFailure("No public keys found for key with fingerprint: \(fingerprint)")
    }
    return key
  }

  /// SHA256withRSA over the `files` hashes joined by single spaces, in the sign file's order.
  static func checkSignature(
    _ sign: QueryResultsSignFile, entries: [QueryResultsSignFile.Entry], key: PublicKey
  ) throws(QueryResultsFailure) {
    let der = [UInt8](key.value ?? Data())
    guard (try? PublicSigningKey.loadPublicKey(der)) != nil else {
      throw .validation("Sign file invalid, unable to load PKCS #1 key: \(Data(der).base64EncodedString())")
    }
    let signature = try sign.hashSignature()
    let message = Array(entries.map(\.fileHashValue).joined(separator: " ").utf8)
    guard PublicSigningKey.isValidSignature(signature, for: message, publicKeyDER: der) else {
      throw .validation("Invalid signature in sign file")
    }
  }
}
