import Foundation

/// cloudtrail-data's `PutAuditEvents` (spec §9.3): 1–100 events from outside AWS, at most 1 MB, into a
/// channel's event data stores. Good events are stored with the fields CloudTrail adds and their new
/// eventIDs returned in `successful`; bad ones are named in `failed` with their error code; the good
/// ones of a call commit together or not at all.
///
/// The caller is `services.context`'s account: the channel's owner may call unless its resource
/// policy denies it; any other account needs a statement that allows it (with the `externalId` its
/// condition asks for).
/// - Throws: `ServiceError` `InvalidChannelARN`, `ChannelNotFound`, `ChannelUnsupportedSchema` (a
///   service-linked channel, which carries CloudTrail events), `ChannelInsufficientPermission`,
///   `DuplicatedAuditEventId`,
///   `ValidationException` (no events, more than 100, over 1 MB, a bad externalId).
public enum PutAuditEvents: ServiceOperation {
  public static let name = "PutAuditEvents"
  /// At most this many events per call, of at most this many bytes of eventData in all (G:LIM).
  public static let maxEvents = 100
  public static let maxBytes = 1_048_576

  public static func perform(_ request: PutAuditEventsRequest, with services: StoreServices) throws
    -> PutAuditEventsResponse
  {
    let context = services.context
    let channel = try channel(request.channelArn, services: services)
    try checkRequest(request)
    let connection = try services.trails().store.connection
    let policy = try ChannelCatalog.policy(of: channel.arn, connection: connection).map {
      try ResourcePolicy($0, kind: .channel, arn: channel.arn)
    }
    let allowed =
      policy?.allowsPutAuditEvents(
        account: context.account, owner: channel.account, externalId: request.externalId)
      ?? (context.account == channel.account)
    guard allowed else {
      throw ServiceError(
        "ChannelInsufficientPermission",
        "Account \(context.account) may not put audit events on channel \(channel.arn)"
          + (policy == nil
            ? ": it has no resource policy, so only its owner \(channel.account) may."
            : ": no statement of its resource policy allows it (check the principals and the externalId)."))
    }
    // After the permission check, so another account learns nothing of a channel it may not use.
    guard !channel.isServiceLinked else { throw ServiceLinkedChannels.unsupportedSchema(channel) }
    let check = AuditEventCheck(
      channel: channel, region: context.callerRegion, ingestionTime: services.clock.now())
    var records: [[UInt8]] = []
    var successful: [AuditEventResultEntry] = []
    var failed: [ResultErrorEntry] = []
    for event in request.auditEvents {
      let eventID = UUID().uuidString.lowercased()
      switch check.check(event, eventID: eventID) {
      case .accepted(let accepted):
        records.append(accepted.record)
        successful.append(AuditEventResultEntry(eventID: eventID, id: event.id))
      case .refused(let entry):
        failed.append(entry)
      }
    }
    let writer =
      services.auditEventWriter ?? AuditEventWriter(databasePath: context.databasePath, clock: context.clock)
    try writer.store(
      AuditEventWriter.Work(
        channel: channel, records: records, lastEventID: successful.last?.eventID,
        failedCode: failed.last?.errorCode))
    if services.auditEventWriter == nil { writer.finish() }
    return PutAuditEventsResponse(failed: failed, successful: successful)
  }

  /// The channel named by ARN or ID, in the caller's region, whatever account owns it.
  static func channel(_ reference: String, services: StoreServices) throws -> ChannelRecord {
    let isARN = reference.hasPrefix("arn:")
    guard isARN ? ChannelARN(reference) != nil : EventDataStoreARN.isID(reference) else {
      throw ServiceError(
        "InvalidChannelARN",
        "The channel ARN \(reference) is not valid: expected arn:aws:cloudtrail:REGION:ACCOUNT:channel/ID or the ID."
      )
    }
    let region = services.context.callerRegion
    guard let channel = try ChannelCatalog.find(reference, connection: services.connection),
      channel.region == region, isARN || channel.account == services.context.account
    else {
      throw ServiceError(
        "ChannelNotFound", "Channel \(reference) was not found in \(region).")
    }
    return channel
  }

  static func checkRequest(_ request: PutAuditEventsRequest) throws {
    let events = request.auditEvents
    guard (1...maxEvents).contains(events.count) else {
      throw ServiceError(
        "ValidationException", "auditEvents must hold 1 to \(maxEvents) events; got \(events.count).")
    }
    let bytes = events.reduce(0) { $0 + $1.eventData.utf8.count }
    guard bytes <= maxBytes else {
      throw ServiceError(
        "ValidationException", "The events' eventData are \(bytes) bytes in all; a call takes at most 1 MB.")
    }
    if let externalId = request.externalId,
      externalId.range(of: #"^[\w+=,.@:\/-]{2,1224}$"#, options: .regularExpression) == nil
    {
      throw ServiceError(
        "ValidationException",
        "externalId '\(externalId)' is not valid: 2 to 1224 of letters, digits and +=,.@:/-_.")
    }
    var seen: Set<String> = []
    for event in events where !seen.insert(event.id).inserted {
      throw ServiceError(
        "DuplicatedAuditEventId",
        "Two audit events of this call have the id '\(event.id)'; ids must be unique.")
    }
  }
}
