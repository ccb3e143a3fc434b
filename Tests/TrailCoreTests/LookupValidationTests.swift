import Foundation
import Testing

@testable import TrailCore

/// LookupEvents' request rules: each exception name and its full message, pinned once.
@Suite("LookupEvents validation")
struct LookupValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var request: LookupRequest
    var error: ServiceError
    var testDescription: String { name }
  }

  static func attribute(_ key: LookupAttributeKey, _ value: String) -> [LookupAttribute] {
    [LookupAttribute(key, value)]
  }

  static let cases: [Case] = [
    Case(
      name: "two attributes",
      request: LookupRequest(lookupAttributes: [
        LookupAttribute(.eventName, "RunInstances"), LookupAttribute(.username, "alice"),
      ]),
      error: .invalidLookupAttributes("Only one lookup attribute is allowed per request; got 2.")),
    Case(
      name: "empty value", request: LookupRequest(lookupAttributes: attribute(.eventName, "")),
      error: .invalidLookupAttributes("AttributeValue for EventName must not be empty.")),
    Case(
      name: "value of 2001 characters",
      request: LookupRequest(lookupAttributes: attribute(.eventName, String(repeating: "a", count: 2001))),
      error: .invalidLookupAttributes("AttributeValue for EventName is longer than 2000 characters.")),
    Case(
      name: "underscores count twice toward 2000",
      request: LookupRequest(lookupAttributes: attribute(.username, String(repeating: "_", count: 1001))),
      error: .invalidLookupAttributes("AttributeValue for Username is longer than 2000 characters.")),
    Case(
      name: "ReadOnly neither true nor false",
      request: LookupRequest(lookupAttributes: attribute(.readOnly, "True")),
      error: .invalidLookupAttributes("AttributeValue for ReadOnly must be 'true' or 'false'; got 'True'.")),
    Case(
      name: "MaxResults 0", request: LookupRequest(maxResults: 0),
      error: .invalidMaxResults("MaxResults must be between 1 and 50; got 0.")),
    Case(
      name: "MaxResults 51", request: LookupRequest(maxResults: 51),
      error: .invalidMaxResults("MaxResults must be between 1 and 50; got 51.")),
    Case(
      name: "MaxResults negative", request: LookupRequest(maxResults: -1),
      error: .invalidMaxResults("MaxResults must be between 1 and 50; got -1.")),
    Case(
      name: "EventCategory other than insight", request: LookupRequest(eventCategory: "Insight"),
      error: .invalidEventCategory("Invalid EventCategory 'Insight'. The only valid value is 'insight'.")),
    Case(
      name: "EventCategory management", request: LookupRequest(eventCategory: "management"),
      error: .invalidEventCategory("Invalid EventCategory 'management'. The only valid value is 'insight'.")),
    Case(
      name: "Username with insight",
      request: LookupRequest(lookupAttributes: attribute(.username, "alice"), eventCategory: "insight"),
      error: .invalidLookupAttributes(
        "AttributeKey Username cannot be used with EventCategory 'insight'. Use EventId, EventName or EventSource."
      )
    ),
    Case(
      name: "ReadOnly with insight",
      request: LookupRequest(lookupAttributes: attribute(.readOnly, "true"), eventCategory: "insight"),
      error: .invalidLookupAttributes(
        "AttributeKey ReadOnly cannot be used with EventCategory 'insight'. Use EventId, EventName or EventSource."
      )
    ),
    Case(
      name: "garbage NextToken", request: LookupRequest(nextToken: "not-a-token"),
      error: .invalidNextToken("Invalid NextToken: it was not issued for these request parameters.")),
  ]

  @Test(arguments: cases)
  func refusedWithItsException(_ c: Case) throws {
    let store = try TestStore()
    try store.write("one.json", records: [TestRecord(TestRecord.id(1), at: TestTime.base)])
    _ = try store.ingest()
    #expect(try store.history().lookupError(c.request) == c.error)
  }

  @Test(arguments: [
    LookupRequest(maxResults: 1), LookupRequest(maxResults: 50),
    LookupRequest(lookupAttributes: attribute(.eventName, String(repeating: "a", count: 2000))),
    LookupRequest(lookupAttributes: attribute(.username, String(repeating: "_", count: 1000))),
    LookupRequest(lookupAttributes: attribute(.eventId, "x"), eventCategory: "insight"),
    LookupRequest(lookupAttributes: attribute(.eventName, "x"), eventCategory: "insight"),
    LookupRequest(lookupAttributes: attribute(.eventSource, "x"), eventCategory: "insight"),
    LookupRequest(lookupAttributes: attribute(.readOnly, "false")),
  ])
  func boundaryRequestsAreAccepted(_ request: LookupRequest) throws {
    #expect(throws: Never.self) { try LookupValidation.filter(for: request) }
  }

  @Test func exceptionNamesAndTheAwsCLILine() {
    let table: [(ServiceError, String)] = [
      (.invalidLookupAttributes("m"), "InvalidLookupAttributesException"),
      (.invalidTimeRange("m"), "InvalidTimeRangeException"),
      (.invalidMaxResults("m"), "InvalidMaxResultsException"),
      (.invalidNextToken("m"), "InvalidNextTokenException"),
      (.invalidEventCategory("m"), "InvalidEventCategoryException"),
    ]
    for (error, name) in table {
      #expect(error.exceptionName == name)
      #expect(
        error.awsCLIMessage(operation: "LookupEvents")
          == "An error occurred (\(name)) when calling the LookupEvents operation: m")
      #expect(error.diagnostic.code == name)
    }
  }

  // MARK: Parsing --lookup-attributes

  @Test(arguments: [
    ("AttributeKey=EventName,AttributeValue=ConsoleLogin", LookupAttribute(.eventName, "ConsoleLogin")),
    ("AttributeValue=ConsoleLogin,AttributeKey=EventName", LookupAttribute(.eventName, "ConsoleLogin")),
    ("AttributeKey=ResourceName,AttributeValue=a,b", LookupAttribute(.resourceName, "a,b")),
    (#"{"AttributeKey":"Username","AttributeValue":"root"}"#, LookupAttribute(.username, "root")),
    (#"[{"AttributeKey":"ReadOnly","AttributeValue":"false"}]"#, LookupAttribute(.readOnly, "false")),
  ])
  func parsesShorthandAndJSON(text: String, attribute: LookupAttribute) throws {
    #expect(try LookupValidation.parseAttribute(text) == attribute)
  }

  @Test(arguments: [
    (
      "AttributeKey=Usrname,AttributeValue=alice",
      "Unknown AttributeKey 'Usrname'. Did you mean 'Username'? Valid keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId."
    ),
    (
      "AttributeKey=eventname,AttributeValue=x",
      "Unknown AttributeKey 'eventname'. Did you mean 'EventName'? Valid keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId."
    ),
    (
      "AttributeKey=Colour,AttributeValue=x",
      "Unknown AttributeKey 'Colour'. Valid keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId."
    ),
    (
      "EventName=ConsoleLogin",
      "Could not read lookup attribute 'EventName=ConsoleLogin'. Write it as AttributeKey=EventName,AttributeValue=ConsoleLogin."
    ),
  ])
  func badAttributeTextIsInvalidLookupAttributes(text: String, message: String) {
    #expect(throws: ServiceError.invalidLookupAttributes(message)) {
      try LookupValidation.parseAttribute(text)
    }
  }
}
