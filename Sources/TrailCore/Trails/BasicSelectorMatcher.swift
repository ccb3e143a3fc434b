/// One basic `EventSelector`, compiled (spec §4.1).
///
/// An event matches when its `readOnly` passes `ReadWriteType` AND:
/// - `Management` events: `IncludeManagementEvents` is true (the default) and the event's source is not in
///   `ExcludeManagementEventSources`;
/// - `Data` events: some `DataResources` entry has the type of one of the event's resources and a value
///   that covers that resource's ARN (see ``ResourceValue``);
/// - any other category (`NetworkActivity`, `Insight`, Lake-only categories): never; basic selectors
///   cannot select them (SM:PutEventSelectors).
///
/// Inferred: an event without `readOnly` passes only `All`, since it is known to be neither a read nor a
/// write. `ReadWriteType` applies to management and data events alike (SM:GetEventSelectors).
struct BasicSelectorMatcher: Sendable, Equatable {
  enum Access: Sendable, Equatable {
    case all, readOnly, writeOnly, unknown
  }

  /// How one `DataResources` value covers a resource's ARN.
  enum ResourceValue: Sendable, Equatable {
    /// `arn:aws:s3`, `arn:aws:lambda`, `arn:aws:dynamodb` (any partition): every resource of the type;
    /// holds `arn:<partition>:<service>:`, which every such ARN starts with.
    case everyResource(prefix: String)
    /// An S3 value (`arn:aws:s3:::bucket/` or `arn:aws:s3:::bucket/prefix`): the object ARN starts with
    /// it. `arn:aws:s3:::` alone is read as every bucket too (inferred: it is the prefix of all of them).
    case prefix(String)
    /// A Lambda function or DynamoDB table ARN: equal (SM:DataResource says Lambda ARNs are exact;
    /// inferred for tables). Also any type basic selectors do not support.
    case exact(String)

    init(type: String, value: String) {
      let parts = value.split(separator: ":", omittingEmptySubsequences: false)
      let service: Substring? =
        switch type {
        case "AWS::S3::Object": "s3"
        case "AWS::Lambda::Function": "lambda"
        case "AWS::DynamoDB::Table": "dynamodb"
        default: nil
        }
      if let service, parts.count == 3, parts[0] == "arn", parts[2] == service {
        self = .everyResource(prefix: value + ":")
      } else if service == "s3" {
        self = .prefix(value)
      } else {
        self = .exact(value)
      }
    }

    func covers(_ arn: String) -> Bool {
      switch self {
      case .everyResource(let prefix), .prefix(let prefix): arn.hasPrefix(prefix)
      case .exact(let value): arn == value
      }
    }
  }

  let access: Access
  let includeManagementEvents: Bool
  let excludedSources: Set<String>
  /// `(Type, values)` per `DataResources` entry; entries without a type select nothing.
  let dataResources: [(type: String, values: [ResourceValue])]

  init(_ selector: EventSelector) {
    access =
      switch selector.readWriteType ?? .all {
      case .all: .all
      case .readOnly: .readOnly
      case .writeOnly: .writeOnly
      default: .unknown
      }
    includeManagementEvents = selector.includeManagementEvents ?? true
    excludedSources = Set(selector.excludeManagementEventSources ?? [])
    dataResources = (selector.dataResources ?? []).compactMap { resource in
      guard let type = resource.type else { return nil }
      return (type, (resource.values ?? []).map { ResourceValue(type: type, value: $0) })
    }
  }

  static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.access == rhs.access && lhs.includeManagementEvents == rhs.includeManagementEvents
      && lhs.excludedSources == rhs.excludedSources
      && lhs.dataResources.elementsEqual(rhs.dataResources) { $0.type == $1.type && $0.values == $1.values }
  }

  func matches(_ event: SelectableEvent) -> Bool {
    switch (access, event.readOnly) {
    case (.all, _), (.readOnly, true?), (.writeOnly, false?): break
    default: return false
    }
    switch event.eventCategory {
    case "Management":
      return includeManagementEvents && !(event.eventSource.map(excludedSources.contains) ?? false)
    case "Data":
      return event.resources.contains { resource in
        guard let type = resource.type, let arn = resource.arn else { return false }
        return dataResources.contains { $0.type == type && $0.values.contains { $0.covers(arn) } }
      }
    default:
      return false
    }
  }
}
