import Foundation

// Tags on trails, event data stores, channels and dashboards, and the organization's delegated
// administrators.

extension TrailService {
  /// The trail a tag operation names by ARN.
  ///
  /// - Throws: `CloudTrailARNInvalidException` for an ARN that is not a trail's (other CloudTrail
  ///   resources are `ResourceTypeNotSupportedException` until they exist), `ResourceNotFoundException`.
  func taggedTrail(_ resourceId: String) throws -> TrailRecord {
    if resourceId.hasPrefix("arn:"), resourceId.contains(":cloudtrail:"), TrailARN.parse(resourceId) == nil {
      throw ServiceError(
        "ResourceTypeNotSupportedException",
        "'\(resourceId)' is not a trail; TrailDeck tags trails only so far.")
    }
    guard resourceId.hasPrefix("arn:") else {
      throw ServiceError(
        "CloudTrailARNInvalidException",
        "'\(resourceId)' is not a valid trail ARN; expected arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME.")
    }
    _ = try TrailRules.reference(resourceId)
    let organization = try store.organization()
    guard let trail = try store.trail(arn: resourceId), isVisible(trail, organization: organization) else {
      throw ServiceError("ResourceNotFoundException", "Resource \(resourceId) not found.")
    }
    return trail
  }
}

/// The ARN of the trail or event data store a tag change names; a trail must be the caller's to change.
private func taggedARN(_ resourceId: String, _ trails: TrailService, _ services: StoreServices) throws
  -> String
{
  if let store = try EventDataStoreService.tagged(resourceId, with: services) { return store.arn }
  if let channel = try ChannelService.tagged(resourceId, with: services) { return channel.arn }
  if let dashboard = try LakeDashboards.tagged(resourceId, with: services) { return dashboard.arn }
  let trail = try trails.taggedTrail(resourceId)
  try trails.requireOwner(trail)
  return trail.arn
}

/// `AddTags`: adds or overwrites tags on a trail or event data store (at most 50 in all).
public enum AddTags: ServiceOperation {
  public static let name = "AddTags"
  public static func perform(_ request: AddTagsRequest, with services: StoreServices) throws
    -> AddTagsResponse
  {
    let trails = try services.trails()
    let arn = try taggedARN(request.resourceId, trails, services)
    let existing = Set(try trails.store.tags(of: arn).map(\.key))
    // Keys already on the trail are overwritten, so they count once.
    let kept = existing.subtracting(request.tagsList.map(\.key))
    try TrailRules.checkTags(request.tagsList, existing: kept.count)
    try trails.store.setTags(request.tagsList, on: arn)
    return AddTagsResponse()
  }
}

/// `RemoveTags`: removes the tags with the given keys (values are not compared).
public enum RemoveTags: ServiceOperation {
  public static let name = "RemoveTags"
  public static func perform(_ request: RemoveTagsRequest, with services: StoreServices) throws
    -> RemoveTagsResponse
  {
    let trails = try services.trails()
    let arn = try taggedARN(request.resourceId, trails, services)
    try trails.store.removeTags(request.tagsList.map(\.key), from: arn)
    return RemoveTagsResponse()
  }
}

/// `ListTags`: the tags of each resource named, in the order named.
public enum ListTags: ServiceOperation {
  public static let name = "ListTags"
  public static func perform(_ request: ListTagsRequest, with services: StoreServices) throws
    -> ListTagsResponse
  {
    let trails = try services.trails()
    let list = try request.resourceIdList.map { id in
      let arn =
        try EventDataStoreService.tagged(id, with: services)?.arn ?? ChannelService.tagged(
          id, with: services)?.arn ?? LakeDashboards.tagged(id, with: services)?.arn
        ?? trails.taggedTrail(id).arn
      return ResourceTag(resourceId: arn, tagsList: try trails.store.tags(of: arn))
    }
    return ListTagsResponse(resourceTagList: list)
  }
}

/// `RegisterOrganizationDelegatedAdmin`: the management account names up to 3 member accounts that
/// may manage the organization's trails.
public enum RegisterOrganizationDelegatedAdmin: ServiceOperation {
  public static let name = "RegisterOrganizationDelegatedAdmin"
  public static let limit = 3
  public static func perform(
    _ request: RegisterOrganizationDelegatedAdminRequest, with services: StoreServices
  ) throws -> RegisterOrganizationDelegatedAdminResponse {
    let trails = try services.trails()
    let organization = try DelegatedAdmins.requireManagementAccount(trails)
    try TrailService.checkOrganizationFeatures(organization)
    let member = request.memberAccountId
    guard member != organization.managementAccount else {
      throw ServiceError(
        "CannotDelegateManagementAccountException",
        "Account \(member) is the organization's management account; it cannot be its own delegated administrator."
      )
    }
    guard organization.accounts.contains(member) else {
      throw ServiceError(
        "AccountNotFoundException", "Account \(member) is not a member of organization \(organization.id).")
    }
    let admins = try trails.store.delegatedAdmins()
    guard !admins.contains(member) else {
      throw ServiceError(
        "AccountRegisteredException", "Account \(member) is already a delegated administrator.")
    }
    guard admins.count < limit else {
      throw ServiceError(
        "DelegatedAdminAccountLimitExceededException",
        "The organization already has \(limit) delegated administrators: \(admins.joined(separator: ", ")).")
    }
    try trails.store.addDelegatedAdmin(member, at: trails.now)
    return RegisterOrganizationDelegatedAdminResponse()
  }
}

/// `DeregisterOrganizationDelegatedAdmin`: the account no longer manages the organization's trails.
public enum DeregisterOrganizationDelegatedAdmin: ServiceOperation {
  public static let name = "DeregisterOrganizationDelegatedAdmin"
  public static func perform(
    _ request: DeregisterOrganizationDelegatedAdminRequest, with services: StoreServices
  ) throws -> DeregisterOrganizationDelegatedAdminResponse {
    let trails = try services.trails()
    let organization = try DelegatedAdmins.requireManagementAccount(trails)
    try TrailService.checkOrganizationFeatures(organization)
    let member = request.delegatedAdminAccountId
    guard organization.accounts.contains(member) else {
      throw ServiceError(
        "AccountNotFoundException", "Account \(member) is not a member of organization \(organization.id).")
    }
    guard try trails.store.delegatedAdmins().contains(member) else {
      throw ServiceError(
        "AccountNotRegisteredException", "Account \(member) is not a delegated administrator.")
    }
    try trails.store.removeDelegatedAdmin(member)
    return DeregisterOrganizationDelegatedAdminResponse()
  }
}

enum DelegatedAdmins {
  /// The organization, when the caller is its management account.
  static func requireManagementAccount(_ trails: TrailService) throws -> OrganizationInfo {
    guard let organization = try trails.store.organization() else {
      throw ServiceError(
        "OrganizationsNotInUseException",
        "Account \(trails.account) is not in an organization (TrailDeck's demo organization comes with `traildeck demo`)."
      )
    }
    guard organization.managementAccount == trails.account else {
      throw ServiceError(
        "NotOrganizationManagementAccountException",
        "Only the management account (\(organization.managementAccount)) can change delegated administrators; the caller is \(trails.account)."
      )
    }
    return organization
  }
}
