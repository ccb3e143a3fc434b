import Foundation

/// TrailDeck's stand-in for AWS Organizations: the store's organization (`OrganizationInfo`, in
/// `meta`) and the calls that change what CloudTrail's organization trails depend on, as
/// `aws organizations …` makes them. Errors are Organizations' exceptions (`ServiceError`).
///
/// Only the management account changes the organization; any member may describe it.
public struct Organizations {
  let store: TrailStore
  let context: StoreContext

  /// The organization of `context`'s store, called by `context.account`.
  public init(_ context: StoreContext) throws {
    self.context = context
    store = try TrailStore(databasePath: context.databasePath)
  }

  var account: String { context.account }

  /// `DescribeOrganization`: the caller's organization.
  ///
  /// - Throws: `AWSOrganizationsNotInUseException` when the caller is in none.
  public func describe() throws -> DescribeOrganizationResponse {
    DescribeOrganizationResponse(organization: OrganizationShape(try membership()))
  }

  /// `CreateOrganization`: the caller becomes the management account of a new organization of one
  /// account, with `featureSet` (default ALL) and, as AWS does, no trusted service.
  ///
  /// - Throws: `AlreadyInOrganizationException`, `InvalidInputException` (an unknown feature set).
  public func create(featureSet: String?) throws -> DescribeOrganizationResponse {
    guard let features = OrganizationInfo.FeatureSet(rawValue: featureSet ?? "ALL") else {
      throw ServiceError(
        "InvalidInputException", "FeatureSet must be ALL or CONSOLIDATED_BILLING; got '\(featureSet ?? "")'.")
    }
    let organization = try store.connection.transaction {
      if let existing = try store.organization() {
        throw ServiceError(
          "AlreadyInOrganizationException",
          "This store already has organization \(existing.id) (management account \(existing.managementAccount)); an account can be in one organization."
        )
      }
      let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
      let id = "o-" + String((0..<10).map { _ in alphabet.randomElement()! })
      let organization = OrganizationInfo(
        id: id, managementAccount: account, accounts: [account], featureSet: features, trustedServices: [])
      try organization.write(store.connection)
      return organization
    }
    return DescribeOrganizationResponse(organization: OrganizationShape(organization))
  }

  /// `EnableAllFeatures`: the feature set becomes ALL. AWS asks every member to accept a handshake
  /// first; TrailDeck's members accept at once, so the handshake is already ACCEPTED.
  ///
  /// - Throws: `HandshakeConstraintViolationException` when the organization has every feature.
  public func enableAllFeatures() throws -> EnableAllFeaturesResponse {
    try change { organization in
      guard organization.featureSet != .all else {
        throw ServiceError(
          "HandshakeConstraintViolationException",
          "ORGANIZATION_ALREADY_HAS_ALL_FEATURES: organization \(organization.id) already has all features enabled."
        )
      }
      organization.featureSet = .all
    }
    return EnableAllFeaturesResponse(
      handshake: .init(
        action: "ENABLE_ALL_FEATURES", state: "ACCEPTED", requestedTimestamp: context.clock.now()))
  }

  /// `EnableAWSServiceAccess` (`on`) or `DisableAWSServiceAccess` for `servicePrincipal`.
  ///
  /// - Throws: `InvalidInputException` (not a service principal).
  public func setServiceAccess(_ servicePrincipal: String, on: Bool) throws {
    guard servicePrincipal.range(of: #"^[a-z0-9.-]+\.amazonaws\.com$"#, options: .regularExpression) != nil
    else {
      throw ServiceError(
        "InvalidInputException",
        "'\(servicePrincipal)' is not a service principal; expected a name such as cloudtrail.amazonaws.com.")
    }
    try change { organization in
      organization.trustedServices.removeAll { $0 == servicePrincipal }
      if on { organization.trustedServices.append(servicePrincipal) }
    }
  }

  /// `ListAWSServiceAccessForOrganization`: the services with trusted access.
  public func serviceAccess() throws -> ListAWSServiceAccessResponse {
    let organization = try managed()
    return ListAWSServiceAccessResponse(
      enabledServicePrincipals: organization.trustedServices.map { .init(servicePrincipal: $0) })
  }

  /// `ListAccounts`: every member with its status (ACTIVE, or SUSPENDED once closed), for the
  /// management account (one page: TrailDeck's organizations are small).
  public func listAccounts() throws -> ListAccountsResponse {
    let organization = try managed()
    return ListAccountsResponse(
      accounts: organization.accounts.map { id in
        .init(
          id: id,
          arn:
            "arn:\(Partition.name):organizations::\(organization.managementAccount):account/\(organization.id)/\(id)",
          status: organization.suspendedAccounts.contains(id) ? "SUSPENDED" : "ACTIVE")
      })
  }

  /// `CloseAccount`: the member becomes SUSPENDED (it stays in the organization, as a closed account
  /// does for 90 days).
  ///
  /// - Throws: `AccountNotFoundException`, `AccountAlreadyClosedException`,
  ///   `ConstraintViolationException` (the management account closes only outside the organization).
  public func closeAccount(_ accountId: String) throws {
    try change { organization in
      guard organization.accounts.contains(accountId) else {
        throw ServiceError(
          "AccountNotFoundException",
          "Account \(accountId) is not a member of organization \(organization.id).")
      }
      guard accountId != organization.managementAccount else {
        throw ServiceError(
          "ConstraintViolationException",
          "Account \(accountId) is the management account: it cannot be closed from within the organization.")
      }
      guard !organization.suspendedAccounts.contains(accountId) else {
        throw ServiceError("AccountAlreadyClosedException", "Account \(accountId) is already closed.")
      }
      organization.suspendedAccounts.append(accountId)
    }
  }

  // MARK: Access

  /// The caller's organization.
  func membership() throws -> OrganizationInfo {
    guard let organization = try store.organization(), organization.accounts.contains(account) else {
      throw ServiceError(
        "AWSOrganizationsNotInUseException",
        "Your account (\(account)) is not a member of an organization; `traildeck create-organization` makes one."
      )
    }
    return organization
  }

  /// The caller's organization, when the caller is its management account.
  func managed() throws -> OrganizationInfo {
    let organization = try membership()
    guard organization.managementAccount == account else {
      throw ServiceError(
        "AccessDeniedException",
        "You don't have permissions to access this resource: only the management account (\(organization.managementAccount)) changes organization \(organization.id)."
      )
    }
    return organization
  }

  /// Reads, changes and writes the organization in one transaction, for its management account.
  private func change(_ body: (inout OrganizationInfo) throws -> Void) throws {
    try store.connection.transaction {
      var organization = try managed()
      try body(&organization)
      try organization.write(store.connection)
    }
  }
}
