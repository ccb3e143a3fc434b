import TrailCore

/// One field of the comparison: its path in the records and each event's value.
public struct CompareRow: Equatable, Sendable {
  /// The field's path: `eventName`, `userIdentity.userName`, `resources[0].ARN`.
  public var field: String
  /// One value per compared event, in column order; `nil` where that record lacks the field.
  public var values: [String?]

  public init(field: String, values: [String?]) {
    self.field = field
    self.values = values
  }

  /// Whether the events disagree here; a field missing from some records counts as a difference.
  public var differs: Bool { values.dropFirst().contains { $0 != values.first } }
}

/// Compare event details (`C`): the marked events' records side by side, each field a row and each
/// event a column, as the console's "Compare event details" table.
public struct EventCompareState: Equatable, Sendable {
  /// Events shown, in the order they were marked.
  public var events: [EventSummary]
  /// Every field of every record, once every record has loaded; `nil` while loading.
  public var rows: [CompareRow]?
  public var scroll = ScrollState()
  /// The first event column on screen; `h`/`l` move it when the columns do not all fit.
  public var firstColumn = 0
  /// Shows only the fields that differ (`d`), which is what a comparison is usually after.
  public var showsOnlyDifferences = false
  public var error: Diagnostic?

  public init(events: [EventSummary]) {
    self.events = events
  }

  public var rowIDs: [Int64] { events.map(\.rowID) }

  /// The rows on screen: all of them, or only those that differ.
  public var visibleRows: [CompareRow] {
    guard let rows else { return [] }
    return showsOnlyDifferences ? rows.filter(\.differs) : rows
  }

  /// Narrowest an event column gets before columns move off screen (to `h`/`l`).
  public static let minimumEventWidth = 16

  /// Width of the field-name column on a screen `width` cells wide.
  public static func fieldWidth(totalWidth width: Int) -> Int { min(30, max(12, width / 4)) }

  /// How many event columns fit in `width` cells next to the field names (at least one).
  public static func columnsThatFit(totalWidth width: Int) -> Int {
    max(1, (width - fieldWidth(totalWidth: width)) / (minimumEventWidth + 1))
  }

  /// Builds the rows from the records (verbatim JSON, in `events` order): fields in the order they
  /// first appear, so the records' shared prefix (`eventVersion`, `userIdentity`, …) reads top down.
  public static func rows(records: [String]) -> [CompareRow] {
    var order: [String] = []
    var values: [String: [String?]] = [:]
    for (column, record) in records.enumerated() {
      var fields: [(String, String)] = []
      do {
        flatten(try JSONReader.parse(record), path: "", into: &fields)
      } catch {
        fields = [("(record)", "not JSON at character \(error.offset): \(error.reason)")]
      }
      for (field, value) in fields {
        if values[field] == nil {
          order.append(field)
          values[field] = Array(repeating: nil, count: records.count)
        }
        values[field]?[column] = value
      }
    }
    return order.map { CompareRow(field: $0, values: values[$0] ?? []) }
  }

  /// Leaves become rows; empty containers are rows of their own (`{}`, `[]`) so a record whose
  /// `requestParameters` is empty still shows it against one where it is not.
  private static func flatten(_ node: JSONNode, path: String, into fields: inout [(String, String)]) {
    switch node {
    case .object(let members):
      guard !members.isEmpty else { return fields.append((path, "{}")) }
      for member in members {
        let key = JSONNode.string(member.key).stringValue ?? member.key
        flatten(member.value, path: path.isEmpty ? key : path + "." + key, into: &fields)
      }
    case .array(let items):
      guard !items.isEmpty else { return fields.append((path, "[]")) }
      for (index, item) in items.enumerated() { flatten(item, path: path + "[\(index)]", into: &fields) }
    case .string: fields.append((path, node.stringValue ?? ""))
    case .number(let text), .literal(let text): fields.append((path, text))
    }
  }
}
