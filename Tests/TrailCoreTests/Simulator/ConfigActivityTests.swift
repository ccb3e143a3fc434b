import Foundation
import Testing

@testable import TrailCore

/// The simulator's resource changes, AWS Config configuration items and Audit Manager evidence.
@Suite("Simulator config items and evidence")
struct ConfigActivityTests {
  static let end = Date(timeIntervalSince1970: TimeInterval(TestTime.base))
  static let configuration = DemoConfiguration(
    seed: 11, days: 4, accounts: 2, regions: 2, end: end, eventsPerAccountDay: 300)
  static let simulator = DemoSimulator(configuration: configuration)
  static let records = simulator.records(in: configuration.span)
  static let parsed: [JSONValue] = records.map { try! JSONValue(parsing: $0.json) }

  static func category(_ name: String) -> [JSONValue] {
    parsed.filter { $0["eventCategory"]?.stringValue == name }
  }

  /// The resources' own items (the items recording rule compliance are `complianceItems`).
  static var items: [JSONValue] {
    category("ConfigurationItem").filter {
      $0["eventData"]?["resourceType"]?.stringValue != ComplianceItemComposer.resourceType
    }
  }
  static var complianceItems: [JSONValue] {
    category("ConfigurationItem").filter {
      $0["eventData"]?["resourceType"]?.stringValue == ComplianceItemComposer.resourceType
    }
  }
  static var evidence: [JSONValue] { category("Evidence") }
  static var callsByID: [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for record in category("Management") {
      if let id = record["eventID"]?.stringValue { out[id] = record }
    }
    return out
  }

  // MARK: Configuration items

