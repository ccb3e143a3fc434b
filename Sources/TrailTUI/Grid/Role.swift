/// A semantic role a cell plays. Widgets name roles; only a `Theme` maps roles to colours, so a theme
/// switch needs no re-render and `NO_COLOR` is just another theme.
public enum Role: String, CaseIterable, Sendable, Hashable {
  case normal
  case header
  case tab
  case tabActive = "tab.active"
  case selection
  case muted
  case border
  case title
  case statusBar = "status"
  case keyHint = "key"
  case error
  case warning
  case success
  case write
  case readonly
  case insight
  case new
  case match
  case input
  case chart
  case jsonKey = "json.key"
  case jsonString = "json.string"
  case jsonNumber = "json.number"
  case jsonLiteral = "json.literal"
  case jsonPunctuation = "json.punctuation"
  case sqlKeyword = "sql.keyword"
  case sqlString = "sql.string"
  case sqlNumber = "sql.number"
  case sqlComment = "sql.comment"
  case sqlFunction = "sql.function"
}
