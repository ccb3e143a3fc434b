import LakeSQL

/// A statement the per-minute rollups can answer exactly, read off its syntax tree: one count of the
/// events of one table, whole or grouped by a rollup dimension or a time bucket,
///
/// ```sql
/// SELECT [<key> [AS a],] count(*) [AS n] FROM <table> [[AS] t]
/// [WHERE <condition> AND …] [GROUP BY <key>] [ORDER BY …] [LIMIT k]
/// ```
///
/// where `<key>` is eventName, eventSource, errorCode or awsRegion (the rollups' interned columns) or
/// `date_trunc('<unit>', eventTime)` for a unit of a minute or longer (a minute is the rollups' grain;
/// select items in either order), a condition is `eventTime` compared with a constant time (`=`, `<`,
/// `<=`, `>`, `>=`, BETWEEN; string, TIMESTAMP or DATE literals), a dimension `= 'text'`, or
/// `errorCode IS NOT NULL`, and ORDER BY names the key or the count (by expression, alias or
/// ordinal) in any direction. Anything else — OR, other columns or functions, HAVING, DISTINCT,
/// OFFSET, other joins, WITH, parameters — is not this shape, and the engine's own plan runs.
///
/// The one join taken counts resources: `FROM <table> [[AS] t] CROSS JOIN UNNEST(resources) [AS] u (r)`
/// (or a comma) counts every entry of every event's `resources`, grouped by `r.type` or a time bucket
/// or not at all, with eventTime conditions only (`ResourceTypeRollupKey` holds no other dimension).
///
/// Only the syntax is read here; the engine has translated the statement first, so names, types and
/// literals are known to be valid, and result columns are named as the engine names them.
struct RollupQueryPlan: Equatable, Sendable {
  /// What the count is grouped by.
  enum Key: Equatable, Sendable {
    case dimension(RollupShape.Dimension)
    /// `date_trunc(unit, eventTime)`.
    case bucket(unit: String)
    /// `r.type` of the `UNNEST(resources)` element.
    case resourceType
  }

  /// What an ORDER BY item sorts on.
  struct Order: Equatable, Sendable {
    var byCount: Bool
    var ascending: Bool
    /// Trino puts NULLs last in both directions unless told.
    var nullsFirst: Bool
  }

  /// nil: one row, the count of every event that passes.
  var key: Key?
  /// Whether the key is the first select item (else the count is).
  var keyFirst = true
  /// The table named in FROM.
  var table: String
  /// Whether the count is of the events' `resources` entries (`CROSS JOIN UNNEST(resources)`).
  var unnestsResources = false
  /// eventTime bounds in epoch seconds: events with `lower <= t < upper`.
  var lower: Int64?
  var upper: Int64?
  /// `dimension = 'text'` conditions.
  var equals: [RollupShape.Dimension: String] = [:]
  var requiresError = false
  var order: [Order] = []
  var limit: Int64?

  /// Units of `date_trunc` the minute rollups can answer.
  static let bucketUnits: Set<String> = ["minute", "hour", "day", "week", "month", "quarter", "year"]

