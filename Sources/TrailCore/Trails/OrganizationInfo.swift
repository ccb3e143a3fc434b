import Foundation

/// The AWS Organization a store's accounts belong to: its id, management account and members.
///
/// The demo organization is one (seeded with the store); a store of ingested logs has none, and
/// organization features answer `OrganizationsNotInUseException` there.
public struct OrganizationInfo: Equatable, Sendable {
  /// `o-` and ten lower-case letters and digits.
  public var id: String
  public var managementAccount: String
  /// Every account of the organization, the management account first.
  public var accounts: [String]

  public init(id: String, managementAccount: String, accounts: [String]) {
    self.id = id
    self.managementAccount = managementAccount
    self.accounts = accounts
  }

  /// The organization recorded in the store's `meta`, or nil.
  public static func read(_ connection: SQLiteConnection) throws -> OrganizationInfo? {
    var values: [String: String] = [:]
    let statement = try connection.prepare(
      "SELECT key, value FROM meta WHERE key IN ('organization_id', 'management_account', 'organization_accounts')"
    )
    while try statement.step() { values[statement.text(0) ?? ""] = statement.text(1) ?? "" }
    guard let id = values["organization_id"], let management = values["management_account"] else {
      return nil
    }
    let accounts = (values["organization_accounts"] ?? management).split(separator: ",").map(String.init)
    return OrganizationInfo(id: id, managementAccount: management, accounts: accounts)
  }

  /// Records this organization in the store's `meta` (its management account becomes the store's).
  public func write(_ connection: SQLiteConnection) throws {
    for (key, value) in [
      ("organization_id", id), ("management_account", managementAccount),
      ("organization_accounts", accounts.joined(separator: ",")),
    ] {
      let statement = try connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
      statement.bindText(1, key)
      statement.bindText(2, value)
      try statement.step()
    }
  }

  /// A stable organization id for a demo seed: `o-` and ten letters and digits.
  public static func demoID(seed: UInt64) -> String {
    var random = SeededRandom(seed: seed &+ 0x6f72_6700)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    return "o-" + String((0..<10).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
  }
}
