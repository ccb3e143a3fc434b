/// A whole query: `[WITH …] body [ORDER BY …] [LIMIT n] [OFFSET n]`. The parser returns one for the
/// statement; sub-queries (in FROM, IN, EXISTS, scalar) and common table expressions are queries too.
public struct Query: Hashable, Sendable {
  public var with: [CommonTableExpression]
  public var body: QueryBody
  public var orderBy: [OrderItem]
  /// `LIMIT n`; nil for none or `LIMIT ALL`.
  public var limit: Int64?
  /// `OFFSET n` (Trino writes it before LIMIT; either order is accepted).
  public var offset: Int64?
  /// Where the query (its first keyword) starts.
  public var position: SourcePosition

  public init(
    with: [CommonTableExpression] = [], body: QueryBody, orderBy: [OrderItem] = [], limit: Int64? = nil,
    offset: Int64? = nil, at position: SourcePosition = .start
  ) {
    self.with = with
    self.body = body
    self.orderBy = orderBy
    self.limit = limit
    self.offset = offset
    self.position = position
  }
}

/// `name [(columns)] AS (query)` in a WITH clause.
public struct CommonTableExpression: Hashable, Sendable {
  public var name: Identifier
  public var columns: [Identifier]
  public var query: Query

  public init(name: Identifier, columns: [Identifier] = [], query: Query) {
    self.name = name
    self.columns = columns
    self.query = query
  }
}

/// What a query's rows come from: one SELECT, a set operation of two bodies, or a parenthesised query
/// (which may carry its own ORDER BY/LIMIT).
public indirect enum QueryBody: Hashable, Sendable {
  case select(Select)
  case setOperation(SetOperation)
  case nested(Query)
}

/// `left UNION|EXCEPT|INTERSECT [ALL|DISTINCT] right`. INTERSECT binds tighter than UNION and EXCEPT,
/// which associate to the left (Trino's grammar).
public struct SetOperation: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable { case union, except, intersect }

  public var kind: Kind
  /// `ALL`; false for the default and for an explicit `DISTINCT`.
  public var all: Bool
  public var left: QueryBody
  public var right: QueryBody
  /// Where the operator keyword starts.
  public var position: SourcePosition

  public init(_ kind: Kind, all: Bool, left: QueryBody, right: QueryBody, at position: SourcePosition) {
    self.kind = kind
    self.all = all
    self.left = left
    self.right = right
    self.position = position
  }
}

/// One `SELECT [DISTINCT] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …]`.
public struct Select: Hashable, Sendable {
  public var distinct: Bool
  public var items: [SelectItem]
  /// The FROM clause as one relation: `a, b` is a cross join of the two; nil without FROM.
  public var from: Relation?
  public var `where`: Expression?
  /// GROUP BY expressions; an integer literal is a 1-based select-item ordinal (resolved later).
  public var groupBy: [Expression]
  public var having: Expression?
  /// Where `SELECT` starts.
  public var position: SourcePosition

  public init(
    distinct: Bool = false, items: [SelectItem], from: Relation? = nil, where: Expression? = nil,
    groupBy: [Expression] = [], having: Expression? = nil, at position: SourcePosition = .start
  ) {
    self.distinct = distinct
    self.items = items
    self.from = from
    self.where = `where`
    self.groupBy = groupBy
    self.having = having
    self.position = position
  }
}

/// One item of the select list.
public enum SelectItem: Hashable, Sendable {
  /// `*`.
  case all(at: SourcePosition)
  /// `t.*` (the qualifier's parts).
  case allOf([Identifier], at: SourcePosition)
  /// `expression [[AS] alias]`.
  case expression(Expression, alias: Identifier?)
}

/// `expression [ASC|DESC] [NULLS FIRST|LAST]`. Without NULLS, Trino puts nulls last in both
/// directions.
public struct OrderItem: Hashable, Sendable {
  public var expression: Expression
  public var ascending: Bool
  /// nil when the statement does not say.
  public var nullsFirst: Bool?

  public init(_ expression: Expression, ascending: Bool = true, nullsFirst: Bool? = nil) {
    self.expression = expression
    self.ascending = ascending
    self.nullsFirst = nullsFirst
  }
}
