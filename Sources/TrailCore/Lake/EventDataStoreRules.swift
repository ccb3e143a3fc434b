import Foundation
import LakeSQL

/// The parameter rules of event data stores (spec §8.1), each throwing CloudTrail's exception.
enum EventDataStoreRules {
  /// At most this many stores per account and region, not counting those pending deletion (G:LIM,
  /// G:EDSL; spec §8.1's CONFLICT with G:LCLI's five is decided for the limits page).
  static let limit = 10
  /// Days a deleted store stays in `PENDING_DELETION` (restorable) before it is purged.
  static let pendingDeletionDays = 7
  static let extendable = "EXTENDABLE_RETENTION_PRICING"
  static let fixed = "FIXED_RETENTION_PRICING"

  /// The retention periods each billing mode allows, and its default.
  static func retention(for billingMode: String) -> (range: ClosedRange<Int>, defaultDays: Int) {
    billingMode == fixed ? (7...2557, 2557) : (7...3653, 366)
  }

  /// When no selectors are given a store collects management events (G:ME, G:EDSC), as this one.
  static let defaultSelectors = [
    AdvancedEventSelector(
      name: "Default management events",
      fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])])
  ]

  /// The categories whose stores can stop and start ingestion (SM:StartEventDataStoreIngestion).
  static let ingestionCategories: Set<String> = [
    "Management", "Data", "NetworkActivity", "ConfigurationItem",
  ]

  /// Names of stores and channels: 3–128 of `[a-zA-Z0-9._-]` (SM).
  static func checkName(_ name: String, of what: String = "Event data store") throws(ServiceError) {
    guard (3...128).contains(name.count),
      name.range(of: #"^[a-zA-Z0-9._\-]+$"#, options: .regularExpression) != nil
    else {
      throw ServiceError(
        "InvalidParameterException",
        "\(what) name '\(name)' is not valid: use 3 to 128 letters, digits, periods, underscores and hyphens."
      )
    }
  }

  static func checkBillingMode(_ mode: String) throws(ServiceError) {
    guard mode == extendable || mode == fixed else {
      throw ServiceError(
        "InvalidParameterException",
        "BillingMode '\(mode)' is not valid; use \(extendable) or \(fixed).")
    }
  }

  static func checkRetention(_ days: Int, billingMode: String) throws(ServiceError) {
    let range = retention(for: billingMode).range
    guard range.contains(days) else {
      throw ServiceError(
        "InvalidParameterException",
        "RetentionPeriod \(days) is not valid for \(billingMode): give \(range.lowerBound) to \(range.upperBound) days."
      )
    }
  }

  /// The `eventCategory` values the selectors name (`Management` for none, as the default selects).
  static func categories(of selectors: [AdvancedEventSelector]) -> Set<String> {
    var found: Set<String> = []
    for selector in selectors {
      for field in selector.fieldSelectors where field.field == "eventCategory" {
        found.formUnion(field.equals ?? [])
      }
    }
    return found.isEmpty ? ["Management"] : found
  }

  /// The columns Lake's SQL sees in `store`: a store of events from outside AWS (ActivityAuditLog)
  /// has the integration schema, a store of configuration items or evidence its own, every other
  /// store CloudTrail's. (Validation keeps these categories alone in a store's selectors.)
  static func schema(of store: EventDataStoreRecord) -> LakeTableSchema {
    schema(of: store.advancedEventSelectors)
  }

  /// Categories a store holds alone: the API reference speaks of "event data stores for Config
  /// configuration items, Audit Manager evidence" as kinds of their own, each with its own schema, so
  /// selectors that name one of these and any other category are refused (TrailDeck's reading).
  static let soleCategories: Set<String> = ["ConfigurationItem", "Evidence"]

  /// - Throws: `InvalidEventSelectorsException` when `selectors` name ConfigurationItem or Evidence
  ///   beside another category.
  static func checkCategoriesAlone(_ selectors: [AdvancedEventSelector]) throws(ServiceError) {
    let named = categories(of: selectors)
    guard named.count > 1, let sole = named.intersection(soleCategories).sorted().first else { return }
    throw ServiceError(
      "InvalidEventSelectorsException",
      "An event data store of \(sole) events holds \(sole) events only; these selectors also name \(named.subtracting([sole]).sorted().joined(separator: ", "))."
    )
  }

  /// The table a store's selectors make (see `schema(of:)`).
  static func schema(of selectors: [AdvancedEventSelector]) -> LakeTableSchema {
    let categories = categories(of: selectors)
    if categories.contains("ActivityAuditLog") { return .integration }
    if categories.contains("ConfigurationItem") { return .configurationItem }
    if categories.contains("Evidence") { return .evidence }
    return .cloudTrail
  }

  /// A store keeps its kind (UpdateEventDataStore's documentation: CloudTrail events; or Insights,
  /// Config configuration items, Audit Manager evidence, events from outside AWS, "events of that
  /// type"): new selectors must make the same table.
  ///
  /// - Throws: `InvalidEventSelectorsException` naming both kinds.
  static func checkSameKind(_ current: [AdvancedEventSelector], becoming new: [AdvancedEventSelector])
    throws(ServiceError)
  {
    let (from, to) = (schema(of: current), schema(of: new))
    guard from != to else { return }
    throw ServiceError(
      "InvalidEventSelectorsException",
      "An event data store of \(from.kindName) cannot become a store of \(to.kindName), nor the other way round."
    )
  }

  /// Tags on create: the trail rules (key and value lengths), and at most 50.
  static func checkTags(_ tags: [Tag]) throws(ServiceError) {
    do {
      try TrailRules.checkTags(tags)
    } catch {
      // CreateEventDataStore models no TagsLimitExceededException: too many tags is a bad TagsList.
      throw ServiceError("InvalidTagParameterException", error.message)
    }
  }
}

extension LakeTableSchema {
  /// What a store of this table holds, for messages.
  public var kindName: String {
    switch self {
    case .cloudTrail: "AWS events"
    case .integration: "ActivityAuditLog events"
    case .configurationItem: "ConfigurationItem events"
    case .evidence: "Evidence events"
    }
  }
}
