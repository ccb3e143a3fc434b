import Foundation

/// A widget statement of the one shape the per-minute rollups can answer:
///
/// ```sql
/// SELECT <dim> [AS a], count(*) [AS n] FROM <store>
/// [WHERE <cond> AND …] GROUP BY <dim> ORDER BY <n | count(*)> DESC [, <dim | a> [ASC]] LIMIT <k>
/// ```
///
/// where `<dim>` is eventName, eventSource, errorCode or awsRegion (the rollups' interned columns),
/// and each condition is `eventTime` against a timestamp literal (`>=`, `>`, `<`, `<=`), one of the
/// dimensions `= '<text>'`, or `errorCode IS NOT NULL` (each may sit in parentheses). Anything else
/// (OR, functions, other columns, a second aggregate) is not this shape and runs as a Lake query.
///
/// `<dim>` may also be `userIdentity.arn` (counted on its own in `rollup_arn_packs`, with nothing but
/// the category): then the conditions are the eventTime bounds and `userIdentity.arn IS NOT NULL` only.
///
/// The statement is read after the dashboard's parameters are spliced in, so every value is a literal.
struct RollupShape: Equatable, Sendable {
  enum Dimension: String, CaseIterable, Sendable {
    case eventName = "eventname"
    case eventSource = "eventsource"
    case errorCode = "errorcode"
    case awsRegion = "awsregion"
    case userArn = "useridentity.arn"

    /// The dimensions `rollup_packs` and `events` hold as interned ids.
    static let interned: [Dimension] = [.eventName, .eventSource, .errorCode, .awsRegion]

    /// The column of `events` holding the value's interned id.
    var eventsColumn: String {
      switch self {
      case .eventName: "event_name"
      case .eventSource: "event_source"
      case .errorCode: "error_code"
      case .awsRegion: "aws_region"
      case .userArn: preconditionFailure("userIdentity.arn is not a column of events")
      }
    }

    /// The value's id in a rollup key.
    func id(in key: RollupKey) -> Int64 {
      switch self {
      case .eventName: key.name
      case .eventSource: key.source
      case .errorCode: key.error
      case .awsRegion: key.region
      case .userArn: preconditionFailure("userIdentity.arn is not in rollup_packs")
      }
    }
  }

  var dimension: Dimension
  /// Result column names as the engine names them: the alias, else the column as written; `_col1`
  /// for an unnamed count.
  var columns: [String]
  /// The table named in FROM (an event data store's ID or ARN).
  var table: String
  /// eventTime bounds in epoch seconds: events with `lower <= t < upper`.
  var lower: Int64?
  var upper: Int64?
  /// `dimension = 'text'` conditions.
  var equals: [Dimension: String] = [:]
  /// `dimension IS NOT NULL` conditions.
  var notNull: Set<Dimension> = []
  var limit: Int

  private static let dimension = #"(?:eventname|eventsource|errorcode|awsregion|useridentity\.arn)"#
  private static let pattern =
    #"^select (\#(dimension))(?: as ([a-z_][a-z0-9_]*))? ?, ?count\(\*\)(?: as ([a-z_][a-z0-9_]*))? from ([a-z0-9:/_.\-]+)(?: where (.+?))? group by (\#(dimension)) order by (count\(\*\)|[a-z_][a-z0-9_]*) desc(?: ?, ?([a-z_][a-z0-9_.]*)(?: asc)?)? limit ([0-9]+) ?;?$"#

  /// The shape of `statement`, or nil when it is not this shape.
  init?(_ statement: String) {
    guard let normalized = Self.normalize(statement),
      let regex = try? NSRegularExpression(pattern: Self.pattern),
      let match = regex.firstMatch(
        in: normalized.folded, range: NSRange(normalized.folded.startIndex..., in: normalized.folded))
    else { return nil }
    func group(_ i: Int) -> String? {
      Range(match.range(at: i), in: normalized.folded).map { String(normalized.folded[$0]) }
    }
    func original(_ i: Int) -> String? {
      Range(match.range(at: i), in: normalized.text).map { String(normalized.text[$0]) }
    }
    guard let dimensionName = group(1), let dimension = Dimension(rawValue: dimensionName),
      group(6) == dimensionName, let table = original(4), let limit = group(9).flatMap({ Int($0) })
    else { return nil }
    let dimensionAlias = group(2)
    let countAlias = group(3)
    // ORDER BY the count (by its alias or as count(*)); ties by the dimension, if at all.
    guard let order = group(7), order == "count(*)" || (countAlias != nil && order == countAlias) else {
      return nil
    }
    if let tie = group(8), tie != dimensionName, tie != dimensionAlias { return nil }
    self.dimension = dimension
    self.table = table
    self.limit = limit
    // The engine names an unaliased field by its last member (`userIdentity.arn` → `arn`).
    let field = original(1).map { String($0.split(separator: ".").last ?? $0[...]) }
    columns = [original(2) ?? field ?? dimensionName, original(3) ?? "_col1"]
    if let conditions = original(5), !parse(conditions) { return nil }
    // The ARN rollup counts by ARN alone; rollup_packs has no ARN.
    let usesArn = dimension == .userArn
    if usesArn ? !equals.isEmpty || notNull.subtracting([.userArn]).count > 0 : notNull.contains(.userArn) {
      return nil
    }
  }

