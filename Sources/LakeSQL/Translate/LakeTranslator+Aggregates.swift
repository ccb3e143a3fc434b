extension LakeTranslator {
  mutating func translateAggregate(_ call: FunctionCall, scope: TranslationScope) throws -> TypedSQL {
    aggregatesSeen = true
    let name = call.name.key
    let error = { (message: String) in LakeSQLError(message, token: call.name.value, at: call.name.position) }
    guard call.orderBy.isEmpty else { throw error("ORDER BY inside \(name)(…) is not supported") }
    if call.star {
      guard name == "count" else { throw error("\(name)(*) is not valid") }
      return TypedSQL(sql: "count(*)", type: .bigint)
    }
    let args = try call.arguments.map { try translateExpression($0, scope: scope) }
    let distinct = call.distinct ? "DISTINCT " : ""
    func arity(_ range: ClosedRange<Int>) throws {
      guard range.contains(args.count) else {
        throw error("Function \(name) does not take \(args.count) argument\(args.count == 1 ? "" : "s")")
      }
    }
    switch name {
    case "count":
      try arity(1...1)
      return TypedSQL(sql: "count(\(distinct)\(args[0].sql))", type: .bigint)
    case "approx_distinct":
      try arity(1...2)
      return TypedSQL(sql: "count(DISTINCT \(args[0].sql))", type: .bigint)
    case "count_if":
      try arity(1...1)
      try requireType(args[0], .boolean, at: call.arguments[0].position, context: "count_if")
      return TypedSQL(sql: "count(CASE WHEN \(args[0].sql) THEN 1 END)", type: .bigint)
    case "sum":
      try arity(1...1)
      try requireNumeric(args[0], at: call.arguments[0].position, op: "sum")
      return TypedSQL(
        sql: "sum(\(distinct)\(args[0].sql))", type: args[0].type == .double ? .double : .bigint)
    case "avg":
      try arity(1...1)
      try requireNumeric(args[0], at: call.arguments[0].position, op: "avg")
      return TypedSQL(sql: "avg(\(distinct)\(args[0].sql))", type: .double)
    case "min", "max":
      try arity(1...1)
      // min/max of one argument is SQLite's aggregate (with two it would be a scalar).
      return TypedSQL(sql: "\(name)(\(distinct)\(args[0].sql))", type: args[0].type)
    case "arbitrary", "any_value":
      try arity(1...1)
      return TypedSQL(sql: "min(\(args[0].sql))", type: args[0].type)
    case "bool_and", "every":
      try arity(1...1)
      return TypedSQL(sql: "min(\(args[0].sql))", type: .boolean)
    case "bool_or":
      try arity(1...1)
      return TypedSQL(sql: "max(\(args[0].sql))", type: .boolean)
    case "min_by", "max_by":
      try arity(2...2)
      return TypedSQL(sql: "lake_\(name)(\(args[0].sql), \(args[1].sql))", type: args[0].type)
    case "array_agg":
      try arity(1...1)
      return TypedSQL(
        sql: "lake_array_agg(\(args[0].sql), \(Self.sqlText(Self.kind(of: args[0].type))))",
        type: .array(args[0].type))
    case "approx_percentile":
      try arity(2...2)
      try requireNumeric(args[0], at: call.arguments[0].position, op: "approx_percentile")
      return TypedSQL(sql: "lake_percentile(\(args[0].sql), \(args[1].sql))", type: args[0].type)
    case "row_number", "rank", "dense_rank":
      try arity(0...0)
      return TypedSQL(sql: "\(name)()", type: .bigint)
    case "percent_rank", "cume_dist":
      try arity(0...0)
      return TypedSQL(sql: "\(name)()", type: .double)
    case "ntile":
      try arity(1...1)
      return TypedSQL(sql: "ntile(\(args[0].sql))", type: .bigint)
    case "lag", "lead":
      try arity(1...3)
      var sqls = args.map(\.sql)
      if args.count == 3 { sqls[2] = try unify(args[0], args[2], at: call.arguments[2].position, op: name).1 }
      return TypedSQL(sql: "\(name)(\(sqls.joined(separator: ", ")))", type: args[0].type)
    case "first_value", "last_value":
      try arity(1...1)
      return TypedSQL(sql: "\(name)(\(args[0].sql))", type: args[0].type)
    case "nth_value":
      try arity(2...2)
      return TypedSQL(sql: "nth_value(\(args[0].sql), \(args[1].sql))", type: args[0].type)
    default:
      throw error("Function '\(call.name.value)' not registered")
    }
  }

  /// `transform`, `filter`, `any_match`, `all_match`, `none_match`: the lambda becomes a correlated
  /// sub-query over the array's elements.
  mutating func translateLambdaFunction(_ call: FunctionCall, scope: TranslationScope) throws -> TypedSQL {
    let name = call.name.key
    guard call.arguments.count == 2, case .lambda(let parameters, let body) = call.arguments[1].kind,
      parameters.count == 1, let parameter = parameters.first
    else {
      throw LakeSQLError(
        "Function \(name) takes an array and a lambda of one argument (x -> …)", token: call.name.value,
        at: call.name.position)
    }
    let array = try translateExpression(call.arguments[0], scope: scope)
    guard case .array(let element) = array.type else {
      throw LakeSQLError(
        "Function \(name) expects an array, not \(array.type)", token: call.name.value,
        at: call.arguments[0].position)
    }
    let alias = nextAlias("l")
    let inner = scope.withLambda([
      parameter.key: TypedSQL(
        sql: Self.jsonElement("\(alias).value", element), type: element, name: parameter.value)
    ])
    let typedBody = try translateExpression(body, scope: inner)
    let from = "FROM json_each(\(array.sql)) AS \(alias)"
    switch name {
    case "transform":
      let kind = Self.sqlText(Self.kind(of: typedBody.type))
      return TypedSQL(
        sql: "(CASE WHEN \(array.sql) IS NULL THEN NULL ELSE "
          + "coalesce((SELECT lake_array_agg(\(typedBody.sql), \(kind)) \(from)), '[]') END)",
        type: .array(typedBody.type))
    case "filter":
      try requireType(typedBody, .boolean, at: body.position, context: "filter")
      let kind = Self.sqlText(Self.kind(of: element))
      return TypedSQL(
        sql: "(CASE WHEN \(array.sql) IS NULL THEN NULL ELSE "
          + "coalesce((SELECT lake_array_agg(\(alias).value, \(kind)) \(from) WHERE \(typedBody.sql)), '[]') END)",
        type: array.type)
    case "any_match":
      try requireType(typedBody, .boolean, at: body.position, context: name)
      return TypedSQL(sql: "(SELECT max(\(typedBody.sql)) \(from))", type: .boolean)
    case "all_match":
      try requireType(typedBody, .boolean, at: body.position, context: name)
      return TypedSQL(sql: "coalesce((SELECT min(\(typedBody.sql)) \(from)), 1)", type: .boolean)
    default:
      try requireType(typedBody, .boolean, at: body.position, context: name)
      return TypedSQL(sql: "(NOT coalesce((SELECT max(\(typedBody.sql)) \(from)), 0))", type: .boolean)
    }
  }
}
