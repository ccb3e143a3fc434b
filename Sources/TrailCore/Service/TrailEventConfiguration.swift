import Foundation

/// The trail side of PutEventConfiguration and GetEventConfiguration: `AggregationConfigurations`,
/// which turn on 5-minute summaries of the trail's data events (user guide "Aggregating data events";
/// delivered by `TrailDelivery+Aggregated.swift`).
///
/// Rules (SM:AggregationConfiguration, the guide, and TrailDeck's choices where both are silent):
/// - At most one configuration, `EventCategory` `Data`, 1–50 `Templates` of `API_ACTIVITY`,
///   `RESOURCE_ACCESS`, `USER_ACTIONS`; a template listed twice is refused (TrailDeck's choice:
///   `InvalidParameterException`). An empty list turns aggregation off.
/// - The trail must exist as other trail operations find it (name or ARN), and changes are made in its
///   home region by its owner (`InvalidHomeRegionException`, `NotOrganizationMasterAccountException`).
/// - "Before you enable event aggregation, you must create a trail and configure data events in it"
///   (the guide, which names no error): a trail whose selectors log no data events gets
///   `InvalidParameterCombinationException` (TrailDeck's choice among the operation's errors).
/// - `MaxEventSize` and `ContextKeySelectors` are event data stores' members: with `TrailName` they are
///   `InvalidParameterCombinationException`.
enum TrailEventConfiguration {
  static func put(_ request: PutEventConfigurationRequest, with services: StoreServices) throws
    -> PutEventConfigurationResponse
  {
    guard let name = request.trailName else {
      preconditionFailure("TrailEventConfiguration.put without a TrailName")
    }
    if request.maxEventSize != nil || request.contextKeySelectors != nil {
      throw ServiceError(
        "InvalidParameterCombinationException",
        "MaxEventSize and ContextKeySelectors configure event data stores; a trail takes AggregationConfigurations only."
      )
    }
    let templates = try request.aggregationConfigurations.map(checkedTemplates)
    let trails = try services.trails()
    let trail = try trails.find(name)
    let connection = trails.store.connection
    guard let templates else {
      // Nothing to change: members not given keep their value.
      let current = try TrailAggregation.load(trailARN: trail.arn, connection: connection)
      return PutEventConfigurationResponse(
        trailARN: trail.arn, aggregationConfigurations: current?.configurations ?? [])
    }
    try trails.requireHomeRegion(trail)
    try trails.requireOwner(trail)
    guard !templates.isEmpty else {
      try TrailAggregation.remove(trailARN: trail.arn, connection: connection)
      return PutEventConfigurationResponse(trailARN: trail.arn, aggregationConfigurations: [])
    }
    guard logsDataEvents(trail.selectors) else {
      throw ServiceError(
        "InvalidParameterCombinationException",
        "Trail \(trail.arn) logs no data events: put event selectors that log data events before you enable aggregation of data events."
      )
    }
    // Changing the templates keeps the time aggregation was turned on: its windows go on.
    let enabledAt =
      try TrailAggregation.load(trailARN: trail.arn, connection: connection)?.enabledAt
      ?? services.context.clock.now()
    let aggregation = TrailAggregation(templates: templates, enabledAt: enabledAt)
    try TrailAggregation.save(aggregation, trailARN: trail.arn, connection: connection)
    return PutEventConfigurationResponse(
      trailARN: trail.arn, aggregationConfigurations: aggregation.configurations)
  }

  static func get(_ request: GetEventConfigurationRequest, with services: StoreServices) throws
    -> GetEventConfigurationResponse
  {
    guard let name = request.trailName else {
      preconditionFailure("TrailEventConfiguration.get without a TrailName")
    }
    let trails = try services.trails()
    let trail = try trails.find(name)
    let aggregation = try TrailAggregation.load(trailARN: trail.arn, connection: trails.store.connection)
    return GetEventConfigurationResponse(
      trailARN: trail.arn, aggregationConfigurations: aggregation?.configurations ?? [])
  }

  /// The templates of `configurations` (empty: aggregation off), checked against the model's rules.
  /// - Throws: `InvalidParameterException` naming the configuration and member at fault.
  static func checkedTemplates(_ configurations: [AggregationConfiguration]) throws -> [AggregationTemplate] {
    guard configurations.count <= 1 else {
      throw ServiceError(
        "InvalidParameterException",
        "AggregationConfigurations holds at most 1 configuration; got \(configurations.count).")
    }
    guard let configuration = configurations.first else { return [] }
    guard configuration.eventCategory == "Data" else {
      throw ServiceError(
        "InvalidParameterException",
        "AggregationConfigurations[0].EventCategory '\(configuration.eventCategory)' is not valid: only Data events are aggregated."
      )
    }
    guard (1...50).contains(configuration.templates.count) else {
      throw ServiceError(
        "InvalidParameterException",
        "AggregationConfigurations[0].Templates lists 1 to 50 templates; got \(configuration.templates.count)."
      )
    }
    var templates: [AggregationTemplate] = []
    for (index, name) in configuration.templates.enumerated() {
      guard let template = AggregationTemplate(rawValue: name) else {
        throw ServiceError(
          "InvalidParameterException",
          "AggregationConfigurations[0].Templates[\(index)] '\(name)' is not valid: use "
            + AggregationTemplate.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      guard !templates.contains(template) else {
        throw ServiceError(
          "InvalidParameterException",
          "AggregationConfigurations[0].Templates[\(index)] '\(name)' is listed twice.")
      }
      templates.append(template)
    }
    return templates
  }

  /// Whether `selectors` log any data events: a basic selector with data resources, or an advanced
  /// selector of `eventCategory` `Data`.
  static func logsDataEvents(_ selectors: EventSelectorConfiguration) -> Bool {
    switch selectors {
    case .basic(let basic):
      return basic.contains { !($0.dataResources ?? []).isEmpty }
    case .advanced(let advanced):
      return advanced.contains { selector in
        selector.fieldSelectors.contains { $0.field == "eventCategory" && ($0.equals ?? []).contains("Data") }
      }
    }
  }
}