  /// The plan of `query`, or nil when it is not this shape.
  init?(_ query: Query) {
    guard query.with.isEmpty, query.offset == nil, case .select(let select) = query.body,
      !select.distinct, select.having == nil, let from = select.from, (1...2).contains(select.items.count)
    else { return nil }
    let table: TableReference
    var element: Identifier?
    switch from {
    case .table(let named): table = named
    case .join(let join):
      guard join.kind == .cross, join.condition == nil, case .table(let named) = join.left,
        case .unnest(let unnest) = join.right
      else { return nil }
      table = named
      element = Self.resourcesElement(unnest, qualifiers: [named.alias?.key ?? named.name.lowercased()])
      guard element != nil else { return nil }
      unnestsResources = true
    default: return nil
    }
    self.table = table.name
    let qualifiers: Set<String> = [table.alias?.key ?? table.name.lowercased()]
    // An element named as the table or its time column would be read as those.
    if let element, qualifiers.contains(element.key) || element.key == "eventtime" { return nil }
    var aliases: [String: Bool] = [:]  // alias → is the count
    var countIndex: Int?
    var keyExpression: Expression?
    for (index, item) in select.items.enumerated() {
      guard case .expression(let expression, let alias) = item else { return nil }
      let isCount = Self.isCountStar(expression)
      if isCount {
        guard countIndex == nil else { return nil }
        countIndex = index
      } else {
        guard keyExpression == nil, let key = Self.key(expression, qualifiers: qualifiers, element: element)
        else { return nil }
        self.key = key
        keyExpression = expression
        keyFirst = index == 0
      }
      if let alias { aliases[alias.key] = isCount }
    }
    guard countIndex != nil else { return nil }
    limit = query.limit

    // GROUP BY the key, exactly (by ordinal or expression); none without one.
    if let key {
      guard select.groupBy.count == 1 else { return nil }
      let group = select.groupBy[0]
      if case .literal(.integer(let ordinal)) = group.kind {
        guard ordinal == (keyFirst ? 1 : 2) else { return nil }
      } else if Self.key(group, qualifiers: qualifiers, element: element) != key {
        return nil
      }
    } else if !select.groupBy.isEmpty {
      return nil
    }

    for item in query.orderBy {
      let byCount: Bool
      switch item.expression.kind {
      case .literal(.integer(let ordinal)):
        guard (1...Int64(select.items.count)).contains(ordinal) else { return nil }
        byCount = (ordinal == 1) != keyFirst || key == nil
      case .identifier(let name) where aliases[name.key] != nil:
        byCount = aliases[name.key]!
      default:
        if Self.isCountStar(item.expression) {
          byCount = true
        } else if let key, Self.key(item.expression, qualifiers: qualifiers, element: element) == key {
          byCount = false
        } else {
          return nil
        }
      }
      order.append(Order(byCount: byCount, ascending: item.ascending, nullsFirst: item.nullsFirst ?? false))
    }

    if let condition = select.where {
      for conjunct in Self.conjuncts(condition) {
        guard apply(conjunct, qualifiers: qualifiers) else { return nil }
      }
    }
    // The resource-type rollups hold the category and the type only.
    if unnestsResources {
      guard equals.isEmpty, !requiresError else { return nil }
      if case .dimension = key { return nil }
    }
  }

  /// The element's name of `UNNEST(resources) [AS] u (r)` (the column may be qualified), else nil.
  static func resourcesElement(_ unnest: Unnest, qualifiers: Set<String>) -> Identifier? {
    guard unnest.arguments.count == 1, !unnest.withOrdinality, unnest.columns.count == 1,
      column(unnest.arguments[0], qualifiers: qualifiers) == "resources"
    else { return nil }
    return unnest.columns[0]
  }

  /// `count(*)`, plain.
  static func isCountStar(_ expression: Expression) -> Bool {
    guard case .function(let call) = expression.kind else { return false }
    return call.name.key == "count" && call.star && !call.distinct && call.filter == nil
      && call.window == nil && call.orderBy.isEmpty
  }

  /// The column `expression` names (`name` or `t.name` for the table's own qualifier), lowercased.
  static func column(_ expression: Expression, qualifiers: Set<String>) -> String? {
    switch expression.kind {
    case .identifier(let name): return name.key
    case .dereference(let base, let name):
      guard case .identifier(let qualifier) = base.kind, qualifiers.contains(qualifier.key) else {
        return nil
      }
      return name.key
    default: return nil
    }
  }

  /// The dimension `column` names among those `rollup_packs` and `events` intern (userIdentity.arn has
  /// a rollup of its own, which only the dashboards' Top users reads).
  static func dimension(_ column: String?) -> RollupShape.Dimension? {
    column.flatMap(RollupShape.Dimension.init).flatMap {
      RollupShape.Dimension.interned.contains($0) ? $0 : nil
    }
  }

