/// An expression with the position of its first token (for a binary operator, the operator's).
public struct Expression: Hashable, Sendable {
  public var kind: Kind
  public var position: SourcePosition

  public init(_ kind: Kind, at position: SourcePosition) {
    self.kind = kind
    self.position = position
  }

  /// What an expression is. Names are not resolved here: `a.b.c` is `.dereference(.dereference(
  /// .identifier(a), b), c)` whether `a` is a table alias, a column or a lambda parameter — the
  /// analyser decides.
  public indirect enum Kind: Hashable, Sendable {
    case literal(Literal)
    /// A bare name.
    case identifier(Identifier)
    /// `base.field`.
    case dereference(Expression, Identifier)
    /// `base[index]`: an array element (1-based) or a map value.
    case `subscript`(Expression, Expression)
    /// `?` in a statement run with QueryParameters: the 0-based index among the statement's `?`s.
    case parameter(Int)

    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `e IS [NOT] NULL` (`negated` for NOT).
    case isNull(Expression, negated: Bool)
    /// `a IS [NOT] DISTINCT FROM b`.
    case isDistinctFrom(Expression, Expression, negated: Bool)
    /// `e [NOT] BETWEEN low AND high`.
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// `e [NOT] IN (v1, v2, …)`.
    case inList(Expression, [Expression], negated: Bool)
    /// `e [NOT] IN (query)`.
    case inQuery(Expression, Query, negated: Bool)
    /// `e [NOT] LIKE pattern [ESCAPE esc]`.
    case like(Expression, pattern: Expression, escape: Expression?, negated: Bool)
    /// `[NOT] EXISTS (query)` (NOT arrives as `.unary(.not, …)`).
    case exists(Query)
    /// `(query)` used as a value.
    case scalarQuery(Query)

    case function(FunctionCall)
    /// `x -> body` or `(x, y) -> body`, as an argument of `transform`, `filter`, `reduce`, ….
    case lambda([Identifier], Expression)
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    case caseWhen(operand: Expression?, whens: [WhenClause], else: Expression?)
    /// `CAST(e AS type)`, or `TRY_CAST` when `isTry`.
    case cast(Expression, TypeName, isTry: Bool)
    /// `ARRAY[e1, e2, …]`.
    case array([Expression])
    /// `ROW(e1, e2, …)` or `(e1, e2, …)` with two or more members.
    case row([Expression])
    /// `EXTRACT(field FROM e)`; `field` as written (`YEAR`, `day_of_week`, …).
    case extract(Identifier, Expression)
    /// `e AT TIME ZONE zone`.
    case atTimeZone(Expression, Expression)
  }
}

/// A literal as written.
public enum Literal: Hashable, Sendable {
  case null
  case boolean(Bool)
  /// An integer literal that fits in 64 bits.
  case integer(Int64)
  /// A number with a fraction or exponent, kept as written (`1.5`, `2e3`): Trino reads `1.5` as
  /// DECIMAL and `2e3` as DOUBLE, which the analyser decides.
  case number(String)
  /// `'text'`, with `''` already turned into `'`.
  case string(String)
  /// `TIMESTAMP '…'`, `DATE '…'`, `TIME '…'`, `DECIMAL '…'`, … — the type keyword and the text.
  /// The parser gives the type lowercased (`timestamp`, `double precision`); as in Trino's grammar,
  /// any name before a string is read so (`JSON '…'`, `VARCHAR '…'`), the analyser judging the type.
  case typed(type: String, text: String)
  /// `INTERVAL [+|-]'n' unit [TO unit]`: the text, its sign, and the unit(s) lowercased (`day`, `hour`…).
  case interval(text: String, negative: Bool, unit: String, toUnit: String?)
}

public enum UnaryOperator: String, Hashable, Sendable {
  case plus = "+"
  case minus = "-"
  case not = "NOT"
}

public enum BinaryOperator: String, Hashable, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case modulo = "%"
  case concatenate = "||"
  case equal = "="
  /// `<>` and `!=`.
  case notEqual = "<>"
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
  case and = "AND"
  case or = "OR"
}

/// `WHEN condition THEN result`.
public struct WhenClause: Hashable, Sendable {
  public var condition: Expression
  public var result: Expression

