import Foundation

// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy: policies on channels, event data stores
// and dashboards (spec §9.2). A channel's policy decides who else may call PutAuditEvents on it; an
// event data store's or dashboard's is validated and kept (TrailDeck shows stores to their own
// account only, so no cross-account call reads it yet).

/// The resource a policy operation names, as the caller sees it, and the kind of policy it takes;
/// `changing` names what a Put or Delete would do, which a service-linked channel refuses.
/// - Throws: `ResourceARNNotValidException`, `ResourceTypeNotSupportedException`,
///   `ResourceNotFoundException`, `OperationNotPermittedException`.
private func policyResource(_ arn: String, _ services: StoreServices, changing: String? = nil) throws
  -> (ResourcePolicy.Kind, String)
{
  let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
  guard parts.count == 6, parts[0] == "arn", parts[2] == "cloudtrail" else {
    throw ServiceError(
      "ResourceARNNotValidException",
      "'\(arn)' is not a valid resource ARN: expected arn:aws:cloudtrail:REGION:ACCOUNT:TYPE/ID of a channel, event data store or dashboard."
    )
  }
  let type = parts[5].prefix { $0 != "/" }
  func notFound() -> ServiceError {
    ServiceError("ResourceNotFoundException", "The resource \(arn) was not found.")
  }
  switch type {
  case "channel":
    guard ChannelARN(arn) != nil else {
      throw ServiceError("ResourceARNNotValidException", "'\(arn)' is not a valid channel ARN.")
    }
    let channel: ChannelRecord
    do {
      channel = try ChannelService(services).find(arn)
    } catch let error as ServiceError where error.exceptionName == "ChannelNotFoundException" {
      throw notFound()
    }
    if let changing { try ServiceLinkedChannels.refuseChange(of: channel, changing) }
    return (.channel, channel.arn)
  case "eventdatastore":
    guard EventDataStoreARN(arn) != nil else {
      throw ServiceError("ResourceARNNotValidException", "'\(arn)' is not a valid event data store ARN.")
    }
    do {
      let stores = try EventDataStoreService(services)
      let store = try stores.find(arn)
      try stores.requireActive(store)
      return (.eventDataStore, store.arn)
    } catch let error as ServiceError where error.exceptionName == "EventDataStoreNotFoundException" {
      throw notFound()
    }
  case "dashboard":
    guard DashboardARN(arn) != nil else {
      throw ServiceError("ResourceARNNotValidException", "'\(arn)' is not a valid dashboard ARN.")
    }
    do {
      return (.dashboard, try LakeDashboards(services).find(arn).arn)
    } catch let error as ServiceError where error.exceptionName == "ResourceNotFoundException" {
      throw notFound()
    }
  default:
    throw ServiceError(
      "ResourceTypeNotSupportedException",
      "Resource policies attach to channels, event data stores and dashboards, not to '\(type)' resources.")
  }
}

private func policyNotFound(_ arn: String) -> ServiceError {
  ServiceError("ResourcePolicyNotFoundException", "The resource \(arn) has no resource policy.")
}

/// `PutResourcePolicy`: attaches (or replaces) the policy, validated for the resource's kind.
public enum PutResourcePolicy: ServiceOperation {
  public static let name = "PutResourcePolicy"
  public static func perform(_ request: PutResourcePolicyRequest, with services: StoreServices) throws
    -> PutResourcePolicyResponse
  {
    let (kind, arn) = try policyResource(
      request.resourceArn, services, changing: "put a resource policy on")
    _ = try ResourcePolicy(request.resourcePolicy, kind: kind, arn: arn)
    try ChannelCatalog.setPolicy(
      request.resourcePolicy, of: arn, at: services.clock.now(),
      connection: try services.trails().store.connection)
    return PutResourcePolicyResponse(resourceArn: arn, resourcePolicy: request.resourcePolicy)
  }
}

/// `GetResourcePolicy`: the policy as it was put.
public enum GetResourcePolicy: ServiceOperation {
  public static let name = "GetResourcePolicy"
  public static func perform(_ request: GetResourcePolicyRequest, with services: StoreServices) throws
    -> GetResourcePolicyResponse
  {
    let (_, arn) = try policyResource(request.resourceArn, services)
    guard let policy = try ChannelCatalog.policy(of: arn, connection: try services.trails().store.connection)
    else { throw policyNotFound(arn) }
    return GetResourcePolicyResponse(resourceArn: arn, resourcePolicy: policy)
  }
}

/// `DeleteResourcePolicy`: a channel without a policy takes PutAuditEvents from its owner only.
public enum DeleteResourcePolicy: ServiceOperation {
  public static let name = "DeleteResourcePolicy"
  public static func perform(_ request: DeleteResourcePolicyRequest, with services: StoreServices) throws
    -> DeleteResourcePolicyResponse
  {
    let (_, arn) = try policyResource(
      request.resourceArn, services, changing: "delete the resource policy of")
    let connection = try services.trails().store.connection
    guard try ChannelCatalog.policy(of: arn, connection: connection) != nil else { throw policyNotFound(arn) }
    try ChannelCatalog.setPolicy(nil, of: arn, at: services.clock.now(), connection: connection)
    return DeleteResourcePolicyResponse()
  }
}
