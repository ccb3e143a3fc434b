import Foundation

/// A Lake query's `result_sign.json` (spec §8.8, G:SIGNF), read as `verify-query-results` reads it.
///
/// Only the members the check uses are required; each is looked up when the check reaches it, so a
/// sign file that lacks one fails at the same step as the aws CLI's (whose `KeyError` prints the
/// member's name in quotes).
public struct QueryResultsSignFile: Equatable, Sendable {
  /// One `files` entry: the result file's name in the folder and the hex SHA-256 of its bytes (the
  /// compressed `.csv.gz`, unlike log files).
  public struct Entry: Equatable, Sendable {
    public var fileName: String
    public var fileHashValue: String
  }

  /// The parsed document.
  public let json: JSONValue

  /// Parses the sign file's bytes.
  /// - Throws: `QueryResultsFailure` with the aws CLI's `InformationCollectionError` text.
  public init(bytes: [UInt8]) throws(QueryResultsFailure) {
    do {
      json = try JSONValue(parsing: bytes)
    } catch {
      throw QueryResultsFailure(
        "InformationCollectionError: Unable to load result_sign.json file, due to \(error)")
    }
  }

  /// The `files` entries, in their order (the order their hashes are signed in).
  /// - Throws: `No export file was found in sign file.` for an empty list, `Invalid sign file provided.`
  ///   when `files` is not a list of `{fileName, fileHashValue}` strings.
  public func entries() throws(QueryResultsFailure) -> [Entry] {
    guard let files = json["files"] else { throw Self.missing("files") }
    guard case .array(let list) = files else { throw .validation("Invalid sign file provided.") }
    guard !list.isEmpty else { throw .validation("No export file was found in sign file.") }
    var entries: [Entry] = []
    for file in list {
      guard case .string(let name)? = file["fileName"], case .string(let hash)? = file["fileHashValue"]
      else { throw .validation("Invalid sign file provided.") }
      entries.append(Entry(fileName: name, fileHashValue: hash))
    }
    return entries
  }

  /// `queryCompleteTime`: when the results were delivered, the time the signing key is looked up at.
  public func queryCompleteTime() throws(QueryResultsFailure) -> Date {
    let text = try string("queryCompleteTime")
    guard let time = ISO8601Time.parseUserTime(text) else {
      throw QueryResultsFailure("Unable to parse date value: \(text)")
    }
    return time
  }

  /// `publicKeyFingerprint`: the hex MD5 of the signing key, as ListPublicKeys names it.
  public func publicKeyFingerprint() throws(QueryResultsFailure) -> String {
    try string("publicKeyFingerprint")
  }

  /// `hashSignature` as bytes.
  /// - Throws: Python's `binascii` texts for text that is not hex, as the aws CLI prints them.
  public func hashSignature() throws(QueryResultsFailure) -> [UInt8] {
    let text = try string("hashSignature")
    guard text.utf8.count % 2 == 0 else { throw QueryResultsFailure("Odd-length string") }
    guard let bytes = [UInt8](hex: text) else { throw QueryResultsFailure("Non-hexadecimal digit found") }
    return bytes
  }

  private func string(_ member: String) throws(QueryResultsFailure) -> String {
    guard let value = json[member] else { throw Self.missing(member) }
    guard case .string(let text) = value else { throw .validation("Invalid sign file provided.") }
    return text
  }

  private static func missing(_ member: String) -> QueryResultsFailure {
    QueryResultsFailure("'\(member)'")
  }
}
