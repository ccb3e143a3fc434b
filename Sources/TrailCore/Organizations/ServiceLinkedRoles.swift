import Foundation

/// TrailDeck's stand-in for IAM's service-linked role of CloudTrail, `AWSServiceRoleForCloudTrail`:
/// which accounts have it. CloudTrail's organization trails need it in the management account (else
/// `NoManagementAccountSLRExistsException`) and create it in every member, which a delegated
/// administrator cannot do (`InsufficientDependencyServiceAccessPermissionException`).
///
/// The store's `meta` keeps the accounts that lack it (`cloudtrail_slr_missing`), so that every
/// account has the role until `delete-service-linked-role` removes it: stores made before the role
/// was modelled, and the demo organization, keep working as they did.
public struct ServiceLinkedRoles {
  /// The role's name, which IAM derives from the service.
  public static let roleName = "AWSServiceRoleForCloudTrail"
  static let metaKey = "cloudtrail_slr_missing"

  let store: TrailStore
  let context: StoreContext

  /// The roles of `context`'s store, for `context.account`.
  public init(_ context: StoreContext) throws {
    self.context = context
    store = try TrailStore(databasePath: context.databasePath)
  }

  /// The accounts without CloudTrail's service-linked role.
  static func missing(_ connection: SQLiteConnection) throws -> Set<String> {
    let statement = try connection.prepare("SELECT value FROM meta WHERE key = ?")
    statement.bindText(1, metaKey)
    guard try statement.step() else { return [] }
    return Set((statement.text(0) ?? "").split(separator: ",").map(String.init))
  }

  /// Whether `account` has the role.
  static func exists(in account: String, _ connection: SQLiteConnection) throws -> Bool {
    try !missing(connection).contains(account)
  }

  /// The role's ARN in `account`.
  public static func arn(account: String) -> String {
    "arn:\(Partition.name):iam::\(account):role/aws-service-role/\(OrganizationInfo.cloudTrailPrincipal)/\(roleName)"
  }

  /// `CreateServiceLinkedRole --aws-service-name cloudtrail.amazonaws.com` in the caller's account.
  ///
  /// - Throws: IAM's `InvalidInputException` for another service or a role the account has.
  public func create(awsServiceName: String) throws -> CreateServiceLinkedRoleResponse {
    guard awsServiceName == OrganizationInfo.cloudTrailPrincipal else {
      throw ServiceError(
        "InvalidInputException",
        "TrailDeck models only CloudTrail's service-linked role: give --aws-service-name \(OrganizationInfo.cloudTrailPrincipal), not '\(awsServiceName)'."
      )
    }
    try change { missing in
      guard missing.remove(context.account) != nil else {
        throw ServiceError(
          "InvalidInputException",
          "Service role name \(Self.roleName) has been taken in this account, please try a different suffix.")
      }
    }
    let account = context.account
    return CreateServiceLinkedRoleResponse(
      role: .init(
        path: "/aws-service-role/\(OrganizationInfo.cloudTrailPrincipal)/", roleName: Self.roleName,
        arn: Self.arn(account: account), createDate: context.clock.now()))
  }

  /// `DeleteServiceLinkedRole --role-name AWSServiceRoleForCloudTrail` in the caller's account; IAM
  /// deletes in a task, TrailDeck at once.
  ///
  /// - Throws: IAM's `NoSuchEntityException` when the account has no such role.
  public func delete(roleName: String) throws -> DeleteServiceLinkedRoleResponse {
    try change { missing in
      guard roleName == Self.roleName, !missing.contains(context.account) else {
        throw ServiceError(
          "NoSuchEntityException", "The role with name \(roleName) cannot be found.")
      }
      missing.insert(context.account)
    }
    return DeleteServiceLinkedRoleResponse(
      deletionTaskId:
        "task/aws-service-role/\(OrganizationInfo.cloudTrailPrincipal)/\(Self.roleName)/\(UUID().uuidString.lowercased())"
    )
  }

  private func change(_ body: (inout Set<String>) throws -> Void) throws {
    try store.connection.transaction {
      var missing = try Self.missing(store.connection)
      try body(&missing)
      let statement = try store.connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
      statement.bindText(1, Self.metaKey)
      statement.bindText(2, missing.sorted().joined(separator: ","))
      try statement.step()
    }
  }
}

/// IAM's `CreateServiceLinkedRole` output, the members TrailDeck can fill: `{"Role": {…}}`.
public struct CreateServiceLinkedRoleResponse: Codable, Equatable, Sendable {
  /// IAM's `Role`, without the ids and policies TrailDeck does not keep.
  public struct Role: Codable, Equatable, Sendable {
    public var path: String
    public var roleName: String
    public var arn: String
    public var createDate: Date

    enum CodingKeys: String, CodingKey {
      case path = "Path"
      case roleName = "RoleName"
      case arn = "Arn"
      case createDate = "CreateDate"
    }
  }

  public var role: Role

  enum CodingKeys: String, CodingKey { case role = "Role" }
}

/// IAM's `DeleteServiceLinkedRole` output.
public struct DeleteServiceLinkedRoleResponse: Codable, Equatable, Sendable {
  public var deletionTaskId: String

  enum CodingKeys: String, CodingKey { case deletionTaskId = "DeletionTaskId" }
}
