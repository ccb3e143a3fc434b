import Foundation
import Testing

@testable import TrailCore

private typealias F = SimulatorFixture

/// Data events, network activity events and service events next to the management traffic.
@Suite("DemoSimulator data, network and service events")
struct SimulatorPlaneTests {
  private static var data: [ParsedRecord] { F.valid.filter { $0.eventCategory == "Data" } }
  private static var network: [ParsedRecord] { F.valid.filter { $0.eventCategory == "NetworkActivity" } }

  @Test func managementTrafficIsTheSameWithOrWithoutTheOtherCategories() {
    var quiet = F.configuration()
    quiet.dataEventsPerAccountDay = 0
    quiet.networkEventsPerAccountDay = 0
    let window = DateInterval(start: F.end.addingTimeInterval(-30_000), duration: 4 * 3600)
    // Configuration items and evidence stay on in both: they follow the resource changes, which are
    // management calls.
    let isManagement = { (record: DemoRecord) in
      String(decoding: record.json, as: UTF8.self).contains(#""eventCategory":"Management""#)
    }
    let alone = DemoSimulator(configuration: quiet).records(in: window).filter(isManagement)
    let mixed = F.simulator.records(in: window)
    let management = mixed.filter(isManagement)
    #expect(!alone.isEmpty && mixed.count > alone.count)
    #expect(management == alone)
  }

  @Test func categoriesHaveRealisticShares() {
    let management = Double(F.management.count)
    let data = Double(Self.data.count) / management
    let network = Double(Self.network.count) / management
    #expect(data > 0.2 && data < 0.4, "data events per management event: \(data)")
    #expect(network > 0.01 && network < 0.06, "network events per management event: \(network)")
  }

  @Test func s3ObjectEventsListTheObjectAndTheBucket() {
    let s3 = Self.data.filter { $0.eventSource == "s3.amazonaws.com" }
    #expect(Set(s3.map(\.eventName)) == ["GetObject", "PutObject", "HeadObject", "DeleteObject"])
    for event in s3 {
      let bucket = event.requestParameters["bucketName"] ?? ""
      let key = event.requestParameters["key"] ?? ""
      #expect(!bucket.isEmpty && !key.isEmpty)
      #expect(event.resourceTypes == ["AWS::S3::Object", "AWS::S3::Bucket"])
      #expect(event.resourceARNs == ["arn:aws:s3:::\(bucket)/\(key)", "arn:aws:s3:::\(bucket)"])
      #expect(event.readOnly == (event.eventName == "GetObject" || event.eventName == "HeadObject"))
      for field in [
        "bytesTransferredIn", "bytesTransferredOut", "SignatureVersion", "CipherSuite", "x-amz-id-2",
      ] {
        #expect(event.additionalEventData[field] != nil, "\(event.eventName) lacks \(field)")
      }
    }
    let downloads = s3.filter { $0.eventName == "GetObject" && $0.errorCode == nil }
    #expect(downloads.allSatisfy { Int($0.additionalEventData["bytesTransferredOut"] ?? "") ?? 0 > 0 })
  }

  @Test func lambdaAndDynamoDBEventsNameTheirResource() {
    let invokes = Self.data.filter { $0.eventSource == "lambda.amazonaws.com" }
    #expect(!invokes.isEmpty && invokes.allSatisfy { $0.eventName == "Invoke" && $0.readOnly == false })
    for event in invokes {
      #expect(event.resourceTypes == ["AWS::Lambda::Function"])
      #expect(event.resourceARNs.first == event.requestParameters["functionName"])
    }
    #expect(invokes.contains { $0.identityType == "AWSService" && $0.sourceIP == $0.invokedBy })
    let items = Self.data.filter { $0.eventSource == "dynamodb.amazonaws.com" }
    #expect(Set(items.map(\.eventName)) == ["GetItem", "PutItem", "Query", "UpdateItem"])
    for event in items {
      #expect(event.resourceTypes == ["AWS::DynamoDB::Table"])
      #expect(
        event.resourceARNs.first?.hasSuffix(":table/\(event.requestParameters["tableName"] ?? "?")") == true)
      #expect(event.readOnly == (event.eventName == "GetItem" || event.eventName == "Query"))
    }
  }

