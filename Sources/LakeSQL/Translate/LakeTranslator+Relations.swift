import Foundation

extension LakeTranslator {
  /// Translates a FROM item, adding its relations to `scope` (left to right, so that UNNEST can read
  /// the columns of the relations before it).
  mutating func translateRelation(_ relation: Relation, scope: TranslationScope) throws -> String {
    switch relation {
    case .table(let table):
      return try translateTable(table, scope: scope)

    case .subquery(let query, let alias, let columnAliases, let position):
      let (sql, columns) = try translateQuery(query, outer: scope.parent)
      let sqlAlias = nextAlias()
      var bindings: [ColumnBinding] = []
      if !columnAliases.isEmpty && columnAliases.count != columns.count {
        throw LakeSQLError(
          "Column alias list has \(columnAliases.count) entries but subquery has \(columns.count) columns",
          token: alias?.value ?? "", at: alias?.position ?? position)
      }
      for (i, column) in columns.enumerated() {
        let name = columnAliases.isEmpty ? column.name : columnAliases[i].value
        bindings.append(
          ColumnBinding(
            key: name.lowercased(), name: name,
            expression: TypedSQL(sql: "\(sqlAlias).\(Self.outputName(i))", type: column.type, name: name)))
      }
      scope.relations.append(RelationBinding(key: alias?.key, columns: bindings))
      return "(\(sql)) AS \(sqlAlias)"

    case .unnest(let unnest):
      return try translateUnnest(unnest, scope: scope)

    case .join(let join):
      let left = try translateRelation(join.left, scope: scope)
      let right = try translateRelation(join.right, scope: scope)
      let keyword: String
      switch join.kind {
      case .inner: keyword = "JOIN"
      case .left: keyword = "LEFT JOIN"
      case .right: keyword = "RIGHT JOIN"
      case .full: keyword = "FULL JOIN"
      case .cross: keyword = "JOIN"
      }
      switch join.condition {
      case nil:
        return "\(left) \(keyword) \(right)" + (join.kind == .cross || join.kind == .inner ? "" : " ON 1")
      case .on(let condition):
        let typed = try translateExpression(condition, scope: scope)
        try requireBoolean(typed, at: condition.position, clause: "JOIN")
        return "\(left) \(keyword) \(right) ON \(typed.sql)"
      case .using(let names):
        // Both sides' columns of that name, equal.
        guard scope.relations.count >= 2 else { return "\(left) \(keyword) \(right)" }
        let rightRelation = scope.relations[scope.relations.count - 1]
        let leftRelations = scope.relations.dropLast()
        var terms: [String] = []
        for name in names {
          guard let r = rightRelation.column(name.key),
            let l = leftRelations.lazy.compactMap({ $0.column(name.key) }).first
          else {
            throw LakeSQLError(
              "Column '\(name.value)' is missing from a side of the join", token: name.value,
              at: name.position)
          }
          terms.append("\(l.expression.sql) = \(r.expression.sql)")
        }
        return "\(left) \(keyword) \(right) ON " + terms.joined(separator: " AND ")
      }
    }
  }

  mutating func translateTable(_ table: TableReference, scope: TranslationScope) throws -> String {
    let key = table.name.lowercased()
    for level in commonTables.reversed() {
      if let cte = level[key] {
        let sqlAlias = nextAlias()
        let bindings = cte.columns.enumerated().map { i, column in
          ColumnBinding(
            key: column.name.lowercased(), name: column.name,
            expression: TypedSQL(
              sql: "\(sqlAlias).\(Self.outputName(i))", type: column.type, name: column.name))
        }
        scope.relations.append(RelationBinding(key: table.alias?.key ?? key, columns: bindings))
        return "\(cte.sqlName) AS \(sqlAlias)"
      }
    }
    guard let source = try resolveTable(table.name) else {
      throw LakeSQLError("Table '\(table.name)' does not exist", token: table.name, at: table.position)
    }
    if !storeARNs.contains(source.arn) { storeARNs.append(source.arn) }
    let sqlAlias = nextAlias(materializeStores ? "m" : "r")
    if materializeStores { materialized.append((sqlAlias, source.sql)) }
    if let enrichment = source.enrichment { enrichments[sqlAlias] = enrichment }
    schemas[sqlAlias] = source.schema
    let bindings = source.schema.columns.map { column in
      ColumnBinding(
        key: column.name, name: column.name,
        expression: Self.storeColumn(
          alias: sqlAlias, path: [column.name], type: column.type, name: column.name,
          schema: source.schema, enrichment: source.enrichment))
    }
    scope.relations.append(RelationBinding(key: table.alias?.key ?? key, columns: bindings))
    return materializeStores ? Self.placeholder(sqlAlias) : "\(source.sql) AS \(sqlAlias)"
  }

