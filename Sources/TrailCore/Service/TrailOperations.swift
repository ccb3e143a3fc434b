import Foundation

// The trail operations (spec §3): each a thin translation between the API's shapes and
// `TrailService`, which holds the rules.

/// `CreateTrail`: a trail in the caller's region, not logging until `StartLogging`.
public enum CreateTrail: ServiceOperation {
  public static let name = "CreateTrail"
  public static func perform(_ request: CreateTrailRequest, with services: StoreServices) throws
    -> CreateTrailResponse
  {
    CreateTrailResponse(try services.trails().create(request).shape)
  }
}

/// `UpdateTrail`: changes apply at once, in the trail's home region only.
public enum UpdateTrail: ServiceOperation {
  public static let name = "UpdateTrail"
  public static func perform(_ request: UpdateTrailRequest, with services: StoreServices) throws
    -> UpdateTrailResponse
  {
    UpdateTrailResponse(try services.trails().update(request).shape)
  }
}

/// `DeleteTrail`: the trail goes; its bucket and log files stay.
public enum DeleteTrail: ServiceOperation {
  public static let name = "DeleteTrail"
  public static func perform(_ request: DeleteTrailRequest, with services: StoreServices) throws
    -> DeleteTrailResponse
  {
    try services.trails().delete(request.name)
    return DeleteTrailResponse()
  }
}

/// `GetTrail`: one trail the caller sees in its region, by name or ARN.
public enum GetTrail: ServiceOperation {
  public static let name = "GetTrail"
  public static func perform(_ request: GetTrailRequest, with services: StoreServices) throws
    -> GetTrailResponse
  {
    GetTrailResponse(trail: try services.trails().find(request.name).shape)
  }
}

/// `DescribeTrails`: the trails of the caller's region (shadow trails of multi-region trails unless
/// `includeShadowTrails` is false), or those named: names match trails of this region, ARNs any.
public enum DescribeTrails: ServiceOperation {
  public static let name = "DescribeTrails"
  public static func perform(_ request: DescribeTrailsRequest, with services: StoreServices) throws
    -> DescribeTrailsResponse
  {
    let trails = try services.trails()
    var visible = try trails.visibleTrails(in: trails.region)
    if request.includeShadowTrails == false { visible = visible.filter { $0.homeRegion == trails.region } }
    if let names = request.trailNameList, !names.isEmpty {
      var chosen: [TrailRecord] = []
      for name in names {
        let reference = try TrailRules.reference(name)
        let matches = visible.filter { trail in
          reference.arn != nil ? trail.arn == name : trail.name == name && trail.homeRegion == trails.region
        }
        for trail in matches where !chosen.contains(trail) { chosen.append(trail) }
      }
      visible = chosen
    }
    return DescribeTrailsResponse(trailList: visible.map(\.shape))
  }
}

/// `ListTrails`: every trail the account sees, in every region, once each (one page).
public enum ListTrails: ServiceOperation {
  public static let name = "ListTrails"
  public static func perform(_ request: ListTrailsRequest, with services: StoreServices) throws
    -> ListTrailsResponse
  {
    let trails = try services.trails()
    let organization = try trails.store.organization()
    let seen = try trails.store.allTrails().filter { trails.isVisible($0, organization: organization) }
    return ListTrailsResponse(
      trails: seen.map { TrailInfo(trailARN: $0.arn, name: $0.name, homeRegion: $0.homeRegion) })
  }
}

