import Foundation
import Testing

@testable import TrailCore

/// PutEventConfiguration / GetEventConfiguration on event data stores and the `eventContext` of
/// enriched events in Lake: the rules, the keys read off records, and resource tags from the demo.
@Suite("Event enrichment")
struct EventEnrichmentTests {
  typealias F = LakeFixture

  @Test func configurationRulesAndDefaults() throws {
    let fixture = try LakeFixture()
    let store = try #require(try fixture.create("mgmt").eventDataStoreArn)
    let services = try fixture.services()
    let initial = try GetEventConfiguration.perform(
      GetEventConfigurationRequest(eventDataStore: store), with: services)
    #expect(
      initial.eventDataStoreArn == store && initial.maxEventSize == "Standard"
        && initial.contextKeySelectors == [])
    let selectors = [
      ContextKeySelector(type: "TagContext", equals: ["team", "env"]),
      ContextKeySelector(type: "RequestContext", equals: ["aws:SourceIp", "aws:PrincipalTag/department"]),
    ]
    let put = try PutEventConfiguration.perform(
      PutEventConfigurationRequest(
        eventDataStore: store, maxEventSize: "Large", contextKeySelectors: selectors),
      with: services)
    #expect(put.maxEventSize == "Large" && put.contextKeySelectors == selectors)
    #expect(
      try GetEventConfiguration.perform(GetEventConfigurationRequest(eventDataStore: store), with: services)
        .contextKeySelectors == selectors)
    func code(_ request: PutEventConfigurationRequest) -> String? {
      fixture.exception { _ = try PutEventConfiguration.perform(request, with: services) }
    }
    #expect(
      code(PutEventConfigurationRequest(eventDataStore: store, maxEventSize: "Standard"))
        == "InvalidParameterCombinationException")
    #expect(
      code(PutEventConfigurationRequest(eventDataStore: store, maxEventSize: "Huge"))
        == "InvalidParameterException")
    #expect(
      code(
        PutEventConfigurationRequest(
          eventDataStore: store, contextKeySelectors: [selectors[0], selectors[0]]))
        == "InvalidParameterException")
    #expect(
      code(
        PutEventConfigurationRequest(
          eventDataStore: store,
          contextKeySelectors: [ContextKeySelector(type: "RequestContext", equals: ["aws:Nonsense"])]))
        == "InvalidParameterException")
    #expect(
      code(
        PutEventConfigurationRequest(
          eventDataStore: store, contextKeySelectors: [ContextKeySelector(type: "TagContext", equals: [])]))
        == "InvalidParameterException")
    #expect(code(PutEventConfigurationRequest()) == "InvalidParameterCombinationException")
    #expect(
      code(PutEventConfigurationRequest(trailName: "t", eventDataStore: store))
        == "InvalidParameterCombinationException")
    #expect(code(PutEventConfigurationRequest(trailName: "no-such-trail")) == "TrailNotFoundException")
    let audit = try fixture.createIntegrationStore("audit")
    #expect(
      code(PutEventConfigurationRequest(eventDataStore: audit, maxEventSize: "Large"))
        == "InvalidEventDataStoreCategoryException")
  }

  @Test func requestContextIsReadOffTheRecord() throws {
    let record = try JSONValue(
      parsing: #"""
        {"userIdentity":{"type":"AssumedRole","principalId":"AROA1:alice","arn":"arn:aws:sts::111111111111:assumed-role/Admin/alice","accountId":"111111111111",
         "sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::111111111111:role/Admin"},"attributes":{"creationDate":"2026-01-01T00:00:00Z","mfaAuthenticated":"true"}}},
         "awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2","tlsDetails":{"tlsVersion":"TLSv1.3"},
         "resources":[{"ARN":"arn:aws:s3:::logs","type":"AWS::S3::Bucket"},{"ARN":"arn:aws:s3:::untagged"}]}
        """#)
    let tags = [
      "arn:aws:iam::111111111111:role/Admin": ["department": "security"],
      "arn:aws:s3:::logs": ["team": "platform", "env": "prod", "secret": "x"],
    ]
    let context = EventContext.of(
      record,
      selectors: [
        ContextKeySelector(
          type: "RequestContext",
          equals: [
            "aws:SourceIp", "aws:PrincipalArn", "aws:PrincipalType", "aws:MultiFactorAuthPresent",
            "aws:RequestedRegion",
            "aws:SecureTransport", "aws:ViaAWSService", "aws:SourceVpce", "aws:PrincipalTag/department",
          ]),
        ContextKeySelector(type: "TagContext", equals: ["team", "env"]),
      ], tags: { tags[$0] ?? [:] })
    #expect(
      context?.compactText()
        == #"{"requestContext":{"aws:SourceIp":"198.51.100.7","aws:PrincipalArn":"arn:aws:iam::111111111111:role/Admin","aws:PrincipalType":"AssumedRole","aws:MultiFactorAuthPresent":"true","aws:RequestedRegion":"eu-west-1","aws:SecureTransport":"true","aws:ViaAWSService":"false","aws:PrincipalTag/department":"security"},"tagContext":{"resourceTags":[{"arn":"arn:aws:s3:::logs","tags":{"team":"platform","env":"prod"}}]}}"#
    )
    #expect(
      EventContext.of(
        record, selectors: [ContextKeySelector(type: "TagContext", equals: ["owner"])],
        tags: { tags[$0] ?? [:] }) == nil)
  }

  @Test func lakeQueriesReadEnrichedEventsOfTheDemo() throws {
    let fixture = try LakeFixture(organization: false)
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 7, days: 1, accounts: 1, regions: 1, end: F.start))
    // The stores are the demo account's, so that they collect its events.
    let account = simulator.accountIds[0]
    let enriched = try #require(try fixture.create("enriched", account: account).eventDataStoreArn)
    let plain = try #require(try fixture.create("plain", account: account).eventDataStoreArn)
    let services = try fixture.services(account: account)
    _ = try PutEventConfiguration.perform(
      PutEventConfigurationRequest(
        eventDataStore: enriched, maxEventSize: "Large",
        contextKeySelectors: [
          ContextKeySelector(type: "TagContext", equals: ["team", "env"]),
          ContextKeySelector(
            type: "RequestContext", equals: ["aws:PrincipalTag/department", "aws:PrincipalAccount"]),
        ]), with: services)
    _ = try DemoLoader(databasePath: fixture.store.dbPath, clock: fixture.clock).seed(simulator)
    func rows(_ sql: String) throws -> [[String?]] {
      let s = try fixture.services(account: account)
      return try LakeSQLEngine().prepare(
        sql, parameters: [], connection: s.connection, context: fixture.context(account: account)
      )
      .run(on: s.connection, now: F.start, cancellation: LakeCancellation()).rows
    }
    let id = { (arn: String) in String(arn.split(separator: "/").last!) }
    let buckets = try rows(
      """
      SELECT DISTINCT r.arn, element_at(r.tags, 'team'), element_at(r.tags, 'env')
      FROM \(id(enriched)) CROSS JOIN UNNEST(eventContext.tagContext.resourceTags) AS t(r)
      WHERE eventSource = 's3.amazonaws.com' ORDER BY 1
      """)
    #expect(!buckets.isEmpty)
    for row in buckets {
      let arn = try #require(row[0])
      #expect(arn.hasPrefix("arn:aws:s3:::acme-"))
      #expect(row[2] == (arn.hasSuffix("-prod") ? "prod" : "staging"))
      #expect(row[1] != nil)
    }
    let departments = try rows(
      """
      SELECT DISTINCT element_at(eventContext.requestContext, 'aws:PrincipalTag/department')
      FROM \(id(enriched)) WHERE userIdentity.type = 'IAMUser' ORDER BY 1
      """
    ).compactMap { $0[0] }
    #expect(
      Set(departments).isSubset(of: ["engineering", "finance", "security", "operations", "automation"]))
    #expect(departments.count >= 3)
    // The same events, read through a store without selectors, have no eventContext.
    #expect(try rows("SELECT count(*) FROM \(id(plain)) WHERE eventContext IS NOT NULL") == [["0"]])
    #expect(try rows("SELECT count(*) > 0 FROM \(id(enriched)) WHERE eventContext IS NOT NULL") == [["true"]])
  }
}
