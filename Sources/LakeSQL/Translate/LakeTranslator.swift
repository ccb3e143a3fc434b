/// Turns a parsed statement into one SQLite SELECT over the store, deciding every expression's type as
/// Trino would and refusing what Lake refuses (unknown tables, columns, fields and functions, type
/// errors) with the position of the offending token.
///
/// The SQL it writes calls TrailDeck's `lake_*` SQLite functions (registered by the engine) for
/// everything SQLite does not do Trino's way: reading a record's fields, map and array access, time
/// arithmetic, casts, division. User values are always bound parameters, never spliced.
public struct LakeTranslator {
  /// Resolves a table name (an event data store's id or ARN) to what the store reads; nil if none.
  public typealias TableResolver = (String) throws -> LakeTableSource?

  let resolveTable: TableResolver
  let parameters: [String]
  var bindings: [SQLBinding] = []
  var storeARNs: [String] = []
  /// Per store alias: its `LakeTableSource.enrichment`, for `eventcontext` paths.
  var enrichments: [String: String] = [:]
  /// Per store alias: the columns its table presents, which type the paths `lake_col` reads there.
  var schemas: [String: LakeTableSchema] = [:]
  var aliasCounter = 0
  /// Whether stores now being added to a FROM sit in a join (see `materializeJoinedStores`).
  var materializeStores = false
  /// Stores of the current SELECT's joins: their alias and source SQL.
  var materialized: [(alias: String, source: String)] = []
  /// Row-id bounds from the WHERE clause for those stores, on their source's alias `s`.
  var materializedBounds: [String: [String]] = [:]
  /// Whether the SELECT being translated has called an aggregate so far (nested SELECTs keep their own).
  var aggregatesSeen = false
  /// WITH names in force, innermost last: name → (SQL name, columns).
  var commonTables: [[String: (sqlName: String, columns: [ResultColumn])]] = []

  public init(parameters: [String] = [], resolveTable: @escaping TableResolver) {
    self.parameters = parameters
    self.resolveTable = resolveTable
  }

  /// Translates `query`.
  ///
  /// - Throws: `LakeSQLError` for what Lake refuses; whatever `resolveTable` throws.
  public mutating func translate(_ query: Query) throws -> TranslatedQuery {
    let (sql, columns) = try translateQuery(query, outer: nil)
    return TranslatedQuery(sql: sql, bindings: bindings, columns: columns, storeARNs: storeARNs)
  }

  // MARK: - Shared helpers

  mutating func bind(_ value: SQLBinding) -> String {
    bindings.append(value)
    return "?\(bindings.count)"
  }

  mutating func nextAlias(_ prefix: String = "r") -> String {
    aliasCounter += 1
    return "\(prefix)\(aliasCounter)"
  }

  static func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The SQL column name of output column `index` of any query level.
  static func outputName(_ index: Int) -> String { "c\(index)" }

  // MARK: - Queries

  mutating func translateQuery(_ query: Query, outer: TranslationScope?) throws -> (String, [ResultColumn]) {
    var prefix = ""
    commonTables.append([:])
    defer { commonTables.removeLast() }
    if !query.with.isEmpty {
      var parts: [String] = []
      for cte in query.with {
        let (sql, columns) = try translateQuery(cte.query, outer: outer)
        var named = columns
        if !cte.columns.isEmpty {
          guard cte.columns.count == columns.count else {
            throw LakeSQLError(
              "WITH column alias list has \(cte.columns.count) entries but WITH query '\(cte.name.value)' has \(columns.count) columns",
              token: cte.name.value, at: cte.name.position)
          }
          for (i, alias) in cte.columns.enumerated() { named[i].name = alias.value }
        }
        let sqlName = nextAlias("w")
        commonTables[commonTables.count - 1][cte.name.key] = (sqlName, named)
        parts.append("\(sqlName) AS (\(sql))")
      }
      prefix = "WITH " + parts.joined(separator: ", ") + " "
    }

    let body: String
    let columns: [ResultColumn]
    if case .select(let select) = query.body {
      (body, columns) = try translateSelect(select, orderBy: query.orderBy, outer: outer)
    } else {
      let (inner, innerColumns) = try translateBody(query.body, outer: outer)
      columns = innerColumns
      var text = inner
      if !query.orderBy.isEmpty {
        text +=
          " ORDER BY "
          + (try query.orderBy.map { try compoundOrderTerm($0, columns: columns) })
          .joined(separator: ", ")
      }
      body = text
    }
    var sql = prefix + body
    if let limit = query.limit {
      sql += " LIMIT " + bind(.integer(limit))
    } else if query.offset != nil {
      sql += " LIMIT -1"
    }
    if let offset = query.offset { sql += " OFFSET " + bind(.integer(offset)) }
    return (sql, columns)
  }

