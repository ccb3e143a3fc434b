/// The generator's questions over a store of AWS Config configuration items (its own table:
/// `eventData.resourceType`, `eventData.configurationItemStatus`, …). `eventTime` is the item's
/// capture time, so the prompt's time range narrows them as it narrows CloudTrail events.
extension InvestigationQuestion {
  public static let configurationItemQuestions: [InvestigationQuestion] = [
    .init(
      "configuration-history", "What is the configuration history of this resource?",
      "The resource's configuration items, newest first: status, configuration and the calls behind each.",
      keywords: [("configur", 3), ("histor", 3), ("timelin", 3), ("item", 1), ("chang", 1), ("resourc", 1)],
      requires: [.resource], example: "Configuration history of security group sg-0123456789abcdef0",
      storeKind: .configurationItem
    ) { input in
      let resource = Input.literal(input.parameters.resource ?? "")
      return """
        SELECT eventTime, eventData.configurationItemStatus, eventData.resourceType, eventData.resourceId,
          eventData.resourceName, eventData.configuration, eventData.relatedEvents
        FROM \(input.store)
        \(input.whereClause(["(eventData.resourceId = \(resource) OR eventData.resourceName = \(resource) OR eventData.arn = \(resource))"]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "changed-resources", "Which resources changed?",
      "Resources with configuration items in the period, by how many, with the last change.",
      keywords: [("chang", 3), ("modif", 2), ("updat", 2), ("resourc", 1)],
      example: "Which resources changed in the last 24 hours?", storeKind: .configurationItem
    ) { input in
      """
      SELECT eventData.resourceType, eventData.resourceId, eventData.resourceName, eventData.accountId,
        eventData.awsRegion, count(*) AS items, max(eventTime) AS lastChange
      FROM \(input.store)
      \(input.whereClause([]))
      GROUP BY eventData.resourceType, eventData.resourceId, eventData.resourceName, eventData.accountId,
        eventData.awsRegion
      ORDER BY lastChange DESC
      """
    },
    .init(
      "deleted-resources", "Which resources were deleted?",
      "Resources AWS Config recorded as deleted, newest first, with the calls that deleted them.",
      keywords: [("delet", 4), ("remov", 2), ("destroy", 2), ("terminat", 2), ("resourc", 1)],
      example: "Which resources were deleted this week?", storeKind: .configurationItem
    ) { input in
      """
      SELECT eventTime, eventData.resourceType, eventData.resourceId, eventData.resourceName,
        eventData.accountId, eventData.awsRegion, eventData.relatedEvents
      FROM \(input.store)
      \(input.whereClause(["eventData.configurationItemStatus = 'ResourceDeleted'"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "non-compliant-resources", "Which resources are non-compliant?",
      "Resources whose AWS Config rule evaluations (AWS::Config::ResourceCompliance items) say NON_COMPLIANT, newest first.",
      keywords: [("complian", 4), ("non complian", 1), ("rule", 1), ("violat", 2)],
      example: "Which resources were non-compliant in the last 7 days?", storeKind: .configurationItem
    ) { input in
      """
      SELECT eventTime, element_at(eventData.configuration, 'targetResourceType') AS resourceType,
        element_at(eventData.configuration, 'targetResourceId') AS resourceId, eventData.accountId,
        eventData.awsRegion, element_at(eventData.configuration, 'configRuleList') AS configRuleList
      FROM \(input.store)
      \(input.whereClause(["eventData.resourceType = 'AWS::Config::ResourceCompliance'", "element_at(eventData.configuration, 'complianceType') = 'NON_COMPLIANT'"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "resources-by-type", "How many resources of each type are there, by account and region?",
      "Distinct resources by type, account and region (of the type the prompt names, if any).",
      keywords: [("type", 3), ("how many", 2), ("count", 2), ("inventor", 3), ("resourc", 1), ("region", 1)],
      example: "How many resources of type AWS::EC2::SecurityGroup are there by account and region?",
      storeKind: .configurationItem
    ) { input in
      var conditions: [String] = []
      if let type = input.parameters.resourceType {
        conditions.append("eventData.resourceType = \(Input.literal(type))")
      }
      return """
        SELECT eventData.resourceType, eventData.accountId, eventData.awsRegion,
          count(DISTINCT eventData.resourceId) AS resources
        FROM \(input.store)
        \(input.whereClause(conditions))
        GROUP BY eventData.resourceType, eventData.accountId, eventData.awsRegion
        ORDER BY resources DESC
        """
    },
  ]
}
