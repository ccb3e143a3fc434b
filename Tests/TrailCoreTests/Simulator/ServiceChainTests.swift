import Foundation
import Testing

@testable import TrailCore

private typealias F = SimulatorFixture

/// The simulator's service call chains carry the identity fields CloudTrail writes for each link.
@Suite("Simulator service chains")
struct ServiceChainTests {
  /// The fixture's management records as parsed JSON objects, in time order.
  // Parsed once and only read afterwards, so sharing it between tests is safe.
  nonisolated(unsafe) static let objects: [(time: Int64, json: [String: Any])] = F.records.compactMap {
    record in
    guard let object = try? JSONSerialization.jsonObject(with: record.data) as? [String: Any],
      object["eventCategory"] as? String == "Management"
    else { return nil }
    return (record.eventTime, object)
  }

  static func identity(_ object: [String: Any]) -> [String: Any] {
    object["userIdentity"] as? [String: Any] ?? [:]
  }

  static func issuedKey(_ object: [String: Any]) -> String? {
    ((object["responseElements"] as? [String: Any])?["credentials"] as? [String: Any])?["accessKeyId"]
      as? String
  }

  @Test func cloudFormationCallsCarryTheCallersIdentityAndFollowTheirStackOperation() throws {
    let service = "cloudformation.amazonaws.com"
    let forwarded = Self.objects.filter { Self.identity($0.json)["invokedBy"] as? String == service }
    #expect(forwarded.count >= 3, "the 2-day fixture has CloudFormation chains")
    for (time, object) in forwarded {
      let identity = Self.identity(object)
      #expect(object["sourceIPAddress"] as? String == service)
      #expect(object["userAgent"] as? String == service)
      #expect(object["tlsDetails"] == nil)
      #expect(["IAMUser", "AssumedRole"].contains(identity["type"] as? String ?? ""))
      let key = try #require(identity["accessKeyId"] as? String)
      // The stack operation: the same caller's own call to CloudFormation, shortly before.
      let initiator = Self.objects.last { candidate in
        candidate.time <= time && candidate.time >= time - ServiceChainPlan.longest
          && candidate.json["eventSource"] as? String == service
          && Self.identity(candidate.json)["accessKeyId"] as? String == key
      }
      let start = try #require(initiator, "no stack operation before \(object["eventName"] ?? "")")
      #expect(start.time < time)
      #expect(
        ["CreateStack", "UpdateStack", "DeleteStack"].contains(start.json["eventName"] as? String ?? ""))
      let caller = Self.identity(start.json)
      #expect(caller["invokedBy"] == nil)
      #expect(caller["arn"] as? String == identity["arn"] as? String)
      #expect(caller["principalId"] as? String == identity["principalId"] as? String)
      #expect(start.json["sourceIPAddress"] as? String != service)
    }
  }

  @Test func autoScalingActsThroughItsServiceLinkedRoleAfterACapacityChange() throws {
    let service = "autoscaling.amazonaws.com"
    let launches = Self.objects.filter {
      Self.identity($0.json)["invokedBy"] as? String == service
        && $0.json["eventSource"] as? String == "ec2.amazonaws.com"
    }
    #expect(!launches.isEmpty)
    for (time, object) in launches {
      let identity = Self.identity(object)
      #expect(identity["type"] as? String == "AssumedRole")
      #expect(
        (identity["arn"] as? String)?.hasSuffix(":assumed-role/AWSServiceRoleForAutoScaling/AutoScaling")
          == true)
      let issuer = (identity["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any]
      #expect(issuer?["userName"] as? String == "AWSServiceRoleForAutoScaling")
      #expect(
        (issuer?["arn"] as? String)?.contains(":role/aws-service-role/autoscaling.amazonaws.com/") == true)
      #expect(object["sourceIPAddress"] as? String == service)
      #expect(object["userAgent"] as? String == service)
      let key = try #require(identity["accessKeyId"] as? String)
      #expect(key.hasPrefix("ASIA"))
      let assume = try #require(
        Self.objects.last { $0.time <= time && Self.issuedKey($0.json) == key }, "no AssumeRole issued \(key)"
      )
      #expect(assume.time < time && time - assume.time <= 60)
      #expect(Self.identity(assume.json)["type"] as? String == "AWSService")
      #expect(Self.identity(assume.json)["invokedBy"] as? String == service)
      #expect(assume.json["sourceIPAddress"] as? String == service)
      let request = assume.json["requestParameters"] as? [String: Any]
      #expect(request?["roleArn"] as? String == issuer?["arn"] as? String)
      #expect(request?["roleSessionName"] as? String == "AutoScaling")
      let change = try #require(
        Self.objects.last { $0.time <= assume.time && $0.json["eventSource"] as? String == service })
      #expect(assume.time - change.time <= 60)
      #expect(
        ["SetDesiredCapacity", "UpdateAutoScalingGroup"].contains(change.json["eventName"] as? String ?? ""))
      #expect(Self.identity(change.json)["invokedBy"] == nil)
    }
  }

  @Test func lambdaAssumesTheExecutionRoleAndTheFunctionSignsWithTheIssuedKey() throws {
    let assumes = Self.objects.filter {
      let session = ($0.json["requestParameters"] as? [String: Any])?["roleSessionName"] as? String ?? ""
      return Self.identity($0.json)["invokedBy"] as? String == "lambda.amazonaws.com"
        && Self.identity($0.json)["type"] as? String == "AWSService" && DemoAccount.apps.contains(session)
    }
    // Hourly per account over two days.
    #expect(assumes.count >= 40)
    for (time, object) in assumes {
      #expect(object["sourceIPAddress"] as? String == "lambda.amazonaws.com")
      #expect(object["userAgent"] as? String == "lambda.amazonaws.com")
      let key = try #require(Self.issuedKey(object))
      #expect(key.hasPrefix("ASIA"))
      let request = try #require(object["requestParameters"] as? [String: Any])
      let calls = Self.objects.filter {
        $0.time >= time && $0.time <= time + 60 && Self.identity($0.json)["accessKeyId"] as? String == key
      }
      #expect(calls.count >= 2, "the function's calls after \(time)")
      for call in calls {
        let identity = Self.identity(call.json)
        #expect(call.time > time)
        #expect(identity["type"] as? String == "AssumedRole")
        #expect(identity["invokedBy"] == nil)
        let issuer = (identity["sessionContext"] as? [String: Any])?["sessionIssuer"] as? [String: Any]
        #expect(issuer?["arn"] as? String == request["roleArn"] as? String)
        #expect(
          (identity["arn"] as? String)?.hasSuffix("/\(request["roleSessionName"] as? String ?? "")") == true)
        let address = call.json["sourceIPAddress"] as? String ?? ""
        #expect(address.split(separator: ".").count == 4 && address.allSatisfy { $0.isNumber || $0 == "." })
        let agent = call.json["userAgent"] as? String ?? ""
        #expect(agent.hasPrefix("Boto3/") || agent.hasPrefix("aws-sdk-"))
      }
      // No other record carries the function's key: the session is its own.
      let others = Self.objects.filter {
        Self.identity($0.json)["accessKeyId"] as? String == key && ($0.time < time || $0.time > time + 60)
      }
      #expect(others.isEmpty)
    }
  }

  @Test func slicesThroughChainsAreByteIdentical() throws {
    let plan = F.simulator.serviceChains
    let start = Int64(F.end.timeIntervalSince1970) - 30 * 3600
    let chained = plan.records(from: start, to: start + 6 * 3600, isLive: false)
    #expect(chained.count > 10)
    // Cut in the middle of a chain, between two of its records.
    let cut = try #require(chained.dropFirst(chained.count / 2).first).eventTime
    let whole = F.simulator.records(in: DateInterval(start: Date(start), end: Date(start + 6 * 3600)))
    let halves =
      F.simulator.records(in: DateInterval(start: Date(start), end: Date(cut)))
      + F.simulator.records(in: DateInterval(start: Date(cut), end: Date(start + 6 * 3600)))
    #expect(whole == halves)
    // Every chain record of the stretch is in the records, once.
    let wholeSet = Set(whole.map(\.json))
    #expect(chained.allSatisfy { wholeSet.contains($0.json) })
  }

  @Test func liveSlicesThroughChainsAreByteIdenticalAndUseLiveIDs() throws {
    let from = Int64(F.end.timeIntervalSince1970) + 3 * 3600
    let to = from + 3 * 3600
    let chained = F.simulator.serviceChains.records(from: from, to: to, isLive: true)
    #expect(!chained.isEmpty)
    let cut = try #require(chained.dropFirst(chained.count / 2).first).eventTime
    let rate = F.simulator.historyLiveRate
    let whole = F.simulator.liveRecords(from: Date(from), to: Date(to), rate: rate)
    let halves =
      F.simulator.liveRecords(from: Date(from), to: Date(cut), rate: rate)
      + F.simulator.liveRecords(from: Date(cut), to: Date(to), rate: rate)
    #expect(whole == halves)
    let wholeSet = Set(whole.map(\.json))
    #expect(chained.allSatisfy { wholeSet.contains($0.json) })
    for record in chained {
      let object = try #require(try JSONSerialization.jsonObject(with: record.data) as? [String: Any])
      let id = try #require(object["eventID"] as? String)
      #expect(["a", "b"].contains(id.split(separator: "-")[3].first.map(String.init) ?? ""), "\(id)")
    }
    #expect(F.simulator.liveRecords(from: Date(from), to: Date(to), rate: 0).isEmpty)
  }
}

extension Date {
  fileprivate init(_ seconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(seconds)) }
}
