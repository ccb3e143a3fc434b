import Foundation

/// The SQL for one history page.
///
/// Without an attribute or region (or with EventId, or ReadOnly in every region) a page is a row-id
/// range of `events` read backwards (or forwards): the row id is time-ordered, so no sort is needed.
/// The other attributes, and a region alone or with ReadOnly, are found through `postings` (see
/// `PostingCursor`, `RegionReadOnly`), and the page is the events with those row ids that pass the
/// remaining conditions.
struct HistoryQuery {
  /// What every row of the page passes, each value a `?` parameter (`parameters`, in order): the text
  /// is then the same from page to page, and the connection's statement cache plans it once.
  var conditions: [String]
  var parameters: [Int64]
  /// The attribute values whose postings give the candidate row ids: the filter's attribute, or else
  /// its region (with ReadOnly when asked for).
  var posting: (attribute: PostingAttribute, values: [Int64])?
  /// The region's `regionReadOnly` values when another attribute's postings give the candidates: they
  /// thin them (`RegionMembers`).
  var regionValues: [Int64]?

  /// nil when the filter can match nothing (a value no stored event has).
  static func make(filter: HistoryFilter, bounds: ClosedRange<Int64>, pages: EventPages) throws
    -> HistoryQuery?
  {
    let category = filter.isInsight ? EventCategory.insight : EventCategory.management
    var query = HistoryQuery(conditions: ["e.category = ?"], parameters: [Int64(category.rawValue)])
    var regionID: Int64?
    if let region = filter.region {
      guard let id = try pages.reader.stringID(region) else { return nil }
      query.add("e.aws_region = ?", id)
      regionID = id
    }
    if let attribute = filter.attribute {
      switch attribute.key {
      case .eventId:
        guard let rowID = try pages.locate(eventID: attribute.value, within: bounds) else { return nil }
        query.add("e.id = ?", rowID)
      case .readOnly:
        query.add("e.read_only = ?", attribute.value == "true" ? 1 : 0)
      case .resourceName:
        query.posting = (.resourceName, [PostedTextKey.hash(attribute.value)])
      case .accessKeyId:
        query.posting = (.accessKeyId, [PostedTextKey.hash(attribute.value)])
      case .eventName, .eventSource, .username, .resourceType:
        guard let id = try pages.reader.stringID(attribute.value),
          let posted = PostingAttribute(attribute.key)
        else { return nil }
        query.posting = (posted, [id])
      }
    }
    // A region (alone or with ReadOnly) is found through its own postings; with another attribute,
    // that attribute's postings give the candidates and the region thins them.
    if let regionID, filter.attribute == nil || filter.attribute?.key == .readOnly {
      let readOnly = filter.attribute.map { $0.value == "true" }
      query.posting = (.regionReadOnly, RegionReadOnly.values(region: regionID, readOnly: readOnly))
    } else if let regionID, query.posting != nil {
      query.regionValues = RegionReadOnly.values(region: regionID, readOnly: nil)
    }
    return query
  }

  private mutating func add(_ condition: String, _ value: Int64) {
    conditions.append(condition)
    parameters.append(value)
  }

  /// The page's rows inside a stretch of row ids, read in page order: parameters are `parameters`,
  /// then the stretch's first and last row id, then the limit (`rangeParameters`).
  func rangeSQL(direction: PageDirection) -> String {
    """
    SELECT \(SummaryColumns.select) FROM events e \(SummaryColumns.joins)
    WHERE \((conditions + ["e.id BETWEEN ? AND ?"]).joined(separator: " AND "))
    ORDER BY e.id \(direction == .older ? "DESC" : "ASC") LIMIT ?
    """
  }

  /// The values of `rangeSQL`'s parameters.
  func rangeParameters(_ range: ClosedRange<Int64>, limit: Int) -> [SQLiteValue] {
    (parameters + [range.lowerBound, range.upperBound, Int64(limit)]).map { .int($0) }
  }

  /// One candidate row from postings, if it passes the conditions: parameters are `parameters`, then
  /// the row id. Candidates come in page order, so reading them one by one until the page is full
  /// gives what an `IN` list with `ORDER BY` and `LIMIT` would, with a text that does not change.
  var rowSQL: String {
    """
    SELECT \(SummaryColumns.select) FROM events e \(SummaryColumns.joins)
    WHERE \((conditions + ["e.id = ?"]).joined(separator: " AND "))
    """
  }
}

/// The columns of an `EventSummary` and how to read them back.
enum SummaryColumns {
  static let select = """
    e.id, e.event_id, e.event_time, e.category, et.value, en.value, es.value, e.read_only, eu.value,
    COALESCE(e.access_key_text, ek.value),
    e.resources, ee.value, er.value, e.source_ip, ea.value
    """
  static let joins = """
    JOIN strings et ON et.id = e.event_type JOIN strings en ON en.id = e.event_name
    JOIN strings es ON es.id = e.event_source JOIN strings eu ON eu.id = e.username
    JOIN strings ek ON ek.id = e.access_key JOIN strings ee ON ee.id = e.error_code
    JOIN strings er ON er.id = e.aws_region JOIN strings ea ON ea.id = e.account
    """

  static func read(_ s: SQLiteStatement) -> EventSummary {
    func optional(_ column: Int32) -> String? {
      guard let text = s.text(column), !text.isEmpty else { return nil }
      return text
    }
    let resources: [EventResource] = (s.text(10) ?? "").split(separator: "\u{1E}").map { item in
      let parts = item.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
      let type = parts.first.map(String.init) ?? ""
      return EventResource(type: type.isEmpty ? nil : type, name: parts.count > 1 ? String(parts[1]) : "")
    }
    return EventSummary(
      rowID: s.int64(0), eventId: EventKey.eventIDText(s.blob(1)), eventName: s.text(5) ?? "",
      eventSource: s.text(6) ?? "", eventTime: Date(timeIntervalSince1970: TimeInterval(s.int64(2))),
      readOnly: s.isNull(7) ? nil : s.int64(7) == 1, username: optional(8), accessKeyId: optional(9),
      resources: resources, errorCode: optional(11), awsRegion: s.text(12) ?? "",
      sourceIPAddress: optional(13),
      recipientAccountId: optional(14), eventType: s.text(4) ?? "",
      eventCategory: (EventCategory(rawValue: Int(s.int64(3))) ?? .other).recordValue)
  }
}
