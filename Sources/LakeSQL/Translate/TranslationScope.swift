/// A translated expression: SQLite text, its Lake type, and — when it is a column or field of an event
/// data store — the path that `lake_col` reads directly.
struct TypedSQL {
  var sql: String
  var type: LakeType
  /// The store relation's SQL alias and the lowercase path below it (`["useridentity", "arn"]`).
  var storePath: (alias: String, path: [String])? = nil
  /// The name a select item shows when it has no alias: the column's or field's name as written.
  var name: String? = nil
  /// Whether it is a literal (a varchar literal may be read as a timestamp or a date).
  var literal: Literal? = nil
}

/// A column a relation offers.
struct ColumnBinding {
  var key: String
  var name: String
  var expression: TypedSQL
}

/// A relation in FROM: its name for qualified references, and its columns.
struct RelationBinding {
  /// The alias, or the table's name, lowercased; nil for an unaliased sub-query.
  var key: String?
  var columns: [ColumnBinding]

  func column(_ key: String) -> ColumnBinding? { columns.first { $0.key == key } }
}

/// The names visible where an expression stands: the relations of its FROM, lambda parameters, and
/// the enclosing query's scope (for correlated sub-queries).
final class TranslationScope {
  var relations: [RelationBinding] = []
  var lambdaParameters: [String: TypedSQL] = [:]
  let parent: TranslationScope?

  init(parent: TranslationScope?) { self.parent = parent }

  /// A scope for a lambda's body: the same relations plus the parameters.
  func withLambda(_ parameters: [String: TypedSQL]) -> TranslationScope {
    let scope = TranslationScope(parent: parent)
    scope.relations = relations
    scope.lambdaParameters = lambdaParameters.merging(parameters) { $1 }
    return scope
  }

  func relation(_ key: String) -> RelationBinding? {
    relations.first { $0.key == key } ?? parent?.relation(key)
  }
}
