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

  /// The engine's column this one shows (title, width, value): the CLI table and the CSV read the same.
  public var column: EventColumn {
    switch self {
    case .eventTime: .eventTime
    case .username: .username
    case .eventName: .eventName
    case .resourceType: .resourceType
    case .resourceName: .resourceName
    case .eventSource: .eventSource
    case .readOnly: .readOnly
    case .accessKeyId: .accessKeyId
    case .errorCode: .errorCode
    }
  }

  public var title: String { column.title }

  /// Hidden at start, as in the console (its default columns omit them).
  public static let hiddenByDefault: Set<HistoryColumn> = [.readOnly, .accessKeyId]

  var tableColumn: TableColumn {
    TableColumn(title, width: column.displayWidth, isFlexible: column.isFlexible)
  }

  /// The cell's text: the catalogue's value, except that times are shown in the pane's short format.
  func text(for event: EventSummary) -> String {
    self == .eventTime
      ? TimeFormat.dateTime(event.eventTime) : column.value(of: event) ?? column.placeholder
  }
}