  /// Columns the store keeps as interned strings, by the source column holding their id.
  static let storedStrings = [
    "eventname": "n", "eventsource": "s", "awsregion": "r", "errorcode": "x", "eventtype": "y",
  ]

  /// A store's column or nested field: `eventtime` straight from the row, anything else through
  /// `lake_col`, which reads the record once per row whatever number of fields are asked, typing the
  /// path in the store's own `schema` (named by its `pathPrefix`).
  static func storeColumn(
    alias: String, path: [String], type: LakeType, name: String, schema: LakeTableSchema = .cloudTrail,
    enrichment: String? = nil
  ) -> TypedSQL {
    let sql: String
    if path.first == "eventcontext" {
      // Computed per store (enriched events): `#TAG` tells `lake_col` whose context key selectors
      // apply; a store without them has no eventContext.
      let text = path.joined(separator: ".")
      if let enrichment {
        sql =
          alias.hasPrefix("m")
          ? "\(alias).\"\(text)#\(enrichment)\"" : "lake_col(\(alias).id, '\(text)#\(enrichment)')"
      } else {
        sql = "NULL"
      }
    } else if path == ["eventtime"] {
      sql = "(\(alias).t * 1000)"
    } else if path == ["eventid"] {
      // Stored beside the record as its stored form in hex (a materialised store's "eventid" column
      // holds the same): decoded only where the value itself is needed.
      sql = alias.hasPrefix("m") ? "lake_event_id(\(alias).\"eventid\")" : "lake_event_id(\(alias).i)"
    } else if alias.hasPrefix("m"), !(path.count == 1 && storedStrings[path[0]] != nil) {
      // A store on a side of a join: the field is a column of its materialised rows (see
      // `materializeJoinedStores`), so that SQLite can index it for the join.
      sql = "\(alias).\"\(schema.pathPrefix)\(path.joined(separator: "."))\""
    } else if path.count == 1, let column = storedStrings[path[0]] {
      // Stored beside the record at ingest: no need to open it.
      sql = "lake_string(\(alias).\(column))"
    } else if path == ["requestparameters"], schema.pathPrefix.isEmpty {
      // Kept beside the record in pages (`params_slot`, the source's `ps`): read without opening it.
      sql = "lake_params(\(alias).id, \(alias).ps)"
    } else {
      // Path parts come from the schema (lowercase letters only), so they are safe as SQL text.
      sql = "lake_col(\(alias).id, '\(schema.pathPrefix)\(path.joined(separator: "."))')"
    }
    return TypedSQL(sql: sql, type: type, storePath: (alias, path), name: name)
  }

  mutating func translateUnnest(_ unnest: Unnest, scope: TranslationScope) throws -> String {
    guard unnest.arguments.count == 1, let argument = unnest.arguments.first else {
      throw LakeSQLError(
        "UNNEST of more than one array is not supported", token: "UNNEST", at: unnest.position)
    }
    let typed = try translateExpression(argument, scope: scope)
    let sqlAlias = nextAlias("u")
    var bindings: [ColumnBinding] = []
    func add(_ name: String, _ sql: String, _ type: LakeType) {
      bindings.append(
        ColumnBinding(
          key: name.lowercased(), name: name, expression: TypedSQL(sql: sql, type: type, name: name)))
    }
    var names = unnest.columns.map(\.value)
    switch typed.type {
    case .array(let element):
      if case .row(let fields) = element, names.count >= fields.count, fields.count > 1 {
        // Trino spreads an array of rows into one column per field.
        for (i, field) in fields.enumerated() {
          add(names[i], Self.fieldAccess("\(sqlAlias).value", field), field.type)
        }
        names.removeFirst(fields.count)
      } else {
        add(names.first ?? "_col0", Self.jsonElement("\(sqlAlias).value", element), element)
        if !names.isEmpty { names.removeFirst() }
      }
    case .map(let keyType, let valueType):
      add(names.first ?? "key", "\(sqlAlias).key", keyType)
      add(names.count > 1 ? names[1] : "value", Self.jsonElement("\(sqlAlias).value", valueType), valueType)
      names.removeFirst(min(2, names.count))
    case .unknown:
      add(names.first ?? "_col0", "\(sqlAlias).value", .unknown)
      if !names.isEmpty { names.removeFirst() }
    default:
      throw LakeSQLError(
        "Cannot unnest type: \(typed.type)", token: "UNNEST", at: argument.position)
    }
    if unnest.withOrdinality {
      add(names.first ?? "ordinality", "(\(sqlAlias).key + 1)", .bigint)
      if !names.isEmpty { names.removeFirst() }
    }
    guard names.isEmpty else {
      throw LakeSQLError(
        "Column alias list has \(unnest.columns.count) entries but UNNEST has \(bindings.count) columns",
        token: unnest.alias?.value ?? "UNNEST", at: unnest.alias?.position ?? unnest.position)
    }
    scope.relations.append(RelationBinding(key: unnest.alias?.key, columns: bindings))
    return "json_each(\(typed.sql)) AS \(sqlAlias)"
  }

