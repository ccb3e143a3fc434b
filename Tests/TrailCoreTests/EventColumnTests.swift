import Foundation
import Testing

@testable import TrailCore

/// One catalogue of columns: the CSV, the CLI table and the pane read every value from it.
@Suite("Event columns")
struct EventColumnTests {
  static let event = EventSummary(
    rowID: 1, eventId: "id-1", eventName: "AttachRolePolicy", eventSource: "iam.amazonaws.com",
    eventTime: Date(timeIntervalSince1970: 1_709_294_400), readOnly: false, username: "alice",
    accessKeyId: nil,
    resources: [
      EventResource(type: "AWS::IAM::Role", name: "Admin"),
      EventResource(type: "AWS::IAM::Policy", name: "AdministratorAccess"),
      EventResource(type: "AWS::IAM::Role", name: "Other"),
    ], errorCode: nil, awsRegion: "us-east-1", sourceIPAddress: "203.0.113.9",
    recipientAccountId: "111122223333", eventType: "AwsApiCall", eventCategory: "Management")

  @Test func resourceTypesAreListedOnceAndNamesAll() {
    #expect(EventColumn.resourceType.value(of: Self.event) == "AWS::IAM::Role, AWS::IAM::Policy")
    #expect(EventColumn.resourceName.value(of: Self.event) == "Admin, AdministratorAccess, Other")
  }

  @Test func absentValuesAreNilAndTablesSayHowToShowThem() {
    #expect(EventColumn.accessKeyId.value(of: Self.event) == nil)
    #expect(EventColumn.accessKeyId.placeholder == "-")
    #expect(EventColumn.errorCode.placeholder == "")
  }

  @Test func theCSVLineIsTheCatalogueInCSVOrder() {
    #expect(
      HistoryExport.csvLine(Self.event)
        == #"id-1,2024-03-01T12:00:00Z,alice,AttachRolePolicy,iam.amazonaws.com,"AWS::IAM::Role, AWS::IAM::Policy","Admin, AdministratorAccess, Other",,false,,203.0.113.9,us-east-1,111122223333"#
    )
    #expect(HistoryExport.csvColumns == EventColumn.csv.map(\.title))
  }
}