  /// The key `expression` is, if it is one the rollups hold; `element` names the UNNEST's element,
  /// whose `type` is one.
  static func key(_ expression: Expression, qualifiers: Set<String>, element: Identifier? = nil) -> Key? {
    if let element, case .dereference(let base, let field) = expression.kind,
      case .identifier(let name) = base.kind, name.key == element.key
    {
      return field.key == "type" ? .resourceType : nil
    }
    if let column = column(expression, qualifiers: qualifiers) {
      return dimension(column).map { .dimension($0) }
    }
    guard case .function(let call) = expression.kind, call.name.key == "date_trunc", !call.distinct,
      !call.star, call.filter == nil, call.window == nil, call.arguments.count == 2,
      case .literal(.string(let unit)) = call.arguments[0].kind,
      bucketUnits.contains(unit.lowercased()),
      column(call.arguments[1], qualifiers: qualifiers) == "eventtime"
    else { return nil }
    return .bucket(unit: unit.lowercased())
  }

  /// The top-level AND-ed conditions.
  static func conjuncts(_ expression: Expression) -> [Expression] {
    if case .binary(.and, let left, let right) = expression.kind {
      return conjuncts(left) + conjuncts(right)
    }
    return [expression]
  }

  /// Takes one condition into the plan; false when it is not of the shape.
  private mutating func apply(_ condition: Expression, qualifiers: Set<String>) -> Bool {
    switch condition.kind {
    case .isNull(let value, negated: true):
      guard Self.column(value, qualifiers: qualifiers) == "errorcode" else { return false }
      requiresError = true
      return true
    case .between(let value, let low, let high, negated: false):
      guard Self.column(value, qualifiers: qualifiers) == "eventtime", let lo = Self.millis(low),
        let hi = Self.millis(high)
      else { return false }
      bound(.greaterOrEqual, lo)
      bound(.lessOrEqual, hi)
      return true
    case .binary(let op, let left, let right):
      if let dimension = Self.dimension(Self.column(left, qualifiers: qualifiers)),
        op == .equal, case .literal(.string(let text)) = right.kind
      {
        return equal(dimension, text)
      }
      if let dimension = Self.dimension(Self.column(right, qualifiers: qualifiers)),
        op == .equal, case .literal(.string(let text)) = left.kind
      {
        return equal(dimension, text)
      }
      if Self.column(left, qualifiers: qualifiers) == "eventtime", let ms = Self.millis(right) {
        return bound(op, ms)
      }
      if Self.column(right, qualifiers: qualifiers) == "eventtime", let ms = Self.millis(left) {
        let flipped: [BinaryOperator: BinaryOperator] = [
          .less: .greater, .lessOrEqual: .greaterOrEqual, .greater: .less, .greaterOrEqual: .lessOrEqual,
          .equal: .equal,
        ]
        return flipped[op].map { bound($0, ms) } ?? false
      }
      return false
    default:
      return false
    }
  }

  private mutating func equal(_ dimension: RollupShape.Dimension, _ text: String) -> Bool {
    if let other = equals[dimension], other != text {
      // Two different values: nothing passes, which an empty window says.
      upper = lower ?? 0
      lower = upper
    }
    equals[dimension] = text
    return true
  }

  /// Narrows the second bounds by `eventTime op ms`. Stored times are whole seconds, so each bound
  /// becomes a whole second: `t * 1000 >= ms` is `t >= ceil(ms / 1000)`, and so on.
  @discardableResult
  private mutating func bound(_ op: BinaryOperator, _ ms: Int64) -> Bool {
    let floor = LakeTime.floorDiv(ms, 1000)
    let ceil = -LakeTime.floorDiv(-ms, 1000)
    switch op {
    case .greaterOrEqual: lower = max(lower ?? .min, ceil)
    case .greater: lower = max(lower ?? .min, floor + 1)
    case .less: upper = min(upper ?? .max, ceil)
    case .lessOrEqual: upper = min(upper ?? .max, floor + 1)
    case .equal:
      lower = max(lower ?? .min, ceil)
      upper = min(upper ?? .max, floor + 1)
    default: return false
    }
    return true
  }

  /// A constant time literal in epoch milliseconds, read as the engine reads it.
  static func millis(_ expression: Expression) -> Int64? {
    guard case .literal(let literal) = expression.kind else { return nil }
    switch literal {
    case .string(let text): return LakeTime.parseTimestamp(text)
    case .typed(let type, let text) where type.lowercased() == "timestamp":
      return LakeTime.parseTimestamp(text)
    case .typed(let type, let text) where type.lowercased() == "date":
      return LakeTime.parseDate(text).map { $0 * 86_400_000 }
    default: return nil
    }
  }
}
