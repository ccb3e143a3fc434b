extension Parser {
  /// The units an interval literal or type may name, as Trino's grammar lists them.
  static let intervalUnits: Set<String> = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"]

  /// `INTERVAL [+|-]'n' unit [TO unit]`; nil (nothing consumed) when `interval` is just a name here.
  mutating func parseInterval() throws(LakeSQLError) -> Expression? {
    let token = try peek()
    let sign = try peek(1)
    let signed = sign.isSymbol("+") || sign.isSymbol("-")
    guard try peek(signed ? 2 : 1).kind == .string else { return nil }
    try advance()
    if signed { try advance() }
    let text = try advance().text
    let unit = try parseIntervalUnit()
    let toUnit = try accept("TO") != nil ? try parseIntervalUnit() : nil
    let literal = Literal.interval(
      text: text, negative: sign.isSymbol("-") && signed, unit: unit, toUnit: toUnit)
    return Expression(.literal(literal), at: token.position)
  }

  /// `YEAR|MONTH|DAY|HOUR|MINUTE|SECOND`, lowercased.
  mutating func parseIntervalUnit() throws(LakeSQLError) -> String {
    let token = try peek()
    guard token.kind == .word, Self.intervalUnits.contains(token.keyword) else {
      for unit in Self.intervalUnits { expect("'\(unit)'", at: token) }
      throw mismatched(token)
    }
    try advance()
    return token.text.lowercased()
  }
}
