extension SampleQuery {
  /// The samples over AWS Config configuration items: the four the user guide lists for such stores
  /// ("Sample queries" in "Create an event data store for configuration items"), written for
  /// TrailDeck's dialect and data, and one for deleted resources.
  ///
  /// How they differ from the guide's statements, and why:
  /// - Fixed dates (`eventTime > '2022-11-22 00:00:00'`) are relative to the clock's `now()`, so a
  ///   sample finds something whenever it is run. The compliance sample looks back 7 days, not one:
  ///   Config records a result only when it starts or changes, so a day often holds none.
  /// - Compliance lives in `AWS::Config::ResourceCompliance` items, whose configuration names the
  ///   resource `targetResourceId` / `targetResourceType` (as the guide's join reads them); the
  ///   guide's second sample reads `resourceId` / `resourceType` there, which such items lack.
  /// - The join finds the call behind an item through the item's `relatedEvents` (the eventIDs AWS
  ///   Config records) instead of the call's first `resources[]` ARN, which many calls lack or give
  ///   for another resource; it takes only the resource's items of the 15 minutes before the
  ///   compliance result (the change Config evaluated, not every change the resource ever had); and
  ///   it is not narrowed to DynamoDB tables. `eventID IN (…relatedEvents…)` lets the engine look the
  ///   few calls up instead of pairing every call with every item (60 s → 6 s on a 5-day demo).
  /// - "Resources by type" counts distinct resource ids: `count(*)` counted items, one per change.
  public static let configurationItems: [SampleQuery] = [
    .init(
      name: "Who made resources non-compliant",
      description:
        "Each NON_COMPLIANT result of an AWS Config rule, the change it evaluated, and the call behind that change (from a store of CloudTrail events) with who made it.",
      sql: """
        SELECT element_at(compliance.eventData.configuration, 'targetResourceId') AS targetResourceId,
          element_at(compliance.eventData.configuration, 'complianceType') AS complianceType,
          resource.eventData.resourceType, cloudtrail.eventName, cloudtrail.userIdentity.arn AS principal,
          cloudtrail.eventTime
        FROM $EDS_ID AS compliance
        JOIN $EDS_ID AS resource
          ON element_at(compliance.eventData.configuration, 'targetResourceId') = resource.eventData.resourceId
          AND resource.eventTime BETWEEN compliance.eventTime - interval '15' minute AND compliance.eventTime
        JOIN $CLOUDTRAIL_EDS_ID AS cloudtrail ON contains(resource.eventData.relatedEvents, cloudtrail.eventID)
        WHERE compliance.eventData.resourceType = 'AWS::Config::ResourceCompliance'
          AND element_at(compliance.eventData.configuration, 'configRuleList') IS NOT NULL
          AND element_at(compliance.eventData.configuration, 'complianceType') = 'NON_COMPLIANT'
          AND cloudtrail.eventTime > now() - interval '30' day
          AND cloudtrail.eventID IN (
            SELECT r.id FROM $EDS_ID CROSS JOIN UNNEST(eventData.relatedEvents) AS r(id))
        ORDER BY cloudtrail.eventTime DESC
        """,
      storeKind: .configurationItem),
    .init(
      name: "Config rule compliance, past week",
      description:
        "The compliance results AWS Config recorded in the last 7 days: the rules, the resource and whether it complies.",
      sql: """
        SELECT eventTime, eventData.accountId, eventData.awsRegion,
          element_at(eventData.configuration, 'complianceType') AS complianceType,
          element_at(eventData.configuration, 'configRuleList') AS configRuleList,
          element_at(eventData.configuration, 'targetResourceId') AS resourceId,
          element_at(eventData.configuration, 'targetResourceType') AS resourceType
        FROM $EDS_ID
        WHERE eventData.resourceType = 'AWS::Config::ResourceCompliance'
          AND eventTime > now() - interval '7' day
        ORDER BY eventTime DESC
        LIMIT 10
        """,
      storeKind: .configurationItem),
    .init(
      name: "Resources by type, account and region",
      description: "How many resources AWS Config recorded, by resource type, account and region.",
      sql: """
        SELECT eventData.resourceType, eventData.accountId, eventData.awsRegion,
          count(DISTINCT eventData.resourceId) AS resourceCount
        FROM $EDS_ID
        GROUP BY eventData.resourceType, eventData.accountId, eventData.awsRegion
        ORDER BY resourceCount DESC
        """,
      storeKind: .configurationItem),
    .init(
      name: "Configuration items recorded yesterday",
      description:
        "The items AWS Config captured yesterday (UTC), with each resource's creation time, newest resource first.",
      sql: """
        SELECT eventTime, eventData.resourceType, eventData.resourceId, eventData.resourceName,
          eventData.accountId, eventData.awsRegion, eventData.availabilityZone,
          eventData.resourceCreationTime, eventData.configurationItemStatus
        FROM $EDS_ID
        WHERE eventTime >= date_trunc('day', now()) - interval '1' day
          AND eventTime < date_trunc('day', now())
        ORDER BY eventData.resourceCreationTime DESC
        LIMIT 10
        """,
      storeKind: .configurationItem),
    .init(
      name: "Deleted resources",
      description: "Resources AWS Config recorded as deleted, newest first, with the call that deleted each.",
      sql: """
        SELECT eventTime, eventData.resourceType, eventData.resourceId, eventData.resourceName,
          eventData.accountId, eventData.awsRegion, eventData.relatedEvents
        FROM $EDS_ID
        WHERE eventData.configurationItemStatus = 'ResourceDeleted'
        ORDER BY eventTime DESC
        """,
      storeKind: .configurationItem),
  ]
}
