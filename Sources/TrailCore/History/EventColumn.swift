import Foundation

/// The columns an event row can show, in one place: their titles, how each is read from a stored
/// event, and how wide they are drawn. The Event history pane, `lookup-events --output table|csv` and
/// the CSV download all read them from here (and Lake's schema will), so they agree on every value.
public enum EventColumn: String, CaseIterable, Hashable, Sendable {
  case eventId
  case eventTime
  case username
  case eventName
  case eventSource
  case resourceType
  case resourceName
  case accessKeyId
  case readOnly
  case errorCode
  case sourceIPAddress
  case awsRegion
  case recipientAccountId

  /// The console's title for the column.
  public var title: String {
    switch self {
    case .eventId: "Event ID"
    case .eventTime: "Event time"
    case .username: "User name"
    case .eventName: "Event name"
    case .eventSource: "Event source"
    case .resourceType: "Resource type"
    case .resourceName: "Resource name"
    case .accessKeyId: "AWS access key"
    case .readOnly: "Read-only"
    case .errorCode: "Error code"
    case .sourceIPAddress: "Source IP address"
    case .awsRegion: "AWS region"
    case .recipientAccountId: "Account ID"
    }
  }

  /// Cells the column needs at least (a time, an access key id and a Boolean have fixed widths; the
  /// others are where a table's spare width goes first).
  public var displayWidth: Int {
    switch self {
    case .eventId: 36
    case .eventTime: 19
    case .username: 12
    case .eventName: 18
    case .eventSource: 18
    case .resourceType: 14
    case .resourceName: 14
    case .accessKeyId: 20
    case .readOnly: 9
    case .errorCode: 12
    case .sourceIPAddress: 15
    case .awsRegion: 14
    case .recipientAccountId: 12
    }
  }

  /// Whether a table may widen the column to fill the screen (free-text values of any length).
  public var isFlexible: Bool {
    switch self {
    case .username, .eventName, .eventSource, .resourceType, .resourceName, .errorCode: true
    default: false
    }
  }

  /// The column's value for `event`, or nil when the event has none (each front shows absence its
  /// own way: `-` in tables, an empty CSV field).
  ///
  /// Resources: the types are listed once each, in order (most events name one type), the names all,
  /// joined with ", ". Times are ISO 8601 in UTC.
  public func value(of event: EventSummary) -> String? {
    switch self {
    case .eventId: event.eventId
    case .eventTime: ISO8601Time.format(event.eventTime)
    case .username: event.username
    case .eventName: event.eventName
    case .eventSource: event.eventSource
    case .resourceType:
      Self.joined(
        event.resources.compactMap(\.type).reduce(into: [String]()) { types, type in
          if !types.contains(type) { types.append(type) }
        })
    case .resourceName: Self.joined(event.resources.map(\.name))
    case .accessKeyId: event.accessKeyId
    case .readOnly: event.readOnly.map { $0 ? "true" : "false" }
    case .errorCode: event.errorCode
    case .sourceIPAddress: event.sourceIPAddress
    case .awsRegion: event.awsRegion
    case .recipientAccountId: event.recipientAccountId
    }
  }

  private static func joined(_ values: [String]) -> String? {
    values.isEmpty ? nil : values.joined(separator: ", ")
  }

  /// What a table shows when the event has no value: `-`, except for the error code, whose column
  /// stays blank so that errors stand out.
  public var placeholder: String { self == .errorCode ? "" : "-" }

  /// The console's table columns, in its order (`lookup-events --output table`).
  public static let table: [EventColumn] = [
    .eventTime, .username, .eventName, .resourceType, .resourceName, .eventSource, .readOnly, .accessKeyId,
    .errorCode,
  ]

  /// The CSV download's columns: the console's (not documented by AWS, spec §2.5 OPEN), then the
  /// fields an investigator pivots on.
  public static let csv: [EventColumn] = [
    .eventId, .eventTime, .username, .eventName, .eventSource, .resourceType, .resourceName, .accessKeyId,
    .readOnly, .errorCode, .sourceIPAddress, .awsRegion, .recipientAccountId,
  ]
}
