import TrailCore

/// The Event history's columns, in their fixed order; the chooser hides and shows them.
public enum HistoryColumn: String, CaseIterable, Hashable, Sendable {
  case eventTime
  case username
  case eventName
  case resourceType
  case resourceName
  case eventSource
  case readOnly
  case accessKeyId
  case errorCode

  public var title: String {
    switch self {
    case .eventTime: "Event time"
    case .username: "User name"
    case .eventName: "Event name"
    case .resourceType: "Resource type"
    case .resourceName: "Resource name"
    case .eventSource: "Event source"
    case .readOnly: "Read-only"
    case .accessKeyId: "AWS access key"
    case .errorCode: "Error code"
    }
  }

  /// Hidden at start, as in the console (its default columns omit them).
  public static let hiddenByDefault: Set<HistoryColumn> = [.readOnly, .accessKeyId]

  var tableColumn: TableColumn {
    switch self {
    case .eventTime: TableColumn(title, width: 19)
    case .username: TableColumn(title, width: 12, isFlexible: true)
    case .eventName: TableColumn(title, width: 18, isFlexible: true)
    case .resourceType: TableColumn(title, width: 14, isFlexible: true)
    case .resourceName: TableColumn(title, width: 14, isFlexible: true)
    case .eventSource: TableColumn(title, width: 18, isFlexible: true)
    case .readOnly: TableColumn(title, width: 9)
    case .accessKeyId: TableColumn(title, width: 20)
    case .errorCode: TableColumn(title, width: 12, isFlexible: true)
    }
  }

  func text(for event: EventSummary) -> String {
    switch self {
    case .eventTime: TimeFormat.dateTime(event.eventTime)
    case .username: event.username ?? "-"
    case .eventName: event.eventName
    case .resourceType: event.resources.compactMap(\.type).first ?? "-"
    case .resourceName:
      event.resources.isEmpty ? "-" : event.resources.map(\.name).joined(separator: ", ")
    case .eventSource: event.eventSource
    case .readOnly: event.readOnly.map { $0 ? "true" : "false" } ?? "-"
    case .accessKeyId: event.accessKeyId ?? "-"
    case .errorCode: event.errorCode ?? ""
    }
  }
}
