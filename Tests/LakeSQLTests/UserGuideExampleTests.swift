import Testing

@testable import LakeSQL

/// The example queries of the CloudTrail user guide (`shared/spec/aws-cloudtrail-user-guide`), as
/// printed there; where the guide writes a placeholder for the event data store, a real-looking id.
@Suite struct UserGuideExampleTests {
  static let examples: [(source: String, sql: String)] = [
    (
      "query-lake-examples: principals who called CreateBucket",
      """
      SELECT 
          userIdentity.principalid, 
          eventName 
      FROM 
          event_data_store_ID
      WHERE 
          userIdentity.principalid IS NOT NULL 
      AND 
          eventTime > '2023-01-22 00:00:00' 
      AND 
          eventTime < '2023-01-23 00:00:00' 
      AND 
          eventName='CreateBucket'
      """
    ),
    (
      "query-lake-examples: APIs a user called",
      """
      SELECT 
          eventID, 
          eventName, 
          eventSource, 
          eventTime
      FROM 
          EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE
      WHERE 
          userIdentity.username = 'bob' 
      AND 
          eventTime > '2023-01-22 00:00:00' 
      AND 
          eventTime < '2023-01-23 00:00:00'
      """
    ),
    (
      "query-lake-examples: API calls grouped by eventName and eventSource",
      """
      SELECT 
          eventSource, 
          eventName, 
          COUNT(*) AS apiCount
      FROM 
          0a1b2c3d-1234-4abc-9def-0123456789ab
      WHERE 
          eventTime > '2023-01-01 00:00:00' 
      GROUP BY 
          eventSource, eventName 
      ORDER BY 
          apiCount DESC
      """
    ),
    (
      "query-lake-examples: console sign-ins in a set of Regions",
      """
      SELECT 
          eventTime, 
          useridentity.arn, 
          awsRegion
      FROM 
          event_data_store_ID
      WHERE 
          awsRegion in ('us-east-1', 'us-west-2') 
      AND
          eventName = 'ConsoleLogin'
      """
    ),
    (
      "query-lake-examples: Lake queries run in January 2023",
      """
      SELECT 
          element_at(responseElements, 'queryId'), 
          element_at(requestParameters, 'queryStatement')
      FROM 
          event_data_store_ID
      WHERE 
          eventName='StartQuery' 
      AND 
          eventSource = 'cloudtrail.amazonaws.com' 
      AND 
          responseElements IS NOT NULL
      AND 
          eventTime > '2023-01-01 00:00:00' 
      AND 
          eventTime < '2023-02-01 00:00:00'
      """
    ),
    ("query-lake-examples: a result's queryStatement", "select * from event_data_store_ID limit 1;"),
    (
      "query-create-edit-query: principals like Alice",
      """
      SELECT
           userIdentity.principalId, count(*)
      FROM
           5e2676f8-9fce-46ef-8142-3e36a94e6691
      WHERE
           userIdentity.principalId LIKE '%Alice%'
           AND eventName = 'ConsoleLogin'
      GROUP BY
           userIdentity.principalId
      """
    ),
    ("query-create-edit-query: an unbounded query", "SELECT * FROM edsID"),
    (
      "query-create-edit-query: a time-bounded query (its `< =` typo corrected)",
      """
      SELECT *
      FROM eds-ID
      WHERE
           eventtime >='2022-01-05 13:51:00' and eventtime <='2022-01-19 13:51:00'
      """
    ),
    (
      "query-lake-cli: start-query",
      "SELECT eventID, eventTime FROM EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE LIMIT 10"
    ),
    (
      "query-limitations: start-query across three stores",
      "Select eventId, eventName from EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE UNION Select eventId, eventName from EXAMPLEg741-6y1x-9p3v-bnh6iEXAMPLE UNION ALL Select eventId, eventName from EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE ORDER BY eventId LIMIT 10;"
    ),
    (
      "query-limitations: UNION and UNION ALL",
      """
      Select eventId, eventName from EDS1
      UNION
      Select eventId, eventName from EDS2
      UNION ALL
      Select eventId, eventName from EDS3 
      ORDER BY eventId LIMIT 10;
      """
    ),
    (
      "query-limitations: LEFT JOIN",
      """
      SELECT edsA.eventName, edsB.eventName, element_at(edsA.map, 'test')
      FROM eds1 as edsA 
      LEFT JOIN eds2 as edsB
      ON edsA.eventId = edsB.eventId 
      WHERE edsA.eventtime <= '2020-01-01'
      ORDER BY edsB.eventName;
      """
    ),
    (
      "query-event-data-store-config: non-compliant status, joining config and CloudTrail stores",
      """
      SELECT
          element_at(config1.eventData.configuration, 'targetResourceId') as targetResourceId,
          element_at(config1.eventData.configuration, 'complianceType') as complianceType,
          config2.eventData.resourceType, cloudtrail.userIdentity
      FROM
          config_event_data_store_ID  as config1
      JOIN
          config_event_data_store_ID  as config2 on element_at(config1.eventData.configuration, 'targetResourceId') = config2.eventData.resourceId
      JOIN
          cloudtrail_event_data_store_ID  as cloudtrail on config2.eventData.arn = element_at(cloudtrail.resources, 1).arn
      WHERE
          element_at(config1.eventData.configuration, 'configRuleList') is not null
      AND 
          element_at(config1.eventData.configuration, 'complianceType') = 'NON_COMPLIANT'
      AND 
          cloudtrail.eventTime > '2022-11-14 00:00:00'
      AND 
          config2.eventData.resourceType = 'AWS::DynamoDB::Table'
      """
    ),
    (
      "query-event-data-store-config: Config rules and their compliance",
      """
      SELECT 
          eventData.configuration, eventData.accountId, eventData.awsRegion, 
          eventData.resourceName, eventData.resourceCreationTime, 
          element_at(eventData.configuration,'complianceType') AS complianceType, 
          element_at(eventData.configuration, 'configRuleList') AS configRuleList, 
          element_at(eventData.configuration, 'resourceId') AS resourceId, 
          element_at(eventData.configuration, 'resourceType') AS resourceType 
      FROM 
          config_event_data_store_ID 
      WHERE 
          eventData.resourceType = 'AWS::Config::ResourceCompliance' 
      AND 
          eventTime > '2022-11-22 00:00:00' 
      ORDER BY 
          eventData.resourceCreationTime 
      DESC 
          limit 10
      """
    ),
    (
      "query-event-data-store-config: resources by type, account and Region",
      """
      SELECT 
          eventData.resourceType, eventData.awsRegion, eventData.accountId, 
      COUNT (*) AS resourceCount 
      FROM 
          config_event_data_store_ID 
      WHERE 
          eventTime > '2022-11-22 00:00:00' 
      GROUP BY 
          eventData.resourceType, eventData.awsRegion, eventData.accountId
      """
    ),
    (
      "query-event-data-store-config: resource creation times on a date",
      """
      SELECT
          eventData.configuration, eventData.accountId, 
          eventData.awsRegion, eventData.resourceId, 
          eventData.resourceName, eventData.resourceType, 
          eventData.availabilityZone, eventData.resourceCreationTime
      FROM 
          config_event_data_store_ID
      WHERE 
          eventTime > '2022-11-16 00:00:00' 
      AND 
          eventTime < '2022-11-17 00:00:00'  
      ORDER BY 
          eventData.resourceCreationTime
      DESC 
          limit 10;
      """
    ),
  ]

