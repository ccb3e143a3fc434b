/// A source of rows in FROM or JOIN.
public indirect enum Relation: Hashable, Sendable {
  /// An event data store (its id, which may start with a digit and holds dashes, or its ARN), or the
  /// name of a common table expression: `name [[AS] alias]`.
  case table(TableReference)
  /// `(query) [AS] alias [(columns)]`.
  case subquery(Query, alias: Identifier?, columns: [Identifier], at: SourcePosition)
  /// `UNNEST(array, …) [WITH ORDINALITY] [[AS] alias [(columns)]]`.
  case unnest(Unnest)
  /// `left [INNER|LEFT [OUTER]|RIGHT [OUTER]|FULL [OUTER]|CROSS] JOIN right [ON …|USING (…)]`; a comma
  /// in FROM is a cross join.
  case join(Join)
}

/// A table named in FROM or JOIN.
public struct TableReference: Hashable, Sendable {
  /// The name as written: an event data store id (`EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`,
  /// `0a1b…`), an ARN (`arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EXAMPLE…`), or a
  /// WITH name. Double quotes, if any, are removed.
  public var name: String
  public var alias: Identifier?
  public var position: SourcePosition

  public init(name: String, alias: Identifier? = nil, at position: SourcePosition) {
    self.name = name
    self.alias = alias
    self.position = position
  }
}

/// `UNNEST(e1, e2, …) [WITH ORDINALITY] [AS] alias (c1, c2, …)`.
public struct Unnest: Hashable, Sendable {
  public var arguments: [Expression]
  public var withOrdinality: Bool
  public var alias: Identifier?
  public var columns: [Identifier]
  public var position: SourcePosition

  public init(
    arguments: [Expression], withOrdinality: Bool = false, alias: Identifier? = nil,
    columns: [Identifier] = [], at position: SourcePosition
  ) {
    self.arguments = arguments
    self.withOrdinality = withOrdinality
    self.alias = alias
    self.columns = columns
    self.position = position
  }
}

/// A join of two relations.
public struct Join: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable { case inner, left, right, full, cross }
  public enum Condition: Hashable, Sendable {
    case on(Expression)
    case using([Identifier])
  }

  public var kind: Kind
  public var left: Relation
  public var right: Relation
  /// nil for CROSS JOIN and comma joins.
  public var condition: Condition?
  /// Where the JOIN keyword group (or the comma) starts.
  public var position: SourcePosition

  public init(
    _ kind: Kind, left: Relation, right: Relation, condition: Condition?, at position: SourcePosition
  ) {
    self.kind = kind
    self.left = left
    self.right = right
    self.condition = condition
    self.position = position
  }
}
