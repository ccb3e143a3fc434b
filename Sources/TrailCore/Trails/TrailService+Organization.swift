import Foundation

// What organization trails depend on beyond who calls (spec §3.4: "Requires Organizations
// all-features and trusted access; creates SLR AWSServiceRoleForCloudTrail"), each from state the
// user changes with `traildeck` (`Organizations`, `ServiceLinkedRoles`); and the optimistic check
// that makes a trail change lost to a concurrent one a `ConflictException`.
extension TrailService {
  /// Creating or keeping an organization trail, in `organization`, by the caller:
  /// - feature set not ALL → `OrganizationNotInAllFeaturesModeException`;
  /// - CloudTrail without trusted access → `CloudTrailAccessNotEnabledException`;
  /// - the management account without `AWSServiceRoleForCloudTrail` → `NoManagementAccountSLRExistsException`;
  /// - a delegated administrator calling while a member lacks the role →
  ///   `InsufficientDependencyServiceAccessPermissionException`: CloudTrail would create the role in
  ///   that member, which only the management account's identity may do (TrailDeck's reading of the
  ///   exception, README "Where TrailDeck decides").
  func checkOrganizationTrailsAllowed(in organization: OrganizationInfo) throws {
    try Self.checkOrganizationFeatures(organization)
    try checkManagementRole(managementAccount: organization.managementAccount)
    guard account != organization.managementAccount else { return }
    let missing = try ServiceLinkedRoles.missing(store.connection)
    if let member = organization.accounts.first(where: missing.contains) {
      throw ServiceError(
        "InsufficientDependencyServiceAccessPermissionException",
        "Account \(member) has no \(ServiceLinkedRoles.roleName) and delegated administrator \(account) is not permitted to create it; create it in that account (create-service-linked-role --aws-service-name cloudtrail.amazonaws.com) or call from the management account."
      )
    }
  }

  /// What organization trails and CloudTrail's delegated administrators need of the organization
  /// itself: all features, and trusted access for CloudTrail.
  static func checkOrganizationFeatures(_ organization: OrganizationInfo) throws {
    guard organization.featureSet == .all else {
      throw ServiceError(
        "OrganizationNotInAllFeaturesModeException",
        "This operation is not permitted because organization \(organization.id) does not have all features enabled (feature set \(organization.featureSet.rawValue)); enable them with enable-all-features."
      )
    }
    guard organization.cloudTrailHasTrustedAccess else {
      throw ServiceError(
        "CloudTrailAccessNotEnabledException",
        "This operation is not permitted because CloudTrail is not enabled as a trusted service in organization \(organization.id); enable it with enable-aws-service-access --service-principal cloudtrail.amazonaws.com."
      )
    }
  }

  /// Every operation on an organization trail needs the management account's service-linked role.
  func checkManagementRole(managementAccount: String) throws {
    guard try ServiceLinkedRoles.exists(in: managementAccount, store.connection) else {
      throw ServiceError(
        "NoManagementAccountSLRExistsException",
        "The management account \(managementAccount) has no service-linked role \(ServiceLinkedRoles.roleName); create it with create-service-linked-role --aws-service-name cloudtrail.amazonaws.com."
      )
    }
  }

  /// A topic of a closed (SUSPENDED) account answers CloudTrail's calls with InvalidClientTokenId,
  /// which CloudTrail reports as `CloudTrailInvalidClientTokenIdException`. `owner` is the account
  /// a bare topic name belongs to.
  func checkTopicAccountActive(_ topic: String, owner: String) throws {
    let topicAccount = topic.hasPrefix("arn:") ? SnsTopics.parse(topic)?.account ?? owner : owner
    guard let organization = try store.organization(),
      organization.suspendedAccounts.contains(topicAccount)
    else { return }
    throw ServiceError(
      "CloudTrailInvalidClientTokenIdException",
      "The security token included in the request is invalid: SNS topic \(topic) belongs to account \(topicAccount), which is closed (SUSPENDED)."
    )
  }

  /// Writes `updated` (or deletes the trail, for nil) in place of `original`, with `also` in the same
  /// transaction — unless the trail is no longer `original`: another process changed or deleted it
  /// since this call read it, and its change would be silently lost. That is CloudTrail's
  /// `ConflictException` ("the specified resource is not ready for an operation … before CloudTrail
  /// updates the resource"); calling again works on the new state.
  func write(_ updated: TrailRecord?, replacing original: TrailRecord, also: () throws -> Void = {}) throws {
    try beforeWriting?()
    try store.connection.transaction {
      guard try store.trail(arn: original.arn) == original else {
        throw ServiceError(
          "ConflictException",
          "Trail \(original.arn) was changed by another request while this one ran; get it again and retry.")
      }
      try also()
      if let updated { try store.save(updated) } else { try store.delete(arn: original.arn) }
    }
  }
}
