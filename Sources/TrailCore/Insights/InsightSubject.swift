/// What one Insights period is about: an API of one account and region (and, for error rate, one error
/// code), over management or data events.
/// (`InsightType` is the service model's: `ApiCallRateInsight` or `ApiErrorRateInsight`.)
public struct InsightSubject: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var type: InsightType
  /// `.management` or `.data` (Insights on data events are for trails only).
  public var category: EventCategory
  public var accountId: String
  public var region: String
  public var eventSource: String
  public var eventName: String
  /// The error code of an `ApiErrorRateInsight`; nil for call rate.
  public var errorCode: String?

  public init(
    type: InsightType, category: EventCategory = .management, accountId: String, region: String,
    eventSource: String, eventName: String, errorCode: String? = nil
  ) {
    self.type = type
    self.category = category
    self.accountId = accountId
    self.region = region
    self.eventSource = eventSource
    self.eventName = eventName
    self.errorCode = errorCode
  }

  public static func < (a: InsightSubject, b: InsightSubject) -> Bool {
    (a.accountId, a.region, a.eventSource, a.eventName, a.type.rawValue, a.errorCode ?? "")
      < (b.accountId, b.region, b.eventSource, b.eventName, b.type.rawValue, b.errorCode ?? "")
  }

  /// `ApiCallRateInsight ec2.amazonaws.com RunInstances 111122223333 us-east-1` (and the error code).
  public var description: String {
    "\(type.rawValue) \(eventSource) \(eventName)\(errorCode.map { " \($0)" } ?? "") \(accountId) \(region)"
  }
}
