import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Issue 22's question on the simulator's own data: "which API call changed this resource, and who
/// made it", as a Lake join of the demo's configuration-item store with a store of CloudTrail events.
@Suite("Configuration items joined to their calls on demo data")
struct ConfigurationItemDemoJoinTests {
  typealias F = LakeFixture

  @Test func everyRecordedChangeJoinsToTheCallThatMadeIt() throws {
    let fixture = try LakeFixture(organization: false)
    let sim = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 5, days: 3, accounts: 1, regions: 1, end: F.start, eventsPerAccountDay: 300))
    let main = try #require(sim.accountIds.first)
    // A store of the main account's management events, there before the history is written.
    let trail = F.table(
      try #require(try fixture.create("management-events", account: main).eventDataStoreArn))
    _ = try DemoLoader(databasePath: fixture.store.dbPath, clock: fixture.clock).seed(sim)
    let services = try fixture.services(account: main)
    let lookup = try services.connection.prepare(
      "SELECT arn FROM event_data_stores WHERE name = 'demo-config-items'")
    #expect(try lookup.step())
    let config = F.table(try #require(lookup.text(0)))
    lookup.reset()  // the connection must be idle before Lake registers its functions on it
    func run(_ sql: String) throws -> [[String?]] {
      try LakeSQLEngine().prepare(
        sql, parameters: [], connection: services.connection, context: services.context
      )
      .run(on: services.connection, now: fixture.clock.now(), cancellation: LakeCancellation()).rows
    }

    let caused = try run(
      "SELECT count(*) FROM \(config) WHERE cardinality(eventdata.relatedevents) > 0")
    let joined = try run(
      """
      SELECT c.eventdata.resourcetype, c.eventdata.resourceid, c.eventdata.resourcename,
        c.eventdata.configurationitemstatus, e.eventname, e.useridentity.arn, e.requestparameters,
        e.responseelements
      FROM \(config) c JOIN \(trail) e ON contains(c.eventdata.relatedevents, e.eventid)
      ORDER BY c.eventtime
      """)
    // Every item with a cause finds exactly one call, and there are items of several kinds.
    let expected = Int(caused.first?.first.flatMap { $0 } ?? "") ?? -1
    #expect(expected > 20)
    #expect(joined.count == expected)
    #expect(Set(joined.compactMap { $0[0] }).count >= 5)
    for row in joined {
      let (type, id, name, status, call) = (row[0] ?? "", row[1] ?? "", row[2], row[3], row[4] ?? "")
      #expect(row[5] != nil, "the call behind \(type) \(id) names who made it")
      switch status {
      case "ResourceDiscovered":
        #expect(call.hasPrefix("Create") || call == "RunInstances", "\(type) \(id) discovered by \(call)")
      case "ResourceDeleted":
        #expect(call.hasPrefix("Delete") || call == "TerminateInstances", "\(type) \(id) deleted by \(call)")
      default: break
      }
      // The call names the resource it changed, in its request or its response.
      let said = (row[6] ?? "") + (row[7] ?? "")
      #expect(said.contains(id) || name.map(said.contains) == true, "\(call) does not name \(type) \(id)")
    }
    // Security groups changed by ingress rules: the join answers with the rule's API.
    let groupCalls = Set(joined.filter { $0[0] == "AWS::EC2::SecurityGroup" }.compactMap { $0[4] })
    #expect(groupCalls.contains("CreateSecurityGroup"))
    #expect(!groupCalls.isDisjoint(with: ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress"]))
  }
}
