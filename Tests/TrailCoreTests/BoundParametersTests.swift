import Testing

@testable import TrailCore

/// The writer binds an insert's parameters only when they change: what the statement holds must always
/// be the last value asked for.
@Suite("Bound parameters")
struct BoundParametersTests {
  @Test func aRepeatedValueIsKeptAndAChangedOneIsBound() throws {
    let db = try SQLiteConnection(path: ":memory:")
    let statement = try db.prepare("SELECT ?1, ?2, typeof(?3), length(?3)")
    var bound = BoundParameters()
    // Stepped and reset again, as the writer does: SQLite refuses binds to a statement mid-step.
    func row() throws -> [String] {
      defer { statement.reset() }
      #expect(try statement.step())
      return (0..<4).map { statement.text(Int32($0)) ?? "NULL" }
    }

    bound.int(statement, 1, 5)
    bound.text(statement, 2, "10.0.0.1", key: 1)
    bound.emptyBlob(statement, 3)
    #expect(try row() == ["5", "10.0.0.1", "blob", "0"])

    bound.int(statement, 1, 5)
    bound.text(statement, 2, "ignored: same key", key: 1)
    bound.emptyBlob(statement, 3)
    #expect(try row() == ["5", "10.0.0.1", "blob", "0"])

    bound.int(statement, 1, 6)
    bound.text(statement, 2, "10.0.0.2", key: 2)
    bound.null(statement, 3)
    #expect(try row() == ["6", "10.0.0.2", "null", "NULL"])

    bound.null(statement, 1)
    bound.int(statement, 3, 7)
    #expect(try row() == ["NULL", "10.0.0.2", "integer", "1"])

    // A parameter bound elsewhere is forgotten: the same value is bound again.
    statement.bindInt(1, 99)
    bound.forget(1)
    bound.null(statement, 1)
    #expect(try row()[0] == "NULL")
  }
}
