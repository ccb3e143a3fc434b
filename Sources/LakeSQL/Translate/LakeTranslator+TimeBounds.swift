/// Row-id bounds read off a WHERE clause's time conditions.
///
/// Stored events' row ids grow with their eventTime (the time is the id's high bits), so
/// `eventTime >= X` also means "row id ≥ the first id of X's second": a range SQLite reads from the
/// primary key instead of scanning every event. The bound is added beside the condition, never
/// instead of it, so it only has to hold for every matching row (`lake_time_key` rounds outward).
///
/// The same goes for `userIdentity.userName = 'x'`: the store's derived user name is the record's
/// non-empty `userIdentity.userName`, so the interned id, read without opening the record, rules out
/// the other events first.
struct TimeBound {
  var alias: String
  /// `>=` (lower) or `<` (upper) against `lake_time_key(milliseconds, upper)`.
  var lower: Bool
  var millisSQL: String
  /// Set for a user-name condition instead: the value's SQL.
  var userNameSQL: String? = nil

  func condition(_ on: String) -> String {
    if let userNameSQL { return "lake_string(\(on).u) = \(userNameSQL)" }
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
    where try storeUserNameAlias(left, scope: scope) != nil || storeUserNameAlias(right, scope: scope) != nil:
      let (column, value) = try storeUserNameAlias(left, scope: scope) != nil ? (left, right) : (right, left)
      guard let alias = try storeUserNameAlias(column, scope: scope), case .literal(.string(let text)) = value.kind,
        !text.isEmpty
      else { return [] }
      return [TimeBound(alias: alias, lower: true, millisSQL: "", userNameSQL: bind(.text(text)))]
    case .binary(let op, let left, let right):
      if let alias = try storeTimeAlias(left, scope: scope), let millis = try constantMillis(right, scope: scope) {
        return Self.bounds(op, alias: alias, millis: millis)
      }
      if let alias = try storeTimeAlias(right, scope: scope), let millis = try constantMillis(left, scope: scope) {
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
    case .between(let value, let low, let high, negated: false):
      guard let alias = try storeTimeAlias(value, scope: scope), let lo = try constantMillis(low, scope: scope),
        let hi = try constantMillis(high, scope: scope)
      else { return [] }
      return [TimeBound(alias: alias, lower: true, millisSQL: lo), TimeBound(alias: alias, lower: false, millisSQL: hi)]
    default:
      return []
    }
  }

  static func bounds(_ op: BinaryOperator, alias: String, millis: String) -> [TimeBound] {
    switch op {
    case .greater, .greaterOrEqual: [TimeBound(alias: alias, lower: true, millisSQL: millis)]
    case .less, .lessOrEqual: [TimeBound(alias: alias, lower: false, millisSQL: millis)]
    case .equal:
      [TimeBound(alias: alias, lower: true, millisSQL: millis), TimeBound(alias: alias, lower: false, millisSQL: millis)]
    default: []
    }
  }

  /// The SQL alias of the store whose `userIdentity.userName` `expression` names, if it does.
  func storeUserNameAlias(_ expression: Expression, scope: TranslationScope) throws -> String? {
    guard case .dereference = expression.kind else { return nil }
    var copy = self
    guard let typed = try? copy.translateExpression(expression, scope: scope),
      let (alias, path) = typed.storePath, path == ["useridentity", "username"]
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
