/// Row-id bounds read off a WHERE clause's time conditions.
///
/// Stored events' row ids grow with their eventTime (the time is the id's high bits), so
/// `eventTime >= X` also means "row id ≥ the first id of X's second": a range SQLite reads from the
/// primary key instead of scanning every event. The bound is added beside the condition, never
/// instead of it, so it only has to hold for every matching row (`lake_time_key` rounds outward).
///
/// The same goes for a column the store interns (`eventName`, `eventSource`, `awsRegion`, `errorCode`,
/// `eventType`, and `userIdentity.userName`, whose non-empty value is the store's derived user name)
/// compared with a string: the row ids the store's postings hold for that value (`lake_ids_with`), or
/// the interned id (`lake_string_id`) for columns without postings, rule out the other events before
/// any record is opened.
struct TimeBound {
  var alias: String
  /// `>=` (lower) or `<` (upper) against `lake_time_key(milliseconds, upper)`.
  var lower: Bool
  var millisSQL: String
  /// Set for an interned column's condition instead: the source column (`n`, `s`, `r`, `x`, `y`, `u`)
  /// and the value's SQL.
  var interned: (column: String, valueSQL: String)? = nil
  /// Set for `json_format(CAST(requestParameters AS JSON)) LIKE '…'` instead: the SQL of the longest
  /// run of the pattern's literal characters, which every matching text holds (see `LakeParamsScan`).
  /// It only ever drives the store's scan; it adds no condition.
  var paramsNeedleSQL: String? = nil

  /// For a column with postings, the `lake_ids` scan of the value's row ids inside the row-id bounds
  /// of `time` (the store's other bounds; NULL when there is none on a side): the translator puts it
  /// first in the FROM clause of the store's SELECT and joins the store's rows to it by row id.
  func postingsScan(time: [TimeBound]) -> String? {
    let column: String
    let valueSQL: String
    if let interned, Self.postedColumns.contains(interned.column) {
      (column, valueSQL) = interned
    } else if let paramsNeedleSQL {
      (column, valueSQL) = ("q", paramsNeedleSQL)
    } else {
      return nil
    }
    let own = time.filter { $0.alias == alias && $0.isTime }
    let low = own.first { $0.lower }.map { "lake_time_key(\($0.millisSQL), 0)" } ?? "NULL"
    let high = own.first { !$0.lower }.map { "lake_time_key(\($0.millisSQL), 1)" } ?? "NULL"
    return "lake_ids('\(column)', \(valueSQL), \(low), \(high))"
  }

  /// A bound on eventTime (not a column's value, nor a needle).
  var isTime: Bool { interned == nil && paramsNeedleSQL == nil }

  /// How the store's rows meet the scan `scanAlias` hands out: by row id, and for a needle's scan by
  /// slot too (a page may still name a purged event's row id).
  func scanJoin(_ scanAlias: String) -> String {
    paramsNeedleSQL == nil
      ? "\(alias).id = \(scanAlias).id"
      : "\(alias).id = \(scanAlias).id AND \(alias).ps IS \(scanAlias).slot"
  }

  /// The longest run of a LIKE pattern's literal characters (no ESCAPE), nil when it has none.
  static func likeNeedle(_ pattern: String) -> String? {
    let runs = pattern.split(whereSeparator: { $0 == "%" || $0 == "_" })
    return runs.max { $0.utf8.count < $1.utf8.count }.map(String.init)
  }

  /// The interned columns the store keeps postings for: eventName, eventSource and the user name.
  static let postedColumns: Set<String> = ["n", "s", "u"]

  func condition(_ on: String) -> String {
    if let interned {
      // Columns with postings (eventName, eventSource, the user name) name their events' row ids
      // outright, which SQLite reads by primary key; the others are compared on the interned id.
      if Self.postedColumns.contains(interned.column) {
        return
          "\(on).id IN (SELECT value FROM json_each(lake_ids_with('\(interned.column)', \(interned.valueSQL))))"
      }
      return "\(on).\(interned.column) = lake_string_id(\(interned.valueSQL))"
    }
    return lower ? "\(on).id >= lake_time_key(\(millisSQL), 0)" : "\(on).id < lake_time_key(\(millisSQL), 1)"
  }
}