  public init(_ condition: Expression, then result: Expression) {
    self.condition = condition
    self.result = result
  }
}

/// A function or aggregate call: `name([DISTINCT] args [ORDER BY …]) [FILTER (WHERE …)] [OVER (…)]`;
/// `count(*)` has `star`. `current_timestamp`, `current_date`, `localtimestamp` … written without
/// parentheses are calls with no arguments and `parenthesized` false (with a precision,
/// `current_timestamp(3)`, one integer argument and `parenthesized` true).
///
/// Trino's special call syntaxes arrive as the calls Trino turns them into, named at their keyword:
/// `POSITION(a IN b)` is `strpos(b, a)`, `SUBSTRING(s FROM i [FOR n])` is `substr(s, i[, n])`, and
/// `TRIM([BOTH|LEADING|TRAILING] [c] FROM s)` is `trim`/`ltrim`/`rtrim` of `(s[, c])`.
public struct FunctionCall: Hashable, Sendable {
  public var name: Identifier
  public var arguments: [Expression]
  public var distinct: Bool
  public var star: Bool
  /// `array_agg(x ORDER BY y)`.
  public var orderBy: [OrderItem]
  public var filter: Expression?
  public var window: WindowSpecification?
  public var parenthesized: Bool

  public init(
    name: Identifier, arguments: [Expression] = [], distinct: Bool = false, star: Bool = false,
    orderBy: [OrderItem] = [], filter: Expression? = nil, window: WindowSpecification? = nil,
    parenthesized: Bool = true
  ) {
    self.name = name
    self.arguments = arguments
    self.distinct = distinct
    self.star = star
    self.orderBy = orderBy
    self.filter = filter
    self.window = window
    self.parenthesized = parenthesized
  }
}

/// `OVER ([PARTITION BY …] [ORDER BY …] [frame])`.
public struct WindowSpecification: Hashable, Sendable {
  public var partitionBy: [Expression]
  public var orderBy: [OrderItem]
  public var frame: WindowFrame?

  public init(partitionBy: [Expression] = [], orderBy: [OrderItem] = [], frame: WindowFrame? = nil) {
    self.partitionBy = partitionBy
    self.orderBy = orderBy
    self.frame = frame
  }
}

/// `ROWS|RANGE BETWEEN start AND end` (or `ROWS start`, whose end is CURRENT ROW).
public struct WindowFrame: Hashable, Sendable {
  public enum Unit: String, Hashable, Sendable { case rows, range }
  public enum Bound: Hashable, Sendable {
    case unboundedPreceding
    case preceding(Expression)
    case currentRow
    case following(Expression)
    case unboundedFollowing
  }

  public var unit: Unit
  public var start: Bound
  public var end: Bound

  public init(_ unit: Unit, start: Bound, end: Bound = .currentRow) {
    self.unit = unit
    self.start = start
    self.end = end
  }
}

/// A type as written in CAST/TRY_CAST: `varchar`, `varchar(10)`, `decimal(10,2)`, `double`,
/// `timestamp`, `array(varchar)`, `map(varchar, varchar)`, `row(a bigint, b varchar)`,
/// `timestamp(3) with time zone`. `name` is lowercased, multi-word names joined by one space
/// (`double precision`, `timestamp with time zone`).
public struct TypeName: Hashable, Sendable, CustomStringConvertible {
  public enum Argument: Hashable, Sendable {
    case number(Int)
    case type(TypeName)
    /// A `row` field: `name type`.
    case field(Identifier, TypeName)
  }

  public var name: String
  public var arguments: [Argument]
  public var position: SourcePosition

  public init(_ name: String, arguments: [Argument] = [], at position: SourcePosition = .start) {
    self.name = name
    self.arguments = arguments
    self.position = position
  }

  public var description: String {
    guard !arguments.isEmpty else { return name }
    let inner = arguments.map { argument -> String in
      switch argument {
      case .number(let n): return String(n)
      case .type(let type): return type.description
      case .field(let name, let type): return "\(name.value) \(type)"
      }
    }
    return "\(name)(\(inner.joined(separator: ", ")))"
  }
}