/// `GetTrailStatus`: whether the trail logs, and what its deliveries in the caller's region last did.
public enum GetTrailStatus: ServiceOperation {
  public static let name = "GetTrailStatus"
  public static func perform(_ request: GetTrailStatusRequest, with services: StoreServices) throws
    -> GetTrailStatusResponse
  {
    let trails = try services.trails()
    let trail = try trails.find(request.name)
    let status = try trails.store.status(arn: trail.arn, region: trails.region)
    func iso(_ date: Date?) -> String { date.map { ISO8601Time.format($0) } ?? "" }
    // The deprecated string members are still sent by AWS (spec §3.5): empty until there is a time.
    return GetTrailStatusResponse(
      isLogging: trail.isLogging, latestDeliveryError: status.latestDeliveryError,
      latestNotificationError: status.latestNotificationError, latestDeliveryTime: status.latestDeliveryTime,
      latestNotificationTime: status.latestNotificationTime, startLoggingTime: trail.startLoggingTime,
      stopLoggingTime: trail.stopLoggingTime,
      latestCloudWatchLogsDeliveryError: status.latestCloudWatchLogsDeliveryError,
      latestCloudWatchLogsDeliveryTime: status.latestCloudWatchLogsDeliveryTime,
      latestDigestDeliveryTime: status.latestDigestDeliveryTime,
      latestDigestDeliveryError: status.latestDigestDeliveryError,
      latestDeliveryAttemptTime: iso(status.latestDeliveryAttemptTime),
      latestNotificationAttemptTime: iso(status.latestNotificationAttemptTime),
      latestNotificationAttemptSucceeded: iso(status.latestNotificationAttemptSucceeded),
      latestDeliveryAttemptSucceeded: iso(status.latestDeliveryAttemptSucceeded),
      timeLoggingStarted: iso(trail.startLoggingTime),
      timeLoggingStopped: trail.isLogging ? "" : iso(trail.stopLoggingTime))
  }
}

/// `StartLogging`: the trail delivers the events that happen from now on.
public enum StartLogging: ServiceOperation {
  public static let name = "StartLogging"
  public static func perform(_ request: StartLoggingRequest, with services: StoreServices) throws
    -> StartLoggingResponse
  {
    try services.trails().setLogging(request.name, on: true)
    return StartLoggingResponse()
  }
}

/// `StopLogging`: the trail stops delivering (events up to now are still delivered).
public enum StopLogging: ServiceOperation {
  public static let name = "StopLogging"
  public static func perform(_ request: StopLoggingRequest, with services: StoreServices) throws
    -> StopLoggingResponse
  {
    try services.trails().setLogging(request.name, on: false)
    return StopLoggingResponse()
  }
}

// CreateTrail's and UpdateTrail's responses are the `Trail` shape less its selector and home-region
// members.
extension CreateTrailResponse {
  init(_ trail: Trail) {
    self.init(
      name: trail.name, s3BucketName: trail.s3BucketName, s3KeyPrefix: trail.s3KeyPrefix,
      snsTopicName: trail.snsTopicName, snsTopicARN: trail.snsTopicARN,
      includeGlobalServiceEvents: trail.includeGlobalServiceEvents,
      isMultiRegionTrail: trail.isMultiRegionTrail,
      trailARN: trail.trailARN, logFileValidationEnabled: trail.logFileValidationEnabled,
      cloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
      cloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
      kmsKeyId: trail.kmsKeyId, isOrganizationTrail: trail.isOrganizationTrail)
  }
}

extension UpdateTrailResponse {
  init(_ trail: Trail) {
    let created = CreateTrailResponse(trail)
    self.init(
      name: created.name, s3BucketName: created.s3BucketName, s3KeyPrefix: created.s3KeyPrefix,
      snsTopicName: created.snsTopicName, snsTopicARN: created.snsTopicARN,
      includeGlobalServiceEvents: created.includeGlobalServiceEvents,
      isMultiRegionTrail: created.isMultiRegionTrail,
      trailARN: created.trailARN, logFileValidationEnabled: created.logFileValidationEnabled,
      cloudWatchLogsLogGroupArn: created.cloudWatchLogsLogGroupArn,
      cloudWatchLogsRoleArn: created.cloudWatchLogsRoleArn,
      kmsKeyId: created.kmsKeyId, isOrganizationTrail: created.isOrganizationTrail)
  }
}