extension LakeTranslator {
  /// The bounds implied by the top-level AND-ed comparisons of a store's eventTime with a constant.
  mutating func timeBounds(_ condition: Expression, scope: TranslationScope) throws -> [TimeBound] {
    switch condition.kind {
    case .binary(.and, let left, let right):
      return try timeBounds(left, scope: scope) + timeBounds(right, scope: scope)
    case .binary(.equal, let left, let right)
    where try storeInternedColumn(left, scope: scope) != nil
      || storeInternedColumn(right, scope: scope) != nil:
      let (column, value) = try storeInternedColumn(left, scope: scope) != nil ? (left, right) : (right, left)
      guard let (alias, source) = try storeInternedColumn(column, scope: scope),
        case .literal(.string(let text)) = value.kind, !text.isEmpty
      else { return [] }
      return [TimeBound(alias: alias, lower: true, millisSQL: "", interned: (source, bind(.text(text))))]
    case .binary(let op, let left, let right):
      if let alias = try storeTimeAlias(left, scope: scope),
        let millis = try constantMillis(right, scope: scope)
      {
        return Self.bounds(op, alias: alias, millis: millis)
      }
      if let alias = try storeTimeAlias(right, scope: scope),
        let millis = try constantMillis(left, scope: scope)
      {
        let flipped: BinaryOperator? =
          switch op {
          case .less: .greater
          case .lessOrEqual: .greaterOrEqual
          case .greater: .less
          case .greaterOrEqual: .lessOrEqual
          case .equal: .equal
          default: nil
          }
        return flipped.map { Self.bounds($0, alias: alias, millis: millis) } ?? []
      }
      return []
    case .like(let value, let pattern, escape: .none, negated: false):
      guard case .literal(.string(let text)) = pattern.kind,
        let alias = storeRequestParametersText(value, scope: scope),
        let needle = TimeBound.likeNeedle(text)
      else { return [] }
      return [TimeBound(alias: alias, lower: true, millisSQL: "", paramsNeedleSQL: bind(.text(needle)))]
    case .between(let value, let low, let high, negated: false):
      guard let alias = try storeTimeAlias(value, scope: scope),
        let lo = try constantMillis(low, scope: scope),
        let hi = try constantMillis(high, scope: scope)
      else { return [] }
      return [
        TimeBound(alias: alias, lower: true, millisSQL: lo),
        TimeBound(alias: alias, lower: false, millisSQL: hi),
      ]
    default:
      return []
    }
  }

  static func bounds(_ op: BinaryOperator, alias: String, millis: String) -> [TimeBound] {
    switch op {
    case .greater, .greaterOrEqual: [TimeBound(alias: alias, lower: true, millisSQL: millis)]
    case .less, .lessOrEqual: [TimeBound(alias: alias, lower: false, millisSQL: millis)]
    case .equal:
      [
        TimeBound(alias: alias, lower: true, millisSQL: millis),
        TimeBound(alias: alias, lower: false, millisSQL: millis),
      ]
    default: []
    }
  }

  /// The SQL alias of the store and the source column of the interned column `expression` names
  /// (`userIdentity.userName` or one of `storedStrings`), if it names one.
  func storeInternedColumn(_ expression: Expression, scope: TranslationScope) throws -> (String, String)? {
    switch expression.kind {
    case .identifier, .dereference: break
    default: return nil
    }
    var copy = self
    guard let typed = try? copy.translateExpression(expression, scope: scope),
      let (alias, path) = typed.storePath
    else { return nil }
    if path == ["useridentity", "username"] { return (alias, "u") }
    guard path.count == 1, let column = Self.storedStrings[path[0]] else { return nil }
    return (alias, column)
  }

  /// The SQL alias of the store when `expression` is `json_format(CAST(requestParameters AS JSON))` of
  /// a store whose requestParameters are read from their pages (`lake_params`).
  func storeRequestParametersText(_ expression: Expression, scope: TranslationScope) -> String? {
    guard case .function(let call) = expression.kind, call.name.key == "json_format",
      call.arguments.count == 1,
      !call.distinct, !call.star, call.window == nil, call.filter == nil,
      case .cast(let operand, let type, isTry: false) = call.arguments[0].kind,
      type.name.lowercased() == "json"
    else { return nil }
    var copy = self
    guard let typed = try? copy.translateExpression(operand, scope: scope),
      let (alias, path) = typed.storePath, path == ["requestparameters"], typed.sql.hasPrefix("lake_params(")
    else { return nil }
    return alias
  }

  /// The SQL alias of the store whose `eventTime` `expression` names, if it does.
  func storeTimeAlias(_ expression: Expression, scope: TranslationScope) throws -> String? {
    switch expression.kind {
    case .identifier, .dereference: break
    default: return nil
    }
    var copy = self
    guard let typed = try? copy.translateExpression(expression, scope: scope),
      let (alias, path) = typed.storePath, path == ["eventtime"]
    else { return nil }
    return alias
  }

  /// A constant (literal or parameter) as timestamp milliseconds SQL, binding what it needs.
  mutating func constantMillis(_ expression: Expression, scope: TranslationScope) throws -> String? {
    switch expression.kind {
    case .literal, .parameter: break
    default: return nil
    }
    let typed = try translateExpression(expression, scope: scope)
    switch typed.type {
    case .timestamp: return typed.sql
    case .date: return "(\(typed.sql) * 86400000)"
    case .varchar: return try? coerce(typed, to: .timestamp, at: expression.position)
    default: return nil
    }
  }
}