  @Test(arguments: examples.indices)
  func parses(_ n: Int) throws {
    let example = Self.examples[n]
    #expect(throws: Never.self, "\(example.source)") { _ = try LakeSQL.parse(example.sql) }
  }

  @Test func theGroupedCountReadsAsWritten() throws {
    #expect(
      try shape(Self.examples[2].sql)
        == "{select eventSource, eventName, COUNT(*) as apiCount from 0a1b2c3d-1234-4abc-9def-0123456789ab"
        + " where (> eventTime '2023-01-01 00:00:00') group eventSource, eventName order apiCount desc}")
  }

  @Test func theThreeStoreUnionOrdersAndLimitsTheWhole() throws {
    let actual = try shape(Self.examples[10].sql)
    #expect(
      actual
        == "{(union-all (union {select eventId, eventName from EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE}"
        + " {select eventId, eventName from EXAMPLEg741-6y1x-9p3v-bnh6iEXAMPLE})"
        + " {select eventId, eventName from EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE}) order eventId limit 10}")
  }

  @Test func theConfigJoinNestsLeftToRight() throws {
    let query = try LakeSQL.parse(Self.examples[13].sql)
    guard case .select(let select) = query.body, case .join(let outer) = select.from,
      case .join(let inner) = outer.left, case .table(let cloudtrail) = outer.right
    else { return #expect(Bool(false)) }
    #expect(outer.kind == .inner && inner.kind == .inner)
    #expect(cloudtrail.name == "cloudtrail_event_data_store_ID" && cloudtrail.alias?.value == "cloudtrail")
    guard case .on(let condition) = outer.condition else { return #expect(Bool(false)) }
    #expect(
      Render.expression(condition) == "(= config2.eventData.arn element_at(cloudtrail.resources 1).arn)")
  }

  @Test func theLeftJoinExample() throws {
    #expect(
      try shape(Self.examples[12].sql)
        == "{select edsA.eventName, edsB.eventName, element_at(edsA.map 'test')"
        + " from [left eds1 edsA eds2 edsB on (= edsA.eventId edsB.eventId)]"
        + " where (<= edsA.eventtime '2020-01-01') order edsB.eventName}")
  }

  /// The guide's `eventtime < ='…'` has a space inside `<=`, which Trino refuses too.
  @Test func theGuidesSplitLessOrEqualIsRefused() {
    let error = refusal(
      "SELECT *\nFROM eds-ID\nWHERE\n     eventtime >='2022-01-05 13:51:00' and eventtime < ='2022-01-19 13:51:00'"
    )
    #expect(error?.token == "=")
    #expect(error?.position.line == 4 && error?.position.column == 56)
  }
}
