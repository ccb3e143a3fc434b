/// One `AdvancedEventSelector`, compiled (spec §4.2): an event matches when **every** field selector does.
///
/// A field selector matches a value when every operator it has passes (operators AND'ed — OPEN in the
/// sources, chosen because it is the only reading under which `StartsWith` + `NotEndsWith` on one field
/// means anything): `Equals`/`StartsWith`/`EndsWith` pass when **any** of their values matches; `NotEquals`/
/// `NotStartsWith`/`NotEndsWith` pass when **none** does. Comparison is exact text, case-sensitive
/// (inferred); `readOnly` compares as `"true"`/`"false"`.
///
/// Fields with no value in the event (inferred): only the negative operators pass, so a field selector of
/// `Not*` operators alone matches and one with any positive operator does not.
///
/// `resources.type` and `resources.ARN` have one value per resource. The field selector matches when **at
/// least one** resource satisfies all of its operators (inferred). For `resources.ARN` the candidates are
/// only the resources whose type is one of the selector's `resources.type` values, when it has that field
/// (inferred): S3 object events also name the bucket (`arn:aws:s3:::bucket`), and a `NotStartsWith
/// arn:aws:s3:::bucket/` meant to exclude a bucket's objects must not be satisfied by that bucket entry.
struct AdvancedSelectorMatcher: Sendable, Equatable {
  struct Condition: Sendable, Equatable {
    let field: String
    let equals: [String]?
    let startsWith: [String]?
    let endsWith: [String]?
    let notEquals: [String]?
    let notStartsWith: [String]?
    let notEndsWith: [String]?

    init(_ selector: AdvancedFieldSelector) {
      field = selector.field
      equals = selector.equals
      startsWith = selector.startsWith
      endsWith = selector.endsWith
      notEquals = selector.notEquals
      notStartsWith = selector.notStartsWith
      notEndsWith = selector.notEndsWith
    }

    var hasPositiveOperator: Bool { equals != nil || startsWith != nil || endsWith != nil }

    func passes(_ value: String) -> Bool {
      (equals.map { $0.contains(value) } ?? true)
        && (startsWith.map { $0.contains { value.hasPrefix($0) } } ?? true)
        && (endsWith.map { $0.contains { value.hasSuffix($0) } } ?? true)
        && (notEquals.map { !$0.contains(value) } ?? true)
        && (notStartsWith.map { !$0.contains { value.hasPrefix($0) } } ?? true)
        && (notEndsWith.map { !$0.contains { value.hasSuffix($0) } } ?? true)
    }

    func matches(_ values: [String]) -> Bool {
      values.isEmpty ? !hasPositiveOperator : values.contains(where: passes)
    }
  }

  let conditions: [Condition]
  /// The `Equals` values of the selector's `resources.type` field selectors; `nil` without one.
  let resourceTypes: Set<String>?

  init(_ selector: AdvancedEventSelector) {
    conditions = selector.fieldSelectors.map(Condition.init)
    let typeSelectors = selector.fieldSelectors.filter { $0.field == "resources.type" }
    resourceTypes = typeSelectors.isEmpty ? nil : Set(typeSelectors.flatMap { $0.equals ?? [] })
  }

  func matches(_ event: SelectableEvent) -> Bool {
    // No field selectors cannot pass validation; selecting nothing is the safe reading.
    !conditions.isEmpty && conditions.allSatisfy { $0.matches(values(of: $0.field, in: event)) }
  }

  private func values(of field: String, in event: SelectableEvent) -> [String] {
    guard field == "resources.ARN", let resourceTypes else { return event.values(of: field) }
    return event.resources.compactMap { resource in
      guard let type = resource.type, resourceTypes.contains(type) else { return nil }
      return resource.arn
    }
  }
}
