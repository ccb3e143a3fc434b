import Foundation

// CreateChannel, GetChannel, ListChannels, UpdateChannel, DeleteChannel (spec §9.1): channels carry
// events from outside AWS (PutAuditEvents) into ActivityAuditLog event data stores.

/// `CreateChannel`: a channel for one source, delivering to 1–200 of the caller's ActivityAuditLog
/// event data stores.
/// - Throws: `ServiceError` `InvalidParameterException`, `InvalidSourceException`,
///   `ChannelAlreadyExistsException`, `ChannelMaxLimitExceededException`, the destinations' store
///   errors, `InvalidTagParameterException`, `TagsLimitExceededException`.
public enum CreateChannel: ServiceOperation {
  public static let name = "CreateChannel"
  public static func perform(_ request: CreateChannelRequest, with services: StoreServices) throws
    -> CreateChannelResponse
  {
    let channel = try ChannelService(services).create(request)
    return CreateChannelResponse(
      channelArn: channel.arn, name: channel.name, source: channel.source, destinations: channel.destinations,
      tags: request.tags)
  }
}

/// `GetChannel`: the channel with its ingestion status (the latest PutAuditEvents attempt and
/// success); a service-linked channel also with its `SourceConfig`.
/// - Throws: `ServiceError` `ChannelARNInvalidException`, `ChannelNotFoundException`.
public enum GetChannel: ServiceOperation {
  public static let name = "GetChannel"
  public static func perform(_ request: GetChannelRequest, with services: StoreServices) throws
    -> GetChannelResponse
  {
    let channel = try ChannelService(services).find(request.channel)
    // SourceConfig describes a service-linked channel's own selection; channels users make have none.
    return GetChannelResponse(
      channelArn: channel.arn, name: channel.name, source: channel.source, sourceConfig: channel.sourceConfig,
      destinations: channel.destinations, ingestionStatus: channel.ingestion)
  }
}

/// `ListChannels`: the caller's channels in its region (service-linked ones too), ARN and name, in
/// creation order; `MaxResults` 1–1000 and `NextToken` page.
/// - Throws: `ServiceError` `InvalidNextTokenException`.
public enum ListChannels: ServiceOperation {
  public static let name = "ListChannels"
  public static func perform(_ request: ListChannelsRequest, with services: StoreServices) throws
    -> ListChannelsResponse
  {
    let page = try LakePage(maxResults: request.maxResults, nextToken: request.nextToken, kind: "channel")
    let (items, next) = page.slice(try ChannelService(services).visibleChannels())
    return ListChannelsResponse(
      channels: items.map { ChannelSummary(channelArn: $0.arn, name: $0.name) }, nextToken: next)
  }
}

/// `UpdateChannel`: a new name or destinations; the source never changes.
/// - Throws: `ServiceError` as `GetChannel`, `ChannelAlreadyExistsException`, the destinations' store
///   errors, `OperationNotPermittedException` on a service-linked channel.
public enum UpdateChannel: ServiceOperation {
  public static let name = "UpdateChannel"
  public static func perform(_ request: UpdateChannelRequest, with services: StoreServices) throws
    -> UpdateChannelResponse
  {
    let channel = try ChannelService(services).update(request)
    return UpdateChannelResponse(
      channelArn: channel.arn, name: channel.name, source: channel.source, destinations: channel.destinations)
  }
}

/// `DeleteChannel`: the integration stops (PutAuditEvents answers ChannelNotFound); what it
/// delivered stays in its event data stores.
/// - Throws: `ServiceError` as `GetChannel`, `OperationNotPermittedException` on a service-linked
///   channel.
public enum DeleteChannel: ServiceOperation {
  public static let name = "DeleteChannel"
  public static func perform(_ request: DeleteChannelRequest, with services: StoreServices) throws
    -> DeleteChannelResponse
  {
    try ChannelService(services).delete(request.channel)
    return DeleteChannelResponse()
  }
}
