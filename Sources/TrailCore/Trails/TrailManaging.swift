import Foundation

/// What the UI's Trails pane asks of the store: the trail operations it drives, as one protocol so the
/// UI's effect dispatcher stays the one place that calls them (and tests can stand in for the store).
///
/// `StoreServices` conforms by calling the operations (`DescribeTrails`, `GetTrailStatus`, …), so the pane
/// sees exactly what the CLI and the API see, `ServiceError`s included.
public protocol TrailManaging: AnyObject {
  /// The trails of the caller's account and region (DescribeTrails) with their status (GetTrailStatus).
  func trailSummaries() throws -> [TrailSummary]
  /// StartLogging (`on`) or StopLogging.
  func setLogging(trail: String, on: Bool) throws
  /// CreateTrail; returns the new trail's name.
  func createTrail(_ request: CreateTrailRequest) throws -> String
  /// UpdateTrail; returns the trail's name.
  func updateTrail(_ request: UpdateTrailRequest) throws -> String
  /// GetEventSelectors.
  func eventSelectors(trail: String) throws -> GetEventSelectorsResponse
  /// PutEventSelectors.
  func putEventSelectors(_ request: PutEventSelectorsRequest) throws
  /// How many stored events with an eventTime in `window` the trail of `request` would log with its
  /// selectors — its accounts and regions, global service events if it includes them, then the
  /// selectors — without storing them; throws PutEventSelectors' validation errors.
  func previewSelectors(_ request: PutEventSelectorsRequest, window: Range<Date>) throws -> SelectorPreview
}

/// One row of the Trails pane: a trail's configuration and its delivery status in the caller's region.
public struct TrailSummary: Equatable, Sendable {
  public var name: String
  public var arn: String
  public var homeRegion: String
  public var s3BucketName: String
  public var s3KeyPrefix: String?
  public var isMultiRegionTrail: Bool
  public var isOrganizationTrail: Bool
  public var logFileValidationEnabled: Bool
  public var includeGlobalServiceEvents: Bool
  public var isLogging: Bool
  public var latestDeliveryTime: Date?
  public var latestDigestDeliveryTime: Date?
  public var latestNotificationTime: Date?
  /// Empty or nil when the last delivery worked.
  public var latestDeliveryError: String?
  public var latestDigestDeliveryError: String?
  public var latestNotificationError: String?

  /// A row with the given configuration and status; omitted members are a new trail's defaults.
  public init(
    name: String, arn: String = "", homeRegion: String, s3BucketName: String, s3KeyPrefix: String? = nil,
    isMultiRegionTrail: Bool = false, isOrganizationTrail: Bool = false,
    logFileValidationEnabled: Bool = false, includeGlobalServiceEvents: Bool = true, isLogging: Bool = false,
    latestDeliveryTime: Date? = nil, latestDigestDeliveryTime: Date? = nil,
    latestNotificationTime: Date? = nil,
    latestDeliveryError: String? = nil, latestDigestDeliveryError: String? = nil,
    latestNotificationError: String? = nil
  ) {
    self.name = name
    self.arn = arn
    self.homeRegion = homeRegion
    self.s3BucketName = s3BucketName
    self.s3KeyPrefix = s3KeyPrefix
    self.isMultiRegionTrail = isMultiRegionTrail
    self.isOrganizationTrail = isOrganizationTrail
    self.logFileValidationEnabled = logFileValidationEnabled
    self.includeGlobalServiceEvents = includeGlobalServiceEvents
    self.isLogging = isLogging
    self.latestDeliveryTime = latestDeliveryTime
    self.latestDigestDeliveryTime = latestDigestDeliveryTime
    self.latestNotificationTime = latestNotificationTime
    self.latestDeliveryError = latestDeliveryError
    self.latestDigestDeliveryError = latestDigestDeliveryError
    self.latestNotificationError = latestNotificationError
  }

  /// The most recent delivery error of any kind (log file, digest, notification), if there is one.
  public var lastError: String? {
    [latestDeliveryError, latestDigestDeliveryError, latestNotificationError].compactMap { $0 }.first {
      !$0.isEmpty
    }
  }
}

/// What a selector preview found: how many events of the window the selectors select, of how many.
public struct SelectorPreview: Equatable, Sendable {
  /// Events the trail would log.
  public var matched: Int
  /// Events stored in the window.
  public var scanned: Int

  /// A preview of `matched` events out of `scanned`.
  public init(matched: Int, scanned: Int) {
    self.matched = matched
    self.scanned = scanned
  }
}