  @Test func networkActivityEventsComeFromPrivateAddressesThroughEndpoints() {
    let events = Self.network
    #expect(!events.isEmpty)
    for event in events {
      #expect(event.sourceIP.hasPrefix("10."), "\(event.sourceIP)")
      #expect(event.vpcEndpointId?.hasPrefix("vpce-0") == true && event.vpcEndpointId?.count == 22)
      #expect(event.readOnly == nil && event.managementEvent == nil)
      if let code = event.errorCode {
        #expect(code == "VpceAccessDenied")
        #expect(event.errorMessage == "The request was denied due to a VPC endpoint policy")
      }
    }
    let denied = events.filter { $0.errorCode != nil }
    #expect(!denied.isEmpty && denied.count < events.count / 4)
    // Some refusals are principals from outside the organization.
    let outsiders = denied.filter { $0.identityAccountId != $0.recipientAccountId }
    #expect(!outsiders.isEmpty)
    #expect(
      events.filter { $0.errorCode == nil }.allSatisfy { $0.identityAccountId == $0.recipientAccountId })
    #expect(Set(events.map(\.eventSource)).isSuperset(of: ["s3.amazonaws.com", "kms.amazonaws.com"]))
  }

  @Test func serviceEventsFollowTheirSchedules() {
    // A quiet year: only the incidents and the scheduled service events remain.
    let year = DemoConfiguration(
      seed: 42, days: 365, accounts: 2, regions: 3, end: F.end, eventsPerAccountDay: 0)
    let simulator = DemoSimulator(configuration: year)
    let records = simulator.batches(of: 30 * 86_400).flatMap { $0 }.compactMap(ParsedRecord.init)
      .filter { $0.eventType == "AwsServiceEvent" }
    #expect(records.allSatisfy { $0.eventCategory == "Management" && $0.managementEvent == true })
    let rotations = records.filter { $0.eventName == "RotateKey" }
    // Each of the 2 × 3 × 5 keys rotates once a year.
    #expect(rotations.count == 30)
    for event in rotations {
      #expect(event.invokedBy == "AWS Internal" && event.identityType.isEmpty)
      #expect(event.sourceIP == "AWS Internal" && event.readOnly == false && event.managementEvent == true)
      #expect(event.resourceTypes == ["AWS::KMS::Key"])
    }
    let secrets = records.filter { $0.eventSource == "secretsmanager.amazonaws.com" }
    #expect(Set(secrets.map(\.eventName)) == ["RotationStarted", "RotationSucceeded"])
    #expect(secrets.allSatisfy { $0.additionalEventData["SecretId"]?.contains(":secret:") == true })
    // Two database secrets in each of 2 accounts, 12 or 13 rotations a year, 2 events each.
    let expected = 96...104
    #expect(expected.contains(secrets.count), "\(secrets.count)")
  }

  @Test func everyCategoryPassesIngestValidation() throws {
    let store = try TestStore()
    let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(F.end))
    let sample = F.records.prefix(6000)
    var problems: [Diagnostic] = []
    let summary = try intake.append(
      [RecordIntake.Batch(source: "test", records: sample.map(\.json))], report: { problems.append($0) })
    #expect(summary.rejected == 0, "\(problems.prefix(3))")
    #expect(summary.eventsLoaded == sample.count)
    let categories = Set(try store.statistics().eventsByCategory.map(\.value))
    // The span's first hours may hold configuration items and evidence too (ConfigActivityTests).
    #expect(
      categories.subtracting(["ConfigurationItem", "Evidence"]) == ["Management", "Data", "NetworkActivity"])
  }
}