  /// ORDER BY of a set operation: output columns only, by name or ordinal.
  func compoundOrderTerm(_ item: OrderItem, columns: [ResultColumn]) throws -> String {
    var index: Int?
    switch item.expression.kind {
    case .identifier(let name):
      index = columns.firstIndex { $0.name.lowercased() == name.key }
    case .literal(.integer(let n)) where n >= 1 && n <= columns.count:
      index = Int(n) - 1
    default: break
    }
    guard let index else {
      throw LakeSQLError(
        "ORDER BY of a set operation must name an output column", token: "", at: item.expression.position)
    }
    return "\(index + 1)" + Self.direction(item)
  }

  /// What SQLite groups by for a GROUP BY term: an interned column (`lake_string(r1.n)`) by its id,
  /// which names the same groups (one id per string, 0 alone for NULL) without turning every row's id
  /// into text; the select list still prints the text, once per group.
  ///
  /// Any other text is grouped by a number `lake_group_id` gives each distinct value (per term
  /// `term`, in the order values come): SQLite sorts every row by its GROUP BY terms, and sorting
  /// 140 000 rows of text keys, spilled to a file, was a third of q5 of `traildeck-bench lake`.
  static func groupingTerm(_ typed: TypedSQL, term: Int) -> String {
    let sql = typed.sql
    guard sql.hasPrefix("lake_string("), sql.hasSuffix(")") else {
      return typed.type == .varchar && sql.hasPrefix("lake_") ? "lake_group_id(\(term), \(sql))" : sql
    }
    let inner = sql.dropFirst("lake_string(".count).dropLast()
    let parts = inner.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].first == "r", parts[0].dropFirst().allSatisfy(\.isNumber),
      storedStrings.values.contains(String(parts[1]))
    else { return sql }
    return String(inner)
  }

  /// A store's `eventTime` as an ORDER BY term over the store's row id, when `typed` is one.
  ///
  /// Row ids grow with eventTime (its seconds are the id's high bits), so the order is the same, ties
  /// within a second aside, which SQL leaves unordered anyway. SQLite reads the primary key in that
  /// order instead of sorting every matching row, and stops as soon as a LIMIT is reached: the newest
  /// 50 events of a store open 50 records, not all of them. Not for stores materialised for a join
  /// (`m` aliases), whose rows are a sub-query's.
  static func rowIDOrder(_ typed: TypedSQL, _ item: OrderItem) -> String? {
    guard let (alias, path) = typed.storePath, path == ["eventtime"], !alias.hasPrefix("m") else {
      return nil
    }
    return "\(alias).id" + (item.ascending ? " ASC" : " DESC")
  }

  static func direction(_ item: OrderItem) -> String {
    // Trino puts nulls last in both directions unless told; SQLite puts them first when ascending.
    let nullsFirst = item.nullsFirst ?? false
    return (item.ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST")
  }

  mutating func translateBody(_ body: QueryBody, outer: TranslationScope?) throws -> (String, [ResultColumn])
  {
    switch body {
    case .select(let select):
      return try translateSelect(select, orderBy: [], outer: outer)
    case .nested(let query):
      let (sql, columns) = try translateQuery(query, outer: outer)
      return ("SELECT * FROM (\(sql))", columns)
    case .setOperation(let operation):
      let (left, leftColumns) = try translateBody(operation.left, outer: outer)
      let (right, rightColumns) = try translateBody(operation.right, outer: outer)
      guard leftColumns.count == rightColumns.count else {
        throw LakeSQLError(
          "\(operation.kind.rawValue.uppercased()) query has different number of fields: \(leftColumns.count), \(rightColumns.count)",
          token: operation.kind.rawValue.uppercased(), at: operation.position)
      }
      var columns = leftColumns
      for i in columns.indices where columns[i].type == .unknown { columns[i].type = rightColumns[i].type }
      let keyword: String
      switch (operation.kind, operation.all) {
      case (.union, true): keyword = "UNION ALL"
      case (.union, false): keyword = "UNION"
      case (.except, false): keyword = "EXCEPT"
      case (.intersect, false): keyword = "INTERSECT"
      case (_, true):
        throw LakeSQLError(
          "\(operation.kind.rawValue.uppercased()) ALL is not supported",
          token: operation.kind.rawValue.uppercased(),
          at: operation.position)
      }
      // Each side is wrapped so that its own ORDER BY/LIMIT stays its own.
      return ("SELECT * FROM (\(left)) \(keyword) SELECT * FROM (\(right))", columns)
    }
  }

  // MARK: - SELECT

  mutating func translateSelect(_ select: Select, orderBy: [OrderItem], outer: TranslationScope?) throws -> (
    String, [ResultColumn]
  ) {
    let scope = TranslationScope(parent: outer)
    var fromSQL = ""
    let outerMaterialized = materialized
    materialized = []
    defer { materialized = outerMaterialized }
    if let from = select.from {
      let outerMode = materializeStores
      if case .join = from { materializeStores = true } else { materializeStores = false }
      defer { materializeStores = outerMode }
      fromSQL = " FROM " + (try translateRelation(from, scope: scope))
    }
    var items: [(sql: String, column: ResultColumn, expression: Expression?, typed: TypedSQL)] = []
    let outerAggregates = aggregatesSeen
    aggregatesSeen = false
    defer { aggregatesSeen = outerAggregates }
    for (index, item) in select.items.enumerated() {
      switch item {
      case .all(let position):
        guard !scope.relations.isEmpty else {
          throw LakeSQLError("SELECT * not allowed in queries without FROM clause", token: "*", at: position)
        }
        for relation in scope.relations {
          for column in relation.columns {
            items.append(
              (
                column.expression.sql, ResultColumn(name: column.name, type: column.expression.type), nil,
                column.expression
              ))
          }
        }
      case .allOf(let qualifier, let position):
        let key = qualifier.map(\.key).joined(separator: ".")
        guard let relation = scope.relations.first(where: { $0.key == key }) else {
          throw LakeSQLError(
            "Table '\(qualifier.map(\.value).joined(separator: "."))' not found", token: key, at: position)
        }
        for column in relation.columns {
          items.append(
            (
              column.expression.sql, ResultColumn(name: column.name, type: column.expression.type), nil,
              column.expression
            ))
        }
      case .expression(let expression, let alias):
        let typed = try translateExpression(expression, scope: scope)
        let name = alias?.value ?? typed.name ?? "_col\(index)"
        items.append((typed.sql, ResultColumn(name: name, type: typed.type), expression, typed))
      }
    }
    var sql = "SELECT " + (select.distinct ? "DISTINCT " : "")
    sql += items.enumerated().map { "\($1.sql) AS \(Self.outputName($0))" }.joined(separator: ", ")
    // A store whose rows come from a `lake_ids` scan (see `TimeBound.postingsScan`): its alias, and
    // the scan's alias and FROM item.
    var driver: (store: String, alias: String, from: String)?
    var whereSQL = ""
    if let condition = select.where {
      let typed = try translateExpression(condition, scope: scope)
      try requireBoolean(typed, at: condition.position, clause: "WHERE")
      // Only this SELECT's own stores: a correlated condition on an outer store bounds nothing here.
      let own = Set(scope.relations.flatMap { $0.columns.compactMap { $0.expression.storePath?.alias } })
      var bounds: [String] = []
      let all = try timeBounds(condition, scope: scope).filter { own.contains($0.alias) }
      // A needle drives the scan only when no posted value does (postings name fewer events).
      let found = all.filter { $0.paramsNeedleSQL == nil } + all.filter { $0.paramsNeedleSQL != nil }
      for bound in found {
        if bound.alias.hasPrefix("m") {
          if bound.paramsNeedleSQL == nil {
            materializedBounds[bound.alias, default: []].append(bound.condition("s"))
          }
        } else if driver == nil, let scan = bound.postingsScan(time: found) {
          let alias = nextAlias("p")
          driver = (bound.alias, alias, "\(scan) AS \(alias)")
          bounds.append(bound.scanJoin(alias))
        } else if bound.paramsNeedleSQL != nil {
          continue
        } else {
          bounds.append(bound.condition(bound.alias))
        }
      }
      // Bounds first: SQLite tests the terms it does not seek by in order, and theirs are cheap.
      whereSQL = " WHERE " + (bounds + [typed.sql]).joined(separator: " AND ")
    }
    if let driver {
      // First, and CROSS JOIN so that SQLite keeps it first: the store's rows are read by the ids it
      // hands out, in the order it hands them out.
      sql += " FROM \(driver.from) CROSS JOIN " + fromSQL.dropFirst(" FROM ".count)
    } else {
      sql += fromSQL
    }
    sql += whereSQL
    if !select.groupBy.isEmpty {
      var terms: [String] = []
      for expression in select.groupBy {
        if case .literal(.integer(let n)) = expression.kind {
          guard n >= 1, n <= items.count else {
            throw LakeSQLError(
              "GROUP BY position \(n) is not in select list", token: String(n), at: expression.position)
          }
          terms.append(Self.groupingTerm(items[Int(n) - 1].typed, term: terms.count))
        } else {
          terms.append(
            Self.groupingTerm(try translateExpression(expression, scope: scope), term: terms.count))
        }
      }
      sql += " GROUP BY " + terms.joined(separator: ", ")
    }
    if let having = select.having {
      let typed = try translateExpression(having, scope: scope)
      try requireBoolean(typed, at: having.position, clause: "HAVING")
      sql += " HAVING " + typed.sql
    }
    if !orderBy.isEmpty {
      // Rows, not groups: a store's eventTime can then be ordered by its row id (see `rowIDOrder`).
      let perRow = select.groupBy.isEmpty && select.having == nil && !select.distinct && !aggregatesSeen
      var terms: [String] = []
      for item in orderBy {
        let term: String
        let typed: TypedSQL
        if case .literal(.integer(let n)) = item.expression.kind {
          guard n >= 1, n <= items.count else {
            throw LakeSQLError(
              "ORDER BY position \(n) is not in select list", token: String(n), at: item.expression.position)
          }
          term = Self.outputName(Int(n) - 1)
          typed = items[Int(n) - 1].typed
        } else if case .identifier(let name) = item.expression.kind,
          let index = items.firstIndex(where: { $0.column.name.lowercased() == name.key })
        {
          term = Self.outputName(index)
          typed = items[index].typed
        } else if let index = items.firstIndex(where: { $0.expression == item.expression }) {
          term = Self.outputName(index)
          typed = items[index].typed
        } else {
          let translated = try translateExpression(item.expression, scope: scope)
          term = translated.sql
          typed = translated
        }
        if perRow, let order = Self.rowIDOrder(typed, item) {
          // Over the scan's ids (equal to the store's row ids) SQLite leaves the order to the scan,
          // which stops with the LIMIT; over the store's it would read every id to sort them.
          if let driver, typed.storePath?.alias == driver.store {
            terms.append(driver.alias + order.dropFirst(driver.store.count))
          } else {
            terms.append(order)
          }
        } else {
          terms.append(term + Self.direction(item))
        }
      }
      sql += " ORDER BY " + terms.joined(separator: ", ")
    }
    return (materializeJoinedStores(sql), items.map(\.column))
  }

  func requireBoolean(_ typed: TypedSQL, at position: SourcePosition, clause: String) throws {
    guard typed.type == .boolean || typed.type == .unknown else {
      throw LakeSQLError(
        "\(clause) clause must evaluate to a boolean: actual type \(typed.type)", token: "", at: position)
    }
  }
}
