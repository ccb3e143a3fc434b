import Foundation

/// A trail as the store keeps it: every member of the model's `Trail`, its selectors and its logging
/// state. One JSON document per trail (`trails.configuration`), read and written whole.
struct TrailRecord: Codable, Equatable, Sendable {
  var name: String
  var ownerAccount: String
  var homeRegion: String
  var s3BucketName: String
  var s3KeyPrefix: String?
  var snsTopicName: String?
  var includeGlobalServiceEvents: Bool
  var isMultiRegionTrail: Bool
  var logFileValidationEnabled: Bool
  var cloudWatchLogsLogGroupArn: String?
  var cloudWatchLogsRoleArn: String?
  var kmsKeyId: String?
  var isOrganizationTrail: Bool
  /// The organization an organization trail belongs to (`o-…`), whose member accounts see it.
  var organizationId: String?
  /// `EventSelectors` / `AdvancedEventSelectors` as last put (both nil: a new trail's defaults).
  var eventSelectors: [EventSelector]?
  var advancedEventSelectors: [AdvancedEventSelector]?
  /// `InsightSelectors` as last put (nil or empty: Insights off).
  var insightSelectors: [InsightSelector]?
  /// When each insight type (and event category: `ApiCallRateInsight/Management`) was last turned on:
  /// no Insights event of it before 36 hours of the clock after this (spec §7.2). Turning a type off
  /// forgets it, so turning it on again restarts the wait.
  var insightsEnabledTimes: [String: Date]?
  var isLogging: Bool
  var startLoggingTime: Date?
  var stopLoggingTime: Date?

  /// `arn:aws:cloudtrail:HOME:OWNER:trail/NAME`.
  var arn: String { TrailARN.make(region: homeRegion, account: ownerAccount, name: name) }

  /// `arn:aws:sns:HOME:OWNER:TOPIC` for the topic's name (an ARN is kept as given).
  var snsTopicARN: String? {
    snsTopicName.map {
      $0.hasPrefix("arn:") ? $0 : "arn:\(Partition.name):sns:\(homeRegion):\(ownerAccount):\($0)"
    }
  }

  /// The trail's selectors: those last put, else a new trail's.
  var selectors: EventSelectorConfiguration {
    get {
      if let advancedEventSelectors { return .advanced(advancedEventSelectors) }
      return eventSelectors.map { .basic($0) } ?? .newTrail
    }
    set {
      switch newValue {
      case .basic(let basic): (eventSelectors, advancedEventSelectors) = (basic, nil)
      case .advanced(let advanced): (eventSelectors, advancedEventSelectors) = (nil, advanced)
      }
    }
  }

  var hasCustomEventSelectors: Bool { selectors.hasCustomEventSelectors }
  var hasInsightSelectors: Bool { !(insightSelectors ?? []).isEmpty }

  /// The `insightsEnabledTimes` keys the trail's selectors turn on.
  var enabledInsightKeys: Set<String> {
    Set(
      (insightSelectors ?? []).flatMap { selector in
        (selector.eventCategories ?? ["Management"]).map { "\(selector.insightType?.rawValue ?? "")/\($0)" }
      })
  }

  /// New selectors, keeping the enabling time of what stays on and stamping `now` on what turns on.
  mutating func setInsightSelectors(_ selectors: [InsightSelector], now: Date) {
    insightSelectors = selectors.isEmpty ? nil : selectors
    let before = insightsEnabledTimes ?? [:]
    var times: [String: Date] = [:]
    for key in enabledInsightKeys { times[key] = before[key] ?? now }
    insightsEnabledTimes = times.isEmpty ? nil : times
  }

  /// Whether the trail applies in `region` (its home region, or every region when multi-region).
  func applies(in region: String) -> Bool { isMultiRegionTrail || homeRegion == region }

  /// The model's `Trail`, as DescribeTrails and GetTrail return it.
  var shape: Trail {
    Trail(
      name: name, s3BucketName: s3BucketName, s3KeyPrefix: s3KeyPrefix, snsTopicName: snsTopicName,
      snsTopicARN: snsTopicARN, includeGlobalServiceEvents: includeGlobalServiceEvents,
      isMultiRegionTrail: isMultiRegionTrail, homeRegion: homeRegion, trailARN: arn,
      logFileValidationEnabled: logFileValidationEnabled,
      cloudWatchLogsLogGroupArn: cloudWatchLogsLogGroupArn,
      cloudWatchLogsRoleArn: cloudWatchLogsRoleArn, kmsKeyId: kmsKeyId,
      hasCustomEventSelectors: hasCustomEventSelectors, hasInsightSelectors: hasInsightSelectors,
      isOrganizationTrail: isOrganizationTrail)
  }
}

/// Trail ARNs: `arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME`.
public enum TrailARN {
  public static func make(region: String, account: String, name: String) -> String {
    "arn:\(Partition.name):cloudtrail:\(region):\(account):trail/\(name)"
  }

  /// The parts of a trail ARN, or nil when `text` is not one.
  public static func parse(_ text: String) -> (region: String, account: String, name: String)? {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "cloudtrail",
      !parts[3].isEmpty, parts[4].count == 12, parts[4].allSatisfy(\.isNumber), parts[5].hasPrefix("trail/")
    else { return nil }
    let name = String(parts[5].dropFirst("trail/".count))
    guard !name.isEmpty else { return nil }
    return (parts[3], parts[4], name)
  }
}
