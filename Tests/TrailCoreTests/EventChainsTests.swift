import Foundation
import Testing

@testable import TrailCore

/// "Caused by" and "caused" over hand-made records and over the simulator's chains.
@Suite("EventChains")
struct EventChainsTests {
  static let account = "111122223333"
  static let roleARN = "arn:aws:iam::111122223333:role/fn-role"
  static let linkedRoleARN =
    "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

  static func forwarded(_ name: String, key: String, service: String) -> String {
    let base = TestRecord.iamUser(name, key: key)
    return String(base.dropLast()) + #","invokedBy":"\#(service)"}"#
  }

  static func assumedRole(
    _ role: String, _ roleName: String, session: String, key: String, invokedBy: String? = nil
  )
    -> String
  {
    #"{"type":"AssumedRole","principalId":"AROAFN:\#(session)","arn":"arn:aws:sts::\#(account):assumed-role/\#(roleName)/\#(session)","accountId":"\#(account)","accessKeyId":"\#(key)","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAFN","arn":"\#(role)","accountId":"\#(account)","userName":"\#(roleName)"},"attributes":{"creationDate":"2024-03-01T12:00:00Z","mfaAuthenticated":"false"}}"#
      + (invokedBy.map { #","invokedBy":"\#($0)""# } ?? "") + "}"
  }

  static func service(_ name: String) -> String { #"{"type":"AWSService","invokedBy":"\#(name)"}"# }

  static func assumeRole(
    _ n: Int, at time: Int64, by service: String, role: String, session: String, issuing key: String?
  )
    -> TestRecord
  {
    TestRecord(TestRecord.id(n), at: time).with {
      $0.eventName = "AssumeRole"
      $0.eventSource = "sts.amazonaws.com"
      $0.identity = Self.service(service)
      $0.resources = #"[{"accountId":"\#(account)","type":"AWS::IAM::Role","ARN":"\#(role)"}]"#
      $0.patches["sourceIPAddress"] = "\"\(service)\""
      $0.patches["requestParameters"] =
        #"{"roleArn":"\#(role)","roleSessionName":"\#(session)","durationSeconds":900}"#
      $0.patches["responseElements"] =
        key.map {
          #"{"credentials":{"accessKeyId":"\#($0)","sessionToken":"x","expiration":"Mar 1, 2024, 1:00:00 PM"}}"#
        }
        ?? "null"
    }
  }

  /// The records, by id number: see each one's comment.
  static var records: [TestRecord] {
    let t = TestTime.base
    let cfn = "cloudformation.amazonaws.com"
    let asg = "autoscaling.amazonaws.com"
    return [
      // 1: alice creates a stack; 2: CloudFormation creates a role with her key.
      TestRecord(TestRecord.id(1), at: t).with {
        $0.eventName = "CreateStack"
        $0.eventSource = cfn
        $0.readOnly = false
      },
      TestRecord(TestRecord.id(2), at: t + 5).with {
        $0.eventName = "CreateRole"
        $0.eventSource = "iam.amazonaws.com"
        $0.identity = Self.forwarded("alice", key: "AKIAALICE", service: cfn)
        $0.patches["sourceIPAddress"] = "\"\(cfn)\""
      },
      // 3: bob's key through CloudFormation, but bob never called CloudFormation.
      TestRecord(TestRecord.id(3), at: t + 6).with {
        $0.eventName = "CreateBucket"
        $0.eventSource = "s3.amazonaws.com"
        $0.identity = Self.forwarded("bob", key: "AKIABOB", service: cfn)
        $0.patches["sourceIPAddress"] = "\"\(cfn)\""
      },
      // 4: Lambda assumes fn-role (key ASIAFN1); 5: the function calls with it; 6: same role and
      // session name, another key: not this AssumeRole's session.
      Self.assumeRole(
        4, at: t + 100, by: "lambda.amazonaws.com", role: roleARN, session: "fn", issuing: "ASIAFN1"),
      TestRecord(TestRecord.id(5), at: t + 102).with {
        $0.eventName = "GetSecretValue"
        $0.eventSource = "secretsmanager.amazonaws.com"
        $0.identity = Self.assumedRole(roleARN, "fn-role", session: "fn", key: "ASIAFN1")
      },
      TestRecord(TestRecord.id(6), at: t + 103).with {
        $0.eventName = "GetSecretValue"
        $0.eventSource = "secretsmanager.amazonaws.com"
        $0.identity = Self.assumedRole(roleARN, "fn-role", session: "fn", key: "ASIAOTHER")
      },
      // 7: alice changes capacity; 8: Auto Scaling assumes its linked role; 9: launches with that key.
      TestRecord(TestRecord.id(7), at: t + 200).with {
        $0.eventName = "SetDesiredCapacity"
        $0.eventSource = asg
        $0.readOnly = false
      },
      Self.assumeRole(
        8, at: t + 210, by: asg, role: linkedRoleARN, session: "AutoScaling", issuing: "ASIAASG"),
      TestRecord(TestRecord.id(9), at: t + 212).with {
        $0.eventName = "RunInstances"
        $0.eventSource = "ec2.amazonaws.com"
        $0.readOnly = false
        $0.identity = Self.assumedRole(
          linkedRoleARN, "AWSServiceRoleForAutoScaling", session: "AutoScaling", key: "ASIAASG",
          invokedBy: asg)
        $0.patches["sourceIPAddress"] = "\"\(asg)\""
      },
      // 10: alice updates the stack; 11: CloudFormation's call after it belongs to the update.
      TestRecord(TestRecord.id(10), at: t + 300).with {
        $0.eventName = "UpdateStack"
        $0.eventSource = cfn
        $0.readOnly = false
      },
      TestRecord(TestRecord.id(11), at: t + 305).with {
        $0.eventName = "PutRolePolicy"
        $0.eventSource = "iam.amazonaws.com"
        $0.identity = Self.forwarded("alice", key: "AKIAALICE", service: cfn)
        $0.patches["sourceIPAddress"] = "\"\(cfn)\""
      },
      // 12: an AssumeRole that names no key; 13: the same role and session inside its 900 s.
      Self.assumeRole(
        12, at: t + 400, by: "lambda.amazonaws.com", role: roleARN, session: "late", issuing: nil),
      TestRecord(TestRecord.id(13), at: t + 450).with {
        $0.eventName = "GetParameter"
        $0.eventSource = "ssm.amazonaws.com"
        $0.identity = Self.assumedRole(roleARN, "fn-role", session: "late", key: "ASIALATE")
      },
      // 14: the same session name long after the credentials expired.
      TestRecord(TestRecord.id(14), at: t + 400 + 1000).with {
        $0.eventName = "GetParameter"
        $0.eventSource = "ssm.amazonaws.com"
        $0.identity = Self.assumedRole(roleARN, "fn-role", session: "late", key: "ASIALATE2")
      },
    ]
  }

  /// The stored chains and a way to name events by their id number.
  struct Fixture {
    let store: TestStore
    let services: StoreServices
    let rows: [Int: EventSummary]

    init() throws {
      store = try TestStore()
      try store.write("chains.json", records: EventChainsTests.records)
      let run = try store.ingest()
      #expect(run.problems.isEmpty, "\(run.lines)")
      services = try store.history()
      let all = try services.summaries(HistoryFilter(), from: nil, direction: .older, limit: 100)
      rows = Dictionary(
        uniqueKeysWithValues: all.map { (Int($0.eventId.suffix(12))!, $0) })
    }

    var chains: EventChains { EventChains(services) }

    func causedBy(_ n: Int) throws -> Int? {
      try chains.causedBy(rowID: rows[n]!.rowID).map { Int($0.eventId.suffix(12))! }
    }

    func caused(_ n: Int) throws -> [Int] {
      try chains.caused(rowID: rows[n]!.rowID).map { Int($0.eventId.suffix(12))! }
    }
  }

  @Test func causedByFollowsSessionInvokedByAndTime() throws {
    let f = try Fixture()
    #expect(try f.causedBy(2) == 1, "CloudFormation's call with alice's key → her CreateStack")
    #expect(try f.causedBy(11) == 10, "the nearest earlier stack operation, not the first")
    #expect(try f.causedBy(5) == 4, "the function's call → the AssumeRole that issued its key")
    #expect(try f.causedBy(9) == 8, "the linked role's launch → Auto Scaling's AssumeRole")
    #expect(try f.causedBy(8) == 7, "Auto Scaling's AssumeRole → the capacity change")
    #expect(try f.causedBy(13) == 12, "no key named: same role and session inside the duration")
  }

  @Test func noLinkAcrossSessions() throws {
    let f = try Fixture()
    #expect(try f.causedBy(3) == nil, "bob's key never called CloudFormation")
    #expect(try f.causedBy(6) == nil, "AssumeRole 4 issued another key")
    #expect(try f.causedBy(14) == nil, "the credentials of AssumeRole 12 had expired")
    #expect(try f.causedBy(1) == nil)
    #expect(try f.causedBy(4) == nil, "Lambda's execution role is not service-linked")
  }

  @Test func causedIsTheReverse() throws {
    let f = try Fixture()
    #expect(try f.caused(1) == [2])
    #expect(try f.caused(10) == [11])
    #expect(try f.caused(4) == [5])
    #expect(try f.caused(7) == [8])
    #expect(try f.caused(8) == [9])
    #expect(try f.caused(3) == [])
    #expect(try f.caused(5) == [])
  }

  // MARK: Simulator data

  @Test func simulatorChainsLinkBothWays() throws {
    let store = try TestStore()
    let end = Date(timeIntervalSince1970: TimeInterval(TestTime.base))
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 5, days: 1, accounts: 2, regions: 2, end: end, eventsPerAccountDay: 3000))
    let clock = FixedClock(end)
    _ = try DemoLoader(databasePath: store.dbPath, clock: clock).seed(simulator)
    let services = try StoreServices(databasePath: store.dbPath, clock: clock)
    let chains = EventChains(services)

    var checked: [String: Int] = [:]
    for name in ["CreateRole", "RunInstances", "TerminateInstances", "GetSecretValue", "AssumeRole"] {
      let events = try services.summaries(
        HistoryFilter(attribute: LookupAttribute(.eventName, name)), from: nil, direction: .older, limit: 400)
      for event in events {
        let record = try services.record(rowID: event.rowID)
        let facts = ChainFacts(rowID: event.rowID, record: record, summary: event)
        if facts.isAssumeRole && facts.invokedBy == "lambda.amazonaws.com"
          && facts.requestedSessionName.map(DemoAccount.apps.contains) == true
        {
          // A scheduled function: nothing in history caused it; it caused the function's calls.
          #expect(try chains.causedBy(rowID: event.rowID) == nil)
          let calls = try chains.caused(rowID: event.rowID)
          #expect(calls.count >= 2, "\(event.eventId)")
          for call in calls { #expect(try chains.causedBy(rowID: call.rowID)?.rowID == event.rowID) }
          checked["Lambda", default: 0] += 1
          continue
        }
        let isChained =
          facts.invokedBy == "cloudformation.amazonaws.com" || facts.invokedBy == "autoscaling.amazonaws.com"
        guard isChained else { continue }
        let cause = try #require(
          try chains.causedBy(rowID: event.rowID), "\(name) \(event.eventId) has no cause")
        #expect(cause.eventTime <= event.eventTime)
        #expect(event.eventTime.timeIntervalSince(cause.eventTime) <= Double(ServiceChainPlan.longest))
        let caused = try chains.caused(rowID: cause.rowID)
        #expect(caused.contains { $0.rowID == event.rowID }, "\(cause.eventName) does not list \(name)")
        checked[name, default: 0] += 1
      }
    }
    #expect((checked["Lambda"] ?? 0) >= 20, "\(checked)")
    #expect((checked["AssumeRole"] ?? 0) >= 1, "Auto Scaling's AssumeRoles: \(checked)")
    #expect(
      (checked["CreateRole"] ?? 0) + (checked["RunInstances"] ?? 0) + (checked["TerminateInstances"] ?? 0)
        >= 2, "\(checked)")
  }
}
