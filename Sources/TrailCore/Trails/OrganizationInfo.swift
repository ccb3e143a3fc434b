import Foundation

/// The AWS Organization a store's accounts belong to: its id, management account and members, and
/// the settings CloudTrail's organization trails depend on (feature set, trusted access, closed
/// accounts).
///
/// The demo organization is one (seeded with the store); a store of ingested logs has none, and
/// organization features answer `OrganizationsNotInUseException` there. `traildeck create-organization`,
/// `enable-all-features`, `enable-aws-service-access`, `disable-aws-service-access` and `close-account`
/// change it (`Organizations`).
public struct OrganizationInfo: Equatable, Sendable {
  /// `o-` and ten lower-case letters and digits.
  public var id: String
  public var managementAccount: String
  /// Every account of the organization, the management account first.
  public var accounts: [String]
  /// Organizations' feature set: organization trails need `ALL`.
  public var featureSet: FeatureSet
  /// The service principals with trusted access (`EnableAWSServiceAccess`); organization trails need
  /// `cloudtrail.amazonaws.com` among them.
  public var trustedServices: [String]
  /// Accounts closed with `CloseAccount` (status SUSPENDED): still members, but their resources answer
  /// no calls.
  public var suspendedAccounts: [String]

  /// Organizations' two feature sets.
  public enum FeatureSet: String, Sendable, CaseIterable {
    case all = "ALL"
    case consolidatedBilling = "CONSOLIDATED_BILLING"
  }

  /// CloudTrail's service principal, the one trusted access and service-linked roles are about.
  public static let cloudTrailPrincipal = "cloudtrail.amazonaws.com"

  /// An organization with every feature, CloudTrail's trusted access and no closed account: what
  /// the demo seeds, and what a store written before these settings existed reads as.
  public init(
    id: String, managementAccount: String, accounts: [String], featureSet: FeatureSet = .all,
    trustedServices: [String] = [OrganizationInfo.cloudTrailPrincipal], suspendedAccounts: [String] = []
  ) {
    self.id = id
    self.managementAccount = managementAccount
    self.accounts = accounts
    self.featureSet = featureSet
    self.trustedServices = trustedServices
    self.suspendedAccounts = suspendedAccounts
  }

  /// Whether CloudTrail has trusted access to the organization.
  public var cloudTrailHasTrustedAccess: Bool { trustedServices.contains(Self.cloudTrailPrincipal) }

  static let metaKeys = [
    "organization_id", "management_account", "organization_accounts", "organization_feature_set",
    "organization_trusted_services", "organization_suspended_accounts",
  ]

  /// The organization recorded in the store's `meta`, or nil. Settings a store does not hold yet read
  /// as the defaults of `init`, so stores made before them keep working as they did.
  public static func read(_ connection: SQLiteConnection) throws -> OrganizationInfo? {
    var values: [String: String] = [:]
    let keys = metaKeys.map { "'\($0)'" }.joined(separator: ", ")
    let statement = try connection.prepare("SELECT key, value FROM meta WHERE key IN (\(keys))")
    while try statement.step() { values[statement.text(0) ?? ""] = statement.text(1) ?? "" }
    guard let id = values["organization_id"], let management = values["management_account"] else {
      return nil
    }
    func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
    var organization = OrganizationInfo(
      id: id, managementAccount: management, accounts: list(values["organization_accounts"] ?? management))
    if let featureSet = values["organization_feature_set"].flatMap(FeatureSet.init(rawValue:)) {
      organization.featureSet = featureSet
    }
    if let trusted = values["organization_trusted_services"] { organization.trustedServices = list(trusted) }
    organization.suspendedAccounts = list(values["organization_suspended_accounts"] ?? "")
    return organization
  }

  /// Records this organization in the store's `meta` (its management account becomes the store's).
  public func write(_ connection: SQLiteConnection) throws {
    let values = [
      id, managementAccount, accounts.joined(separator: ","), featureSet.rawValue,
      trustedServices.joined(separator: ","), suspendedAccounts.joined(separator: ","),
    ]
    for (key, value) in zip(Self.metaKeys, values) {
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