  @Test func everyResourceTypeIsRecordedWithEveryStatus() {
    let types = Set(Self.items.compactMap { $0["eventData"]?["resourceType"]?.stringValue })
    #expect(
      types == [
        "AWS::EC2::SecurityGroup", "AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::IAM::Role",
        "AWS::IAM::Policy",
        "AWS::KMS::Key", "AWS::Lambda::Function",
      ])
    let statuses = Set(Self.items.compactMap { $0["eventData"]?["configurationItemStatus"]?.stringValue })
    #expect(statuses == ["ResourceDiscovered", "OK", "ResourceDeleted"])
    #expect(Self.items.count > 150)
  }

  @Test func itemsHaveEverySchemaFieldTypedAsTheSchemaPageShows() throws {
    for item in Self.items {
      guard case .object(let top) = item, case .object(let data)? = item["eventData"] else {
        Issue.record("not an object: \(item.compactText())")
        return
      }
      #expect(
        top.map(\.key) == [
          "eventVersion", "eventCategory", "eventType", "eventID", "eventTime", "awsRegion",
          "recipientAccountId",
          "eventData",
        ])
      #expect(item["eventType"]?.stringValue == "AwsConfigurationItem")
      #expect(item["eventTime"]?.stringValue.flatMap(ISO8601Time.parse) != nil)
      #expect(
        data.map(\.key) == [
          "configurationItemVersion", "configurationItemCaptureTime", "configurationItemStatus",
          "configurationStateId", "accountId", "resourceType", "resourceId", "resourceName", "arn",
          "awsRegion",
          "availabilityZone", "resourceCreationTime", "configuration", "supplementaryConfiguration",
          "relatedEvents", "relationships", "tags",
        ])
      for key in [
        "configurationItemVersion", "configurationItemStatus", "configurationStateId", "accountId",
        "resourceType",
        "resourceId", "resourceName", "arn", "awsRegion", "availabilityZone",
      ] {
        #expect(
          data.first { $0.key == key }?.value.stringValue?.isEmpty == false, "\(key) in \(item.compactText())"
        )
      }
      for key in ["configurationItemCaptureTime", "resourceCreationTime"] {
        #expect(item["eventData"]?[key]?.stringValue.flatMap(ISO8601Time.parseMilliseconds) != nil)
      }
      let deleted = item["eventData"]?["configurationItemStatus"]?.stringValue == "ResourceDeleted"
      if deleted {
        #expect(item["eventData"]?["configuration"] == .null)
      } else {
        guard case .object? = item["eventData"]?["configuration"] else {
          Issue.record("configuration is not an object")
          continue
        }
      }
      guard case .object? = item["eventData"]?["supplementaryConfiguration"],
        case .array(let related)? = item["eventData"]?["relatedEvents"],
        case .array(let relationships)? = item["eventData"]?["relationships"],
        case .object(let tags)? = item["eventData"]?["tags"]
      else {
        Issue.record("wrong types in \(item.compactText())")
        continue
      }
      #expect(related.count == 1 && related[0].stringValue != nil)
      for relation in relationships {
        #expect(
          relation.keys == ["name", "resourceType", "resourceId"]
            || relation.keys == ["name", "resourceType", "resourceId", "resourceName"])
      }
      #expect(tags.allSatisfy { $0.value.stringValue != nil })
      let type = item["eventData"]?["resourceType"]?.stringValue
      #expect(
        (item["eventData"]?["availabilityZone"]?.stringValue != "Not Applicable")
          == (type == "AWS::EC2::Instance"))
      // The record type reads every item back unchanged.
      #expect(ConfigurationItemRecord(record: item)?.record == item)
    }
  }

  @Test func configurationsAreShapedAsConfigDescribesTheType() throws {
    func first(_ type: String) -> JSONValue? {
      Self.items.first {
        $0["eventData"]?["resourceType"]?.stringValue == type
          && $0["eventData"]?["configurationItemStatus"]?.stringValue == "ResourceDiscovered"
      }?["eventData"]
    }
    let expectations: [(String, [String])] = [
      (
        "AWS::EC2::SecurityGroup",
        [
          "description", "groupName", "ipPermissions", "ownerId", "groupId", "ipPermissionsEgress", "tags",
          "vpcId",
        ]
      ),
      ("AWS::S3::Bucket", ["name", "owner", "creationDate"]),
      ("AWS::KMS::Key", ["keyId", "keyState", "keyRotationEnabled", "enabled", "arn"]),
      ("AWS::Lambda::Function", ["functionName", "runtime", "role", "memorySize", "timeout"]),
      (
        "AWS::IAM::Role",
        ["roleName", "roleId", "arn", "assumeRolePolicyDocument", "attachedManagedPolicies"]
      ),
      ("AWS::IAM::Policy", ["policyName", "policyId", "defaultVersionId", "policyVersionList"]),
      ("AWS::EC2::Instance", ["instanceId", "instanceType", "state", "securityGroups", "subnetId", "vpcId"]),
    ]
    for (type, keys) in expectations {
      let data = try #require(first(type), "no item of \(type)")
      let present = Set(data["configuration"]?.keys ?? [])
      #expect(Set(keys).isSubset(of: present), "\(type): \(present)")
    }
    let bucket = try #require(first("AWS::S3::Bucket"))
    let supplementary = Set(bucket["supplementaryConfiguration"]?.keys ?? [])
    let wanted: Set<String> = ["BucketPolicy", "BucketVersioningConfiguration", "BucketTaggingConfiguration"]
    #expect(wanted.isSubset(of: supplementary))
    let instance = try #require(first("AWS::EC2::Instance"))
    let names = Set(
      ConfigurationItemRecord(
        record: .object([("eventCategory", .string("ConfigurationItem")), ("eventData", instance)]))?
        .relationships.map(\.resourceType) ?? [])
    #expect(names == ["AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup"])
  }

  @Test func relatedEventsAreCallsOfTheRunThatNameTheResource() throws {
    let calls = Self.callsByID
    for item in Self.items {
      let data = try #require(item["eventData"])
      let id = try #require(
        data["relatedEvents"].flatMap { if case .array(let l) = $0 { l.first?.stringValue } else { nil } })
      let call = try #require(calls[id], "no call \(id) for \(item.compactText())")
      let mention = [call["requestParameters"], call["responseElements"], call["resources"]]
        .compactMap { $0?.compactText() }.joined()
      let resourceId = try #require(data["resourceId"]?.stringValue)
      let name = try #require(data["resourceName"]?.stringValue)
      #expect(mention.contains(resourceId) || mention.contains(name), "\(call.compactText())")
      let callTime = try #require(call["eventTime"]?.stringValue.flatMap(ISO8601Time.parse))
      let capture = try #require(
        data["configurationItemCaptureTime"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds))
      #expect((60...600).contains(capture / 1000 - callTime))
      #expect(call["recipientAccountId"] == data["accountId"])
    }
  }

  /// What each call may change in the next item (besides status and capture fields).
  static let changedBy: [String: Set<String>] = [
    "AuthorizeSecurityGroupIngress": ["configuration.ipPermissions"],
    "RevokeSecurityGroupIngress": ["configuration.ipPermissions"],
    "StopInstances": ["configuration.state"], "StartInstances": ["configuration.state"],
    "ModifyInstanceAttribute": ["configuration.instanceType"],
    "PutBucketVersioning": ["supplementaryConfiguration.BucketVersioningConfiguration"],
    "PutBucketPolicy": ["supplementaryConfiguration.BucketPolicy"],
    "PutBucketTagging": ["supplementaryConfiguration.BucketTaggingConfiguration", "tags"],
    "AttachRolePolicy": ["configuration.attachedManagedPolicies", "relationships"],
    "DetachRolePolicy": ["configuration.attachedManagedPolicies", "relationships"],
    "CreatePolicyVersion": [
      "configuration.defaultVersionId", "configuration.policyVersionList", "configuration.updateDate",
    ],
    "DeletePolicyVersion": ["configuration.policyVersionList"],
    "EnableKeyRotation": ["configuration.keyRotationEnabled"],
    "DisableKeyRotation": ["configuration.keyRotationEnabled"],
    "EnableKey": ["configuration.enabled", "configuration.keyState"],
    "DisableKey": ["configuration.enabled", "configuration.keyState"],
    "UpdateFunctionConfiguration20150331v2": [
      "configuration.memorySize", "configuration.timeout", "configuration.runtime",
      "configuration.lastModified",
    ],
  ]

  static func differences(_ a: JSONValue, _ b: JSONValue) -> Set<String> {
    var out: Set<String> = []
    for part in ["configuration", "supplementaryConfiguration"] {
      let keys = Set((a[part]?.keys ?? []) + (b[part]?.keys ?? []))
      for key in keys where a[part]?[key] != b[part]?[key] { out.insert("\(part).\(key)") }
    }
    for part in ["tags", "relationships"] where a[part] != b[part] { out.insert(part) }
    return out
  }

  @Test func consecutiveItemsDifferByWhatTheCallChanged() throws {
    let calls = Self.callsByID
    let byResource = Dictionary(grouping: Self.items) { $0["eventData"]?["arn"]?.stringValue ?? "" }
    var checked = 0
    for (_, list) in byResource {
      let sorted = list.sorted {
        ($0["eventData"]?["configurationItemCaptureTime"]?.stringValue ?? "")
          < ($1["eventData"]?["configurationItemCaptureTime"]?.stringValue ?? "")
      }
      for (before, after) in zip(sorted, sorted.dropFirst()) {
        let a = try #require(before["eventData"])
        let b = try #require(after["eventData"])
        guard case .array(let related)? = b["relatedEvents"], let id = related.first?.stringValue,
          let call = calls[id], let name = call["eventName"]?.stringValue
        else {
          Issue.record("no call for \(after.compactText())")
          continue
        }
        if b["configurationItemStatus"]?.stringValue == "ResourceDeleted" {
          #expect(
            ["DeleteSecurityGroup", "TerminateInstances", "DeleteBucket", "DeleteFunction20150331"].contains(
              name))
          continue
        }
        #expect(b["configurationItemStatus"]?.stringValue == "OK")
        let changed = Self.differences(a, b)
        let allowed = try #require(Self.changedBy[name], "unexpected call \(name)")
        #expect(!changed.isEmpty && changed.isSubset(of: allowed), "\(name) changed \(changed)")
        #expect(a["resourceCreationTime"] == b["resourceCreationTime"])
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func anAuthorizedRuleAppearsInTheNextItem() throws {
    let calls = Self.callsByID
    var seen = 0
    for item in Self.items {
      guard case .array(let related)? = item["eventData"]?["relatedEvents"],
        let call = related.first?.stringValue.flatMap({ calls[$0] }),
        call["eventName"]?.stringValue == "AuthorizeSecurityGroupIngress",
        case .array(let wanted)? = call["requestParameters"]?["ipPermissions"]?["items"],
        case .array(let rules)? = item["eventData"]?["configuration"]?["ipPermissions"]
      else { continue }
      let port = wanted.first?["fromPort"]
      let cidr = wanted.first?["ipRanges"]?["items"].flatMap {
        if case .array(let l) = $0 { l.first?["cidrIp"] } else { nil }
      }
      #expect(rules.contains { $0["fromPort"] == port && $0["ipRanges"] == .array([cidr ?? .null]) })
      seen += 1
    }
    #expect(seen > 0)
  }

  // MARK: Slices and background

  @Test func slicesAreByteIdenticalToTheFullRun() {
    let span = Self.configuration.span
    var sliced: [DemoRecord] = []
    var start = span.start
    while start < span.end {
      let stop = min(span.end, start.addingTimeInterval(7 * 3600 + 13 * 60 + 7))
      sliced += Self.simulator.records(in: DateInterval(start: start, end: stop))
      start = stop
    }
    #expect(sliced.count == Self.records.count)
    #expect(sliced == Self.records)
  }

  @Test func backgroundTrafficIsUnchangedBySwitchingThemOff() {
    var off = Self.configuration
    off.recordsConfigurationItems = false
    let without = DemoSimulator(configuration: off).records(in: off.span)
    let related = Set(
      Self.items.compactMap {
        if case .array(let l)? = $0["eventData"]?["relatedEvents"] { l.first?.stringValue } else { nil }
      })
    let kept = zip(Self.records, Self.parsed).filter { _, json in
      let category = json["eventCategory"]?.stringValue
      return category != "ConfigurationItem" && category != "Evidence"
        && !related.contains(json["eventID"]?.stringValue ?? "")
    }.map(\.0)
    #expect(kept == without)
  }

  // MARK: Compliance items

  /// Config records a rule's result as an `AWS::Config::ResourceCompliance` item when it starts or
  /// changes, before the evidence that reports the same result: what the guide's compliance samples
  /// read (`complianceType`, `configRuleList`, `targetResourceId`, `targetResourceType`).
  @Test func complianceItemsRecordEachResultBeforeItsEvidence() throws {
    let compliance = Self.complianceItems
    #expect(compliance.count >= 8)
    let resourceIds = Set(Self.items.compactMap { $0["eventData"]?["resourceId"]?.stringValue })
    var seen: Set<String> = []
    for item in compliance {
      let data = try #require(item["eventData"])
      let configuration = try #require(data["configuration"])
      let result = try #require(configuration["complianceType"]?.stringValue)
      #expect(["COMPLIANT", "NON_COMPLIANT"].contains(result))
      let target = try #require(configuration["targetResourceId"]?.stringValue)
      let type = try #require(configuration["targetResourceType"]?.stringValue)
      #expect(resourceIds.contains(target), "\(target) has no items")
      #expect(data["resourceId"]?.stringValue == "\(type)/\(target)")
      guard case .array(let rules)? = configuration["configRuleList"], let rule = rules.first else {
        Issue.record("no configRuleList in \(item.compactText())")
        continue
      }
      #expect(rule["complianceType"]?.stringValue == result)
      #expect(rule["configRuleArn"]?.stringValue?.hasPrefix("arn:aws:config:") == true)
      // The first result of a resource is its discovery; later ones flip.
      let status = data["configurationItemStatus"]?.stringValue
      #expect(status == (seen.insert(target).inserted ? "ResourceDiscovered" : "OK"), "\(target)")
      // Evidence with the same result follows within 5 minutes.
      let time = try #require(item["eventTime"]?.stringValue.flatMap(ISO8601Time.parse))
      let reported = Self.evidence.contains { evidence in
        guard evidence["eventData"]?["attributes"]?["resourceId"]?.stringValue == target,
          evidence["eventData"]?["complianceCheck"]?.stringValue == result,
          let at = evidence["eventTime"]?.stringValue.flatMap(ISO8601Time.parse)
        else { return false }
        return at > time && at - time <= 300
      }
      #expect(reported, "no evidence after \(item.compactText())")
    }
    #expect(
      compliance.contains {
        $0["eventData"]?["configuration"]?["complianceType"]?.stringValue == "NON_COMPLIANT"
      })
  }

  // MARK: Evidence

  @Test func evidenceHasEverySchemaFieldInOrder() throws {
    #expect(Self.evidence.count > 50)
    for record in Self.evidence {
      guard case .object(let top) = record, case .object(let data)? = record["eventData"] else {
        Issue.record("not an object")
        return
      }
      #expect(
        top.map(\.key) == [
          "eventVersion", "eventCategory", "eventType", "eventID", "eventTime", "awsRegion",
          "recipientAccountId",
          "eventData",
        ])
      #expect(record["eventType"]?.stringValue == "AwsAuditManagerEvidence")
      #expect(data.map(\.key) == EvidenceRecord.eventDataFields)
      let nullable: Set<String> = ["iamId", "manualEvidenceS3ResourcePath"]
      for (key, value) in data where key != "attributes" {
        if nullable.contains(key) {
          #expect(value == .null)
        } else {
          #expect(value.stringValue?.isEmpty == false, "\(key) in \(record.compactText())")
        }
      }
      guard case .object(let attributes)? = data.first(where: { $0.key == "attributes" })?.value else {
        Issue.record("attributes is not a map")
        continue
      }
      #expect(attributes.allSatisfy { $0.value.stringValue != nil })
      #expect(
        ["COMPLIANT", "NON_COMPLIANT"].contains(record["eventData"]?["complianceCheck"]?.stringValue ?? ""))
      #expect(record["eventData"]?["complianceCheck"] == record["eventData"]?["resourceComplianceCheck"])
      #expect(record["eventData"]?["evidenceByType"]?.stringValue == "Compliance check")
      #expect(record["eventData"]?["dataSource"]?.stringValue == "AWS Config")
      #expect(record["eventData"]?["time"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds) != nil)
      #expect(record["recipientAccountId"]?.stringValue == Self.simulator.accountIds[0])
      let decoded = try #require(EvidenceRecord(record: record))
      #expect(decoded.record == record)
    }
  }

  @Test func evidenceFollowsTheLastRecordedConfiguration() throws {
    // Per resource ARN, its items in capture order.
    var items: [String: [(ms: Int64, data: JSONValue)]] = [:]
    for item in Self.items {
      let data = try #require(item["eventData"])
      let ms = try #require(
        data["configurationItemCaptureTime"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds))
      items[data["arn"]?.stringValue ?? "", default: []].append((ms, data))
    }
    var compliant = 0
    var failing = 0
    for record in Self.evidence {
      let data = try #require(record["eventData"])
      let time = try #require(data["time"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds))
      let arn = try #require(data["resourceArn"]?.stringValue)
      let last = try #require(
        items[arn]?.filter { $0.ms <= time }.max { $0.ms < $1.ms }?.data, "no item before evidence")
      let expected: Bool
      switch data["resourceType"]?.stringValue {
      case "AWS::S3::Bucket":
        expected =
          last["supplementaryConfiguration"]?["BucketVersioningConfiguration"]?["status"]?.stringValue
          == "Enabled"
      case "AWS::KMS::Key":
        expected = last["configuration"]?["keyRotationEnabled"] == .bool(true)
      default:
        guard case .array(let rules)? = last["configuration"]?["ipPermissions"] else {
          Issue.record("no ipPermissions")
          continue
        }
        expected = !rules.contains {
          $0["fromPort"] == .integer(22) && $0["ipRanges"] == .array([.string("0.0.0.0/0")])
        }
      }
      #expect(
        data["complianceCheck"]?.stringValue == (expected ? "COMPLIANT" : "NON_COMPLIANT"),
        "\(record.compactText())")
      if expected { compliant += 1 } else { failing += 1 }
    }
    #expect(compliant > 0 && failing > 0)
  }

  // MARK: Live

  @Test func liveModeContinuesTheChangesAndSlicesAgree() throws {
    let sim = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 11, days: 1, accounts: 1, regions: 1, end: Self.end, eventsPerAccountDay: 100))
    let start = Self.end
    let middle = start.addingTimeInterval(86_400 + 1234)
    let stop = start.addingTimeInterval(2 * 86_400)
    let whole = sim.liveRecords(from: start, to: stop, rate: 0.001)
    let halves =
      sim.liveRecords(from: start, to: middle, rate: 0.001)
      + sim.liveRecords(from: middle, to: stop, rate: 0.001)
    #expect(whole == halves)
    let categories = whole.compactMap { try? JSONValue(parsing: $0.json)["eventCategory"]?.stringValue }
    #expect(categories.contains("ConfigurationItem"))
    #expect(categories.contains("Evidence"))
  }

  // MARK: The demo's stores

  @Test func theDemoStoresHoldTheItemsAndTheEvidence() throws {
    let store = try TestStore()
    let sim = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 11, days: 2, accounts: 2, regions: 1, end: Self.end, eventsPerAccountDay: 200))
    // A management-events store of the main account, there before the seed, gets none of them.
    let loader = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(Self.end))
    _ = try CreateEventDataStore.perform(
      CreateEventDataStoreRequest(name: "management-events"),
      with: StoreServices(
        StoreContext(databasePath: store.dbPath, clock: FixedClock(Self.end), account: sim.accountIds[0])))
    _ = try loader.seed(sim)
    let connection = try EventStore.openReader(path: store.dbPath)
    let statement = try connection.prepare(
      """
      SELECT s.name, e.category, COUNT(*) FROM event_data_store_events m
        JOIN event_data_stores s ON s.id = m.store JOIN events e ON e.id = m.event
        GROUP BY s.name, e.category ORDER BY s.name, e.category
      """)
    var rows: [String] = []
    while try statement.step() {
      rows.append("\(statement.text(0) ?? "") \(statement.int64(1)) \(statement.int64(2))")
    }
    let records = sim.records(in: sim.configuration.span).compactMap { try? JSONValue(parsing: $0.json) }
    let items = records.filter { $0["eventCategory"]?.stringValue == "ConfigurationItem" }.count
    let evidence = records.filter { $0["eventCategory"]?.stringValue == "Evidence" }.count
    #expect(
      rows.filter { !$0.hasPrefix("management-events") } == [
        "demo-audit-evidence \(EventCategory.evidence.rawValue) \(evidence)",
        "demo-config-items \(EventCategory.configurationItem.rawValue) \(items)",
      ])
    #expect(rows.filter { $0.hasPrefix("management-events") }.map { $0.split(separator: " ")[1] } == ["0"])
    // A second seed finds its stores there and adds none.
    _ = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(Self.end)).seed(sim)
    let count = try connection.prepare("SELECT COUNT(*) FROM event_data_stores")
    _ = try count.step()
    #expect(count.int64(0) == 3)
  }
}