  /// Reads the WHERE clause's conjuncts; false when one is not of the shape.
  private mutating func parse(_ clause: String) -> Bool {
    for raw in clause.components(separatedBy: " AND ").flatMap({ $0.components(separatedBy: " and ") }) {
      var condition = raw.trimmingCharacters(in: .whitespaces)
      if condition.hasPrefix("("), condition.hasSuffix(")") {
        condition = String(condition.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
      }
      let folded = condition.lowercased()
      if folded.hasSuffix(" is not null"), let dimension = Dimension(rawValue: String(folded.dropLast(12))),
        dimension == .errorCode || dimension == .userArn
      {
        notNull.insert(dimension)
        continue
      }
      guard condition.range(of: #"^[A-Za-z]+ ?(>=|<=|=|<|>) ?'[^']*'$"#, options: .regularExpression) != nil,
        let (column, op, value) = Self.split(condition)
      else { return false }
      if column == "eventtime" {
        guard let seconds = Self.seconds(value) else { return false }
        switch op {
        case ">=": lower = max(lower ?? .min, seconds)
        case ">": lower = max(lower ?? .min, seconds + 1)
        case "<": upper = min(upper ?? .max, seconds)
        case "<=": upper = min(upper ?? .max, seconds + 1)
        default: return false
        }
      } else if let dimension = Dimension(rawValue: column), op == "=" {
        if let other = equals[dimension], other != value { return false }
        equals[dimension] = value
      } else {
        return false
      }
    }
    return true
  }

  /// `column`, operator and the literal's text of a simple comparison.
  private static func split(_ condition: String) -> (String, String, String)? {
    guard let quote = condition.firstIndex(of: "'") else { return nil }
    let head = condition[..<quote].trimmingCharacters(in: .whitespaces)
    let value = String(condition[condition.index(after: quote)...].dropLast())
    for op in [">=", "<=", "=", "<", ">"] where head.hasSuffix(op) {
      let column = head.dropLast(op.count).trimmingCharacters(in: .whitespaces).lowercased()
      return (column, op, value)
    }
    return nil
  }

  /// Epoch seconds of a whole-second timestamp literal (`2024-01-02 03:04:05`, with `T` or without
  /// seconds); nil for anything with fractions or a zone, whose comparison the rollups cannot mirror.
  static func seconds(_ text: String) -> Int64? {
    let formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"]
    for format in formats {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "UTC")
      formatter.dateFormat = format
      if let date = formatter.date(from: text), formatter.string(from: date) == text {
        return Int64(date.timeIntervalSince1970)
      }
    }
    return nil
  }

  /// The statement on one line with single spaces, outside string literals, and a copy with
  /// everything outside literals lower-cased; nil when a literal is not closed.
  private static func normalize(_ statement: String) -> (text: String, folded: String)? {
    var text = ""
    var folded = ""
    var inString = false
    var pendingSpace = false
    for character in statement {
      if inString {
        text.append(character)
        folded.append(character)
        if character == "'" { inString = false }
        continue
      }
      if character.isWhitespace {
        pendingSpace = !text.isEmpty
        continue
      }
      if pendingSpace, !(character == "," || character == ")" || text.last == "(") {
        text.append(" ")
        folded.append(" ")
      }
      pendingSpace = false
      if character == "'" { inString = true }
      text.append(character)
      folded.append(contentsOf: character.lowercased())
    }
    return inString
      ? nil : (text.trimmingCharacters(in: .whitespaces), folded.trimmingCharacters(in: .whitespaces))
  }
}
