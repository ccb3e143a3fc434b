import Foundation

// The Trails pane's calls, each through the operation the CLI and the API use, so the pane cannot
// drift from them.
extension StoreServices: TrailManaging {
  public func trailSummaries() throws -> [TrailSummary] {
    let trails = try DescribeTrails.perform(DescribeTrailsRequest(), with: self).trailList ?? []
    return try trails.compactMap { trail in
      guard let name = trail.name else { return nil }
      // Status by ARN: a shadow trail's name alone would name no trail of this region.
      let status = try GetTrailStatus.perform(
        GetTrailStatusRequest(name: trail.trailARN ?? name), with: self)
      return TrailSummary(
        name: name, arn: trail.trailARN ?? "", homeRegion: trail.homeRegion ?? "",
        s3BucketName: trail.s3BucketName ?? "", s3KeyPrefix: trail.s3KeyPrefix,
        isMultiRegionTrail: trail.isMultiRegionTrail ?? false,
        isOrganizationTrail: trail.isOrganizationTrail ?? false,
        logFileValidationEnabled: trail.logFileValidationEnabled ?? false,
        includeGlobalServiceEvents: trail.includeGlobalServiceEvents ?? true,
        isLogging: status.isLogging ?? false, latestDeliveryTime: status.latestDeliveryTime,
        latestDigestDeliveryTime: status.latestDigestDeliveryTime,
        latestNotificationTime: status.latestNotificationTime,
        latestDeliveryError: status.latestDeliveryError,
        latestDigestDeliveryError: status.latestDigestDeliveryError,
        latestNotificationError: status.latestNotificationError)
    }
  }

  public func setLogging(trail: String, on: Bool) throws {
    if on {
      _ = try StartLogging.perform(StartLoggingRequest(name: trail), with: self)
    } else {
      _ = try StopLogging.perform(StopLoggingRequest(name: trail), with: self)
    }
  }

  public func createTrail(_ request: CreateTrailRequest) throws -> String {
    try CreateTrail.perform(request, with: self).name ?? request.name
  }

  public func updateTrail(_ request: UpdateTrailRequest) throws -> String {
    try UpdateTrail.perform(request, with: self).name ?? request.name
  }

  public func eventSelectors(trail: String) throws -> GetEventSelectorsResponse {
    try GetEventSelectors.perform(GetEventSelectorsRequest(trailName: trail), with: self)
  }

  public func putEventSelectors(_ request: PutEventSelectorsRequest) throws {
    _ = try PutEventSelectors.perform(request, with: self)
  }

  public func previewSelectors(_ request: PutEventSelectorsRequest, window: Range<Date>) throws
    -> SelectorPreview
  {
    let selectors = SelectorSet(try EventSelectorConfiguration(validating: request))
    let trails = try trails()
    let trail = try trails.find(request.trailName)
    let organization = trail.isOrganizationTrail ? try trails.store.organization() : nil
    let accounts = Set(organization?.accounts ?? [trail.ownerAccount])
    var preview = SelectorPreview(matched: 0, scanned: 0)
    // Straight over the stored blocks: a day can hold far more events than paging could afford.
    try RecordScanner(connection: connection).scan(eventTimes: window) { record in
      preview.scanned += 1
      guard record.category != .insight, let json = try? JSONValue(parsing: record.bytes) else { return }
      // The events the trail would see at all, as delivery decides (`TrailDelivery.applies`): its
      // accounts, its regions, and global service events only when it includes them.
      guard case .string(let account)? = json["recipientAccountId"], accounts.contains(account),
        case .string(let region)? = json["awsRegion"]
      else { return }
      let event = SelectableEvent(record: json)
      let isGlobal = EventPlace.isGlobalService(region: region, source: event.eventSource ?? "")
      guard isGlobal ? trail.includeGlobalServiceEvents : trail.applies(in: region) else { return }
      if selectors.matches(event) { preview.matched += 1 }
    }
    return preview
  }
}
