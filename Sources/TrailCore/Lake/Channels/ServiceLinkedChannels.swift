import Foundation

/// What an AWS service asks for when it makes a service-linked channel (spec §9.1, G:SLC).
public struct ServiceLinkedChannelRequest: Equatable, Sendable {
  /// The service's name as the channel's name and destination carry it, e.g. `securitylake`.
  public var service: String
  /// The last part of the name, chosen by the service.
  public var suffix: String
  /// Which CloudTrail events the channel receives, and from which regions.
  public var sourceConfig: SourceConfig
  /// The channel's ID (a lower-case UUID) when the caller fixes it (the demo does, so that its
  /// `CreateServiceLinkedChannel` record names the channel's ARN); nil draws a new one.
  public var channelID: String?

  /// A request for `aws-service-channel/<service>/<suffix>`.
  public init(service: String, suffix: String, sourceConfig: SourceConfig, channelID: String? = nil) {
    self.service = service
    self.suffix = suffix
    self.sourceConfig = sourceConfig
    self.channelID = channelID
  }
}

/// Service-linked channels: channels AWS services create to receive CloudTrail events on the
/// account's behalf (G:SLC). Their name is `aws-service-channel/<service>/<suffix>` (outside
/// CreateChannel's pattern: the system makes it), their `Source` is `CloudTrail`, their one
/// destination is `{Type: AWS_SERVICE, Location: <service>}`, and their `SourceConfig` (advanced
/// event selectors and ApplyToAllRegions) is the service's. They do not count against the 25
/// channels of an account and region.
///
/// Users list and get them; UpdateChannel, DeleteChannel and Put/DeleteResourcePolicy refuse them
/// with `OperationNotPermittedException` (the one exception all four list in the model that says "not
/// permitted" rather than "not supported"), and PutAuditEvents with `ChannelUnsupportedSchema` (they
/// carry CloudTrail events, not the integration schema).
public enum ServiceLinkedChannels {
  /// The fixed first part of every service-linked channel's name.
  public static let namePrefix = "aws-service-channel/"
  /// The `Source` of every service-linked channel.
  public static let source = "CloudTrail"

  /// `aws-service-channel/<service>/<suffix>`.
  public static func name(service: String, suffix: String) -> String {
    "\(namePrefix)\(service)/\(suffix)"
  }

  /// Makes the channel in `services`' account and region at the clock's now, as the AWS service
  /// would. This is not a CloudTrail API (no CLI command or server route calls it): the demo's
  /// simulator and tests stand in for the service.
  /// - Throws: `ServiceError` `InvalidParameterException` (service, suffix or ID not of their
  ///   shape), `InvalidEventSelectorsException` (selectors checked as an event data store's),
  ///   `ChannelAlreadyExistsException` (that name or ID exists).
  @discardableResult
  public static func create(_ request: ServiceLinkedChannelRequest, with services: StoreServices) throws
    -> ChannelRecord
  {
    try ChannelService(services).createServiceLinked(request)
  }

  /// Refuses `action` ("update", "delete", …) on a service-linked channel; others pass.
  /// - Throws: `ServiceError` `OperationNotPermittedException` naming the managing service.
  static func refuseChange(of channel: ChannelRecord, _ action: String) throws(ServiceError) {
    guard let service = channel.managingService else { return }
    throw ServiceError(
      "OperationNotPermittedException",
      "Channel \(channel.name) (\(channel.arn)) is a service-linked channel managed by \(service): only \(service) can \(action) it."
    )
  }

  /// PutAuditEvents' answer for a service-linked channel (whole request, nothing stored).
  static func unsupportedSchema(_ channel: ChannelRecord) -> ServiceError {
    ServiceError(
      "ChannelUnsupportedSchema",
      "Channel \(channel.arn) is a service-linked channel managed by \(channel.managingService ?? "an AWS service"): it receives CloudTrail events, not audit events from PutAuditEvents."
    )
  }

  static func checkShape(_ request: ServiceLinkedChannelRequest) throws(ServiceError) {
    let name = Self.name(service: request.service, suffix: request.suffix)
    guard request.service.range(of: #"^[a-z0-9][a-z0-9.-]*$"#, options: .regularExpression) != nil,
      request.suffix.range(of: #"^[A-Za-z0-9._-]+$"#, options: .regularExpression) != nil,
      name.count <= 128
    else {
      throw ServiceError(
        "InvalidParameterException",
        "Service-linked channel name '\(name)' is not valid: aws-service-channel/SERVICE/SUFFIX, a service of lower-case letters, digits, '.' and '-', a suffix of letters, digits, '.', '_' and '-', 128 characters at most."
      )
    }
    if let id = request.channelID, !EventDataStoreARN.isID(id) {
      throw ServiceError(
        "InvalidParameterException", "Channel ID '\(id)' is not valid: expected a UUID.")
    }
  }
}

extension ChannelService {
  /// See `ServiceLinkedChannels.create`.
  func createServiceLinked(_ request: ServiceLinkedChannelRequest) throws -> ChannelRecord {
    try ServiceLinkedChannels.checkShape(request)
    let selectors = request.sourceConfig.advancedEventSelectors ?? []
    guard !selectors.isEmpty else {
      throw ServiceError.invalidEventSelectors(
        "A service-linked channel's SourceConfig must have at least one advanced event selector.")
    }
    try EventSelectorValidation.validate(advanced: selectors, for: .eventDataStore)
    let name = ServiceLinkedChannels.name(service: request.service, suffix: request.suffix)
    let id = (request.channelID ?? UUID().uuidString).lowercased()
    if try visibleChannels().contains(where: { $0.name == name })
      || ChannelCatalog.find(id, connection: connection) != nil
    {
      throw ServiceError(
        "ChannelAlreadyExistsException",
        "A channel named \(name) or with ID \(id) already exists in \(region).")
    }
    var channel = ChannelRecord(
      rowID: 0, id: id, arn: ChannelARN(region: region, account: account, id: id).text, name: name,
      source: ServiceLinkedChannels.source,
      destinations: [Destination(type: ChannelRules.awsServiceType, location: request.service)],
      account: account, region: region, createdTimestamp: stores.now, ingestion: IngestionStatus(),
      sourceConfig: SourceConfig(
        applyToAllRegions: request.sourceConfig.applyToAllRegions ?? false, advancedEventSelectors: selectors)
    )
    channel.rowID = try ChannelCatalog.save(channel, connection: connection)
    return channel
  }
}

extension ChannelRecord {
  /// Whether a service-linked channel receives `event`, recorded in `region`: its selectors match (the
  /// evaluator trails and event data stores use) and the event is from its region unless it applies to
  /// all regions. Always false for a channel users create, which takes audit events instead.
  public func selects(_ event: SelectableEvent, in region: String) -> Bool {
    guard let sourceConfig, let selectors = sourceConfig.advancedEventSelectors else { return false }
    guard sourceConfig.applyToAllRegions == true || region == self.region else { return false }
    return SelectorSet(advanced: selectors).matches(event)
  }
}
