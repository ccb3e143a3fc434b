import Foundation

/// The access keys `traildeck serve --credentials FILE` accepts, one a line:
///
///     # access-key-id  secret-access-key  account  [user-name]
///     AKIAIOSFODNN7EXAMPLE  wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  123456789012  alice
///
/// Blank lines and `#` comments are skipped. Without a user name the key is the account's root.
public struct CredentialsFile: Sendable, Equatable {
  /// One key's secret and the identity it stands for.
  public struct Entry: Sendable, Equatable {
    public var secret: String
    public var account: String
    public var userName: String?
  }

  /// The keys by access key id.
  public var entries: [String: Entry]

  public init(entries: [String: Entry]) { self.entries = entries }

  /// A problem in the file, naming it and the line.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    public var description: String
  }

  /// Reads `path`; a malformed line is an error naming the file and line.
  public init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Problem(description: "\(path): cannot read the credentials file.")
    }
    try self.init(text: String(decoding: data, as: UTF8.self), path: path)
  }

  /// Reads the file's `text` (`path` names it in errors).
  public init(text: String, path: String) throws {
    var entries: [String: Entry] = [:]
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
      guard let first = fields.first, !first.hasPrefix("#") else { continue }
      let place = "\(path):\(index + 1)"
      guard (3...4).contains(fields.count) else {
        throw Problem(
          description:
            "\(place): expected 'ACCESS_KEY_ID SECRET ACCOUNT [USER]', found \(fields.count) fields.")
      }
      guard fields[2].count == 12, fields[2].allSatisfy(\.isASCIIDigit) else {
        throw Problem(description: "\(place): the account '\(fields[2])' is not a 12-digit AWS account id.")
      }
      guard entries[first] == nil else {
        throw Problem(description: "\(place): access key id \(first) is listed twice.")
      }
      entries[first] = Entry(
        secret: fields[1], account: fields[2], userName: fields.count == 4 ? fields[3] : nil)
    }
    self.entries = entries
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
