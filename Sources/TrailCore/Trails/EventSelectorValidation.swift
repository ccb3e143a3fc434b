// CloudTrail's exceptions for selectors, named as the service model names them.
extension ServiceError {
  /// `InvalidEventSelectorsException`: PutEventSelectors' (and the Lake's) selectors break a rule.
  public static func invalidEventSelectors(_ message: String) -> ServiceError {
    ServiceError("InvalidEventSelectorsException", message)
  }
  /// `InvalidInsightSelectorsException`: PutInsightSelectors' selectors break a rule.
  public static func invalidInsightSelectors(_ message: String) -> ServiceError {
    ServiceError("InvalidInsightSelectorsException", message)
  }
}

/// Where advanced selectors are applied: the fields and categories allowed differ (spec §4.2).
public enum SelectorTarget: Sendable, Equatable {
  /// A trail (PutEventSelectors).
  case trail
  /// A CloudTrail Lake event data store (CreateEventDataStore/UpdateEventDataStore): at most 5 advanced
  /// selectors, more fields for management events, and the Lake-only categories.
  case eventDataStore
}

/// The rules of spec §4 that CloudTrail enforces on event selectors, each refused with
/// InvalidEventSelectorsException and a message naming the selector, the member and the offending value.
/// Rules are checked in a fixed order (request, then each selector in order, then totals) so that a
/// request breaking several rules always gets the same message.
///
/// Inferred rules (the sources do not state them; each is what CloudTrail's modelled errors make likely):
/// - a request with neither `EventSelectors` nor `AdvancedEventSelectors`, or with both, is refused with
///   InvalidEventSelectorsException: PutEventSelectors' modelled errors do not include
///   InvalidParameterCombinationException;
/// - a `DataResources` entry needs at least one value, and each value must be the type's "all" prefix
///   (`arn:<partition>:s3`, `arn:<partition>:s3:::`, `arn:<partition>:lambda`, `arn:<partition>:dynamodb`)
///   or an ARN of that type (`arn:…:s3:::bucket[/prefix]`, `arn:…:lambda:region:account:function:name`
///   with an optional qualifier, `arn:…:dynamodb:region:account:table/name`);
/// - a field selector needs at least one operator, and a selector exactly one `eventCategory` field
///   selector with exactly one value, so that the per-category field table applies to it;
/// - a trail needs at least one advanced selector; the number on a trail is otherwise limited only by the
///   500 values (OPEN in the sources).
///
/// Not enforced (OPEN or not in our sources): which `resources.type` values exist (the list grows), that
/// `resources.ARN` `Equals`/`NotEquals` values are full ARNs of the selected type, which event sources
/// network activity events support, and duplicate or conflicting field selectors.
public enum EventSelectorValidation {
  /// Basic selectors a trail may have (G:LIM).
  public static let maximumBasicSelectors = 5
  /// Data resources a trail's basic selectors may name, "all of a type" values not counted (G:LIM).
  public static let maximumDataResources = 250
  /// Values across all conditions of all advanced selectors (G:LIM).
  public static let maximumAdvancedValues = 500
  /// Advanced selectors an event data store may have (SM:CreateEventDataStore).
  public static let maximumEventDataStoreSelectors = 5
  /// `DataResource.Type` values basic selectors accept (SM:DataResource).
  public static let basicDataResourceTypes = [
    "AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table",
  ]
  /// The only sources `ExcludeManagementEventSources` accepts (SM:EventSelector).
  public static let excludableManagementEventSources = ["kms.amazonaws.com", "rdsdata.amazonaws.com"]

  /// A PutEventSelectors request: exactly one kind of selectors, each valid for a trail.
  public static func validate(_ request: PutEventSelectorsRequest) throws(ServiceError) {
    switch (request.eventSelectors, request.advancedEventSelectors) {
    case (_?, _?):
      throw .invalidEventSelectors(
        "EventSelectors and AdvancedEventSelectors cannot both be specified; use one or the other.")
    case (nil, nil):
      throw .invalidEventSelectors("Either EventSelectors or AdvancedEventSelectors must be specified.")
    case (let basic?, nil): try validate(basic: basic)
    case (nil, let advanced?): try validate(advanced: advanced, for: .trail)
    }
  }

