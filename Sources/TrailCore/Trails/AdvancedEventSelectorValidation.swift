extension EventSelectorValidation {
  /// Longest `Name` of an advanced selector (SM:SelectorName).
  public static let maximumSelectorNameLength = 1000
  /// Longest `Field` (SM:SelectorField).
  public static let maximumFieldLength = 1000
  /// Longest operator value (SM:OperatorValue).
  public static let maximumValueLength = 2048
  /// Fields that accept only `Equals` (SM:AdvancedFieldSelector).
  public static let equalsOnlyFields: Set<String> = ["readOnly", "eventCategory", "resources.type"]

  /// The fields an advanced selector of `category` may use on `target`, `eventCategory` first; `nil` when
  /// the target does not accept the category (spec §4.2's table).
  public static func supportedFields(for category: String, on target: SelectorTarget) -> [String]? {
    switch (category, target) {
    case ("Management", .trail): ["eventCategory", "eventSource", "readOnly"]
    case ("Management", .eventDataStore):
      [
        "eventCategory", "eventSource", "readOnly", "eventName", "eventType", "sessionCredentialFromConsole",
        "userIdentity.arn",
      ]
    case ("Data", _):
      [
        "eventCategory", "resources.type", "eventName", "eventSource", "eventType", "readOnly",
        "resources.ARN",
        "sessionCredentialFromConsole", "userIdentity.arn",
      ]
    case ("NetworkActivity", .trail):
      ["eventCategory", "eventSource", "eventName", "errorCode", "vpcEndpointId", "userIdentity.arn"]
    case ("NetworkActivity", .eventDataStore):
      ["eventCategory", "eventSource", "eventName", "errorCode", "vpcEndpointId"]
    case ("Insight", .eventDataStore), ("ConfigurationItem", .eventDataStore), ("Evidence", .eventDataStore),
      ("ActivityAuditLog", .eventDataStore):
      ["eventCategory"]
    default: nil
    }
  }

  /// The `eventCategory` values `target` accepts, in the order messages list them.
  public static func eventCategories(on target: SelectorTarget) -> [String] {
    switch target {
    case .trail: ["Management", "Data", "NetworkActivity"]
    case .eventDataStore:
      [
        "Management", "Data", "NetworkActivity", "Insight", "ConfigurationItem", "Evidence",
        "ActivityAuditLog",
      ]
    }
  }

  /// Advanced selectors for `target`: the selector count, then each selector in order (name, field
  /// selectors, operators and values, `eventCategory`, the category's fields and required fields), then
  /// the 500 values across all of them. See the type's documentation for the inferred rules.
  public static func validate(advanced selectors: [AdvancedEventSelector], for target: SelectorTarget)
    throws(ServiceError)
  {
    switch target {
    case .trail where selectors.isEmpty:
      throw .invalidEventSelectors("AdvancedEventSelectors must contain at least one selector.")
    case .eventDataStore where selectors.count > maximumEventDataStoreSelectors:
      throw .invalidEventSelectors(
        "An event data store can have at most \(maximumEventDataStoreSelectors) advanced event selectors; "
          + "got \(selectors.count).")
    default: break
    }
    for (i, selector) in selectors.enumerated() {
      try validate(selector, at: "AdvancedEventSelectors[\(i)]", for: target)
    }
    let values = selectors.reduce(0) { total, selector in
      selector.fieldSelectors.reduce(total) { $0 + $1.operators.reduce(0) { $0 + $1.values.count } }
    }
    guard values <= maximumAdvancedValues else {
      throw .invalidEventSelectors(
        "Advanced event selectors can have at most \(maximumAdvancedValues) values across all conditions; "
          + "got \(values).")
    }
  }

  private static func validate(_ selector: AdvancedEventSelector, at path: String, for target: SelectorTarget)
    throws(ServiceError)
  {
    if let name = selector.name, name.count > maximumSelectorNameLength {
      throw .invalidEventSelectors(
        "\(path).Name is \(name.count) characters long; it can be at most \(maximumSelectorNameLength).")
    }
    guard !selector.fieldSelectors.isEmpty else {
      throw .invalidEventSelectors("\(path).FieldSelectors must contain at least one field selector.")
    }
    for (j, fieldSelector) in selector.fieldSelectors.enumerated() {
      try validate(fieldSelector, at: "\(path).FieldSelectors[\(j)]")
    }

    let categorySelectors = selector.fieldSelectors.enumerated().filter {
      $0.element.field == "eventCategory"
    }
    guard let (j, categorySelector) = categorySelectors.first else {
      throw .invalidEventSelectors("\(path) must have an eventCategory field selector.")
    }
    let categories = categorySelector.equals ?? []
    guard categorySelectors.count == 1, categories.count == 1 else {
      throw .invalidEventSelectors(
        "\(path) must select exactly one eventCategory value; got "
          + "\(categorySelectors.reduce(0) { $0 + ($1.element.equals?.count ?? 0) }).")
    }
    let category = categories[0]
    let targetName = target == .trail ? "a trail" : "an event data store"
    guard let fields = supportedFields(for: category, on: target) else {
      throw .invalidEventSelectors(
        "\(path).FieldSelectors[\(j)].Equals value '\(category)' is not a valid eventCategory for "
          + "\(targetName); valid values are \(eventCategories(on: target).joined(separator: ", ")).")
    }
    for (k, fieldSelector) in selector.fieldSelectors.enumerated() where !fields.contains(fieldSelector.field)
    {
      throw .invalidEventSelectors(
        "\(path).FieldSelectors[\(k)].Field '\(fieldSelector.field)' is not supported for \(category) events "
          + "on \(targetName); supported fields are \(fields.joined(separator: ", ")).")
    }
    let required =
      switch category {
      case "Data": "resources.type"
      case "NetworkActivity": "eventSource"
      default: ""
      }
    if !required.isEmpty, !selector.fieldSelectors.contains(where: { $0.field == required }) {
      throw .invalidEventSelectors(
        "\(path) selects \(category) events and must have a field selector on \(required).")
    }
    if target == .trail, category == "Management" {
      // Trails filter management events by source only to drop KMS or RDS Data API events (the API
      // reference's rule for trails), the advanced form of ExcludeManagementEventSources.
      for (k, fieldSelector) in selector.fieldSelectors.enumerated()
      where fieldSelector.field == "eventSource" {
        let onlyExclusions =
          fieldSelector.operators.allSatisfy { $0.name == "NotEquals" }
          && (fieldSelector.notEquals ?? []).allSatisfy(excludableManagementEventSources.contains)
        guard onlyExclusions else {
          throw .invalidEventSelectors(
            "\(path).FieldSelectors[\(k)] (eventSource) for Management events on a trail can only be NotEquals "
              + "kms.amazonaws.com or rdsdata.amazonaws.com.")
        }
      }
    }
  }

  private static func validate(_ fieldSelector: AdvancedFieldSelector, at path: String) throws(ServiceError) {
    let field = fieldSelector.field
    guard (1...maximumFieldLength).contains(field.count), field.unicodeScalars.allSatisfy(isFieldCharacter)
    else {
      throw .invalidEventSelectors(
        "\(path).Field '\(field)' is invalid; it must be 1 to \(maximumFieldLength) letters, digits, '.', '_' "
          + "or '|'.")
    }
    let operators = fieldSelector.operators
    guard !operators.isEmpty else {
      throw .invalidEventSelectors(
        "\(path) (\(field)) must have at least one operator: Equals, StartsWith, EndsWith, NotEquals, "
          + "NotStartsWith or NotEndsWith.")
    }
    for (name, values) in operators {
      guard !values.isEmpty else {
        throw .invalidEventSelectors("\(path).\(name) must contain at least one value.")
      }
      for (k, value) in values.enumerated() where !(1...maximumValueLength).contains(value.count) {
        throw .invalidEventSelectors(
          "\(path).\(name)[\(k)] is \(value.count) characters long; values must be 1 to "
            + "\(maximumValueLength) characters.")
      }
      if equalsOnlyFields.contains(field), name != "Equals" {
        throw .invalidEventSelectors("\(path) (\(field)) uses \(name); \(field) supports only Equals.")
      }
    }
    if field == "readOnly" {
      for value in fieldSelector.equals ?? [] where value != "true" && value != "false" {
        throw .invalidEventSelectors(
          "\(path).Equals value '\(value)' is invalid for readOnly; use 'true' or 'false'.")
      }
    }
  }

  /// `[\w|\d|\.|_]` of SM:SelectorField: inside brackets `|` is a literal, so letters, digits, `_`, `.`, `|`
  /// (ASCII, as Java's `\w`).
  private static func isFieldCharacter(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "|": true
    default: false
    }
  }
}

extension AdvancedFieldSelector {
  /// The operators present, in the model's order, with their values.
  var operators: [(name: String, values: [String])] {
    [
      ("Equals", equals), ("StartsWith", startsWith), ("EndsWith", endsWith), ("NotEquals", notEquals),
      ("NotStartsWith", notStartsWith), ("NotEndsWith", notEndsWith),
    ].compactMap { name, values in values.map { (name, $0) } }
  }
}