  /// A JSON element (from `json_each`) as its type is held: structured values stay JSON text, a
  /// timestamp held as text in a record becomes milliseconds.
  static func jsonElement(_ sql: String, _ type: LakeType) -> String {
    switch type {
    case .timestamp: "lake_to_timestamp(\(sql))"
    case .boolean: "lake_to_boolean(\(sql))"
    default: sql
    }
  }

  /// `text` as a SQL string literal, for names TrailDeck writes into SQL (schema names, type names).
  static func sqlText(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

  /// Field `field` of a row held as JSON text.
  static func fieldAccess(_ sql: String, _ field: LakeField) -> String {
    jsonElement("lake_field(\(sql), \(sqlText(field.name)))", field.type)
  }

  /// Puts each store read on a side of a join in place as a materialised sub-query that computes the
  /// record fields the statement uses as columns. Without it the join condition is an expression
  /// over `lake_col` calls, which SQLite can only nest-loop (every pair of rows, each opening records);
  /// as columns of a materialised sub-query (a LIMIT keeps SQLite from flattening it) SQLite builds an
  /// automatic index on the join key.
  func materializeJoinedStores(_ sql: String) -> String {
    var text = sql
    for (alias, source) in materialized {
      let marker = "\(alias).\""
      var paths: [String] = []
      var rest = text[...]
      while let range = rest.range(of: marker) {
        let after = rest[range.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        let path = String(after[..<end])
        if !paths.contains(path) { paths.append(path) }
        rest = after[after.index(after: end)...]
      }
      // eventID is stored beside the record: joins on it (the common self-join) open no record, and
      // compare its stored form (see `storedEventID`).
      let columns = paths.map {
        ", \($0 == "eventid" ? "s.i" : "lake_col(s.id, \(Self.sqlText($0)))") AS \"\($0)\""
      }.joined()
      let bounds = materializedBounds[alias] ?? []
      let condition = bounds.isEmpty ? "" : " WHERE " + bounds.joined(separator: " AND ")
      text = text.replacingOccurrences(
        of: Self.placeholder(alias),
        with: "(SELECT s.*\(columns) FROM \(source) AS s\(condition) LIMIT -1) AS \(alias)")
    }
    return text
  }

  /// The SQL of a store's eventID in its stored form (hex of the stored bytes: 16 for a lower-case
  /// UUID, else the text's UTF-8), when `typed` is a store's eventID column.
  ///
  /// Two eventIDs are equal exactly when their stored forms are (the encoding is one-to-one, but for
  /// a 16-character eventID that is not a UUID, whose bytes could read as one: a vanishing case
  /// CloudTrail's own IDs never hit).
  static func storedEventID(_ typed: TypedSQL) -> String? {
    guard let (alias, path) = typed.storePath, path == ["eventid"] else { return nil }
    return alias.hasPrefix("m") ? "\(alias).\"eventid\"" : "\(alias).i"
  }

  /// The source column holding the interned id of the store column `typed` names (`r1.s` for
  /// eventSource), if it names one.
  static func internedColumn(_ typed: TypedSQL) -> String? {
    guard let (alias, path) = typed.storePath, path.count == 1, let column = storedStrings[path[0]],
      typed.sql == "lake_string(\(alias).\(column))"
    else { return nil }
    return "\(alias).\(column)"
  }

  static func placeholder(_ alias: String) -> String { "\u{27EA}\(alias)\u{27EB}" }
}