  /// Basic selectors: 1–5 of them, known `ReadWriteType`, data resources of the three basic types with
  /// well-formed values, at most 250 of them in total, and only KMS or RDS Data API as excluded sources.
  public static func validate(basic selectors: [EventSelector]) throws(ServiceError) {
    guard (1...maximumBasicSelectors).contains(selectors.count) else {
      throw .invalidEventSelectors(
        "A trail can have 1 to \(maximumBasicSelectors) event selectors; got \(selectors.count).")
    }
    var dataResourceCount = 0
    for (i, selector) in selectors.enumerated() {
      let at = "EventSelectors[\(i)]"
      if let type = selector.readWriteType, !type.isKnown {
        throw .invalidEventSelectors(
          "\(at).ReadWriteType '\(type)' is invalid; valid values are ReadOnly, WriteOnly, All.")
      }
      for (j, resource) in (selector.dataResources ?? []).enumerated() {
        dataResourceCount += try validate(resource, at: "\(at).DataResources[\(j)]")
      }
      for source in selector.excludeManagementEventSources ?? []
      where !excludableManagementEventSources.contains(source) {
        throw .invalidEventSelectors(
          "\(at).ExcludeManagementEventSources value '\(source)' is invalid; only kms.amazonaws.com and "
            + "rdsdata.amazonaws.com can be excluded.")
      }
    }
    guard dataResourceCount <= maximumDataResources else {
      throw .invalidEventSelectors(
        "A trail can have at most \(maximumDataResources) data resources across all event selectors; got "
          + "\(dataResourceCount) (values that select every resource of a type are not counted).")
    }
  }

  /// One data resource; returns how many of its values count toward the 250.
  private static func validate(_ resource: DataResource, at path: String) throws(ServiceError) -> Int {
    guard let type = resource.type else { throw .invalidEventSelectors("\(path).Type is required.") }
    guard basicDataResourceTypes.contains(type) else {
      throw .invalidEventSelectors(
        "\(path).Type '\(type)' is not supported by basic event selectors; valid types are "
          + "\(basicDataResourceTypes.joined(separator: ", ")). Use AdvancedEventSelectors for other types.")
    }
    let values = resource.values ?? []
    guard !values.isEmpty else {
      throw .invalidEventSelectors("\(path).Values must contain at least one value.")
    }
    var counted = 0
    for (k, value) in values.enumerated() {
      switch DataResourceValue(type: type, value: value) {
      case .everyResource: break
      case .one: counted += 1
      case .invalid:
        throw .invalidEventSelectors(
          "\(path).Values[\(k)] '\(value)' is not a valid \(type) ARN or ARN prefix.")
      }
    }
    return counted
  }
}

/// What a basic `DataResources` value names (inferred formats; see ``EventSelectorValidation``).
enum DataResourceValue: Equatable {
  case everyResource, one, invalid

  init(type: String, value: String) {
    let parts = value.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[0] == "arn", !parts[1].isEmpty else {
      self = .invalid
      return
    }
    let service: Substring =
      switch type {
      case "AWS::S3::Object": "s3"
      case "AWS::Lambda::Function": "lambda"
      default: "dynamodb"
      }
    guard parts[2] == service else {
      self = .invalid
      return
    }
    if parts.count == 3 {
      self = .everyResource
      return
    }
    switch service {
    case "s3":
      // `arn:aws:s3:::` is every bucket; `arn:aws:s3:::bucket…` one bucket or prefix. A key may hold ':'.
      guard parts.count >= 6, parts[3].isEmpty, parts[4].isEmpty else {
        self = .invalid
        return
      }
      let rest = parts[5...].joined(separator: ":")
      self = rest.isEmpty ? .everyResource : rest.hasPrefix("/") ? .invalid : .one
    case "lambda":
      let ok =
        (parts.count == 7 || parts.count == 8) && !parts[3].isEmpty && !parts[4].isEmpty
        && parts[5] == "function" && !parts[6].isEmpty && (parts.count == 7 || !parts[7].isEmpty)
      self = ok ? .one : .invalid
    default:
      let ok =
        parts.count == 6 && !parts[3].isEmpty && !parts[4].isEmpty && parts[5].hasPrefix("table/")
        && parts[5].count > "table/".count
      self = ok ? .one : .invalid
    }
  }
}
