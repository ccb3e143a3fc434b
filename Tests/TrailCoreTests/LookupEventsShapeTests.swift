import Foundation
import Testing

@testable import TrailCore

@Suite("LookupEvents shapes")
struct LookupEventsShapeTests {
  static func summary(
    _ id: String, name: String, readOnly: Bool?, accessKey: String?, user: String?, resources: [EventResource]
  ) -> EventSummary {
    EventSummary(
      rowID: 1, eventId: id, eventName: name, eventSource: "iam.amazonaws.com",
      eventTime: Date(timeIntervalSince1970: 1_709_294_400), readOnly: readOnly, username: user,
      accessKeyId: accessKey, resources: resources, errorCode: nil, awsRegion: "us-east-1",
      sourceIPAddress: nil, recipientAccountId: nil, eventType: "AwsApiCall", eventCategory: "Management")
  }

  static let page = LookupPage(
    events: [
      LookedUpEvent(
        summary: summary(
          "e1", name: "CreateUser", readOnly: false, accessKey: "AKIAEXAMPLE", user: "Zoë",
          resources: [
            EventResource(type: "AWS::IAM::User", name: "bob"), EventResource(type: nil, name: "arn:aws:x/y"),
          ]),
        cloudTrailEvent: #"{"eventName":"CreateUser","note":"say \"hi\" – 日本\n"}"#),
      LookedUpEvent(
        summary: summary("e2", name: "ConsoleLogin", readOnly: nil, accessKey: nil, user: nil, resources: []),
        cloudTrailEvent: "{}"),
    ], nextToken: "tok/en==")

  /// The response builds its own tree (`DirectShapeEncodable`); it must be the tree the shapes'
  /// `encode(to:)` write, in both timestamp styles, with members present and absent.
  @Test(arguments: [ShapeEncoder.TimestampStyle.awsCLI, .epochSeconds])
  func directTreeIsTheEncodersTree(style: ShapeEncoder.TimestampStyle) throws {
    var generic = ShapeEncoder(style)
    generic.usesDirectShapes = false
    var fractional = LookupEventsResponse(Self.page)
    fractional.events?[1].eventTime = Date(timeIntervalSince1970: 1_709_294_400.25)
    fractional.events?.append(TrailEvent())
    let responses = [
      LookupEventsResponse(Self.page), fractional, LookupEventsResponse(),
      LookupEventsResponse(events: [], nextToken: nil),
    ]
    for response in responses {
      let direct = try ShapeEncoder(style).encode(response)
      #expect(direct == (try generic.encode(response)))
      #expect(direct.compactText() == (try generic.encode(response)).compactText())
    }
  }

  @Test func responsePrintsExactlyAsTheCLIDoesToday() throws {
    let text = try ShapeEncoder(.awsCLI).encode(LookupEventsResponse(Self.page)).awsCLIText()
    let expected = #"""
      {
          "Events": [
              {
                  "EventId": "e1",
                  "EventName": "CreateUser",
                  "ReadOnly": "false",
                  "AccessKeyId": "AKIAEXAMPLE",
                  "EventTime": "2024-03-01T12:00:00+00:00",
                  "EventSource": "iam.amazonaws.com",
                  "Username": "Zoë",
                  "Resources": [
                      {
                          "ResourceType": "AWS::IAM::User",
                          "ResourceName": "bob"
                      },
                      {
                          "ResourceName": "arn:aws:x/y"
                      }
                  ],
                  "CloudTrailEvent": "{\"eventName\":\"CreateUser\",\"note\":\"say \\\"hi\\\" – 日本\\n\"}"
              },
              {
                  "EventId": "e2",
                  "EventName": "ConsoleLogin",
                  "EventTime": "2024-03-01T12:00:00+00:00",
                  "EventSource": "iam.amazonaws.com",
                  "Resources": [],
                  "CloudTrailEvent": "{}"
              }
          ],
          "NextToken": "tok/en=="
      }

      """#
    #expect(text == expected)
  }

  @Test func emptyPageWithoutToken() throws {
    let empty = LookupPage(events: [], nextToken: nil)
    let text = try ShapeEncoder(.awsCLI).encode(LookupEventsResponse(empty)).awsCLIText()
    #expect(text == "{\n    \"Events\": []\n}\n")
  }

  @Test func requestReadsTheWireForm() throws {
    let body = #"""
      {"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"root"}],"StartTime":1709294400,
       "EndTime":"2024-03-02T00:00:00Z","EventCategory":"insight","MaxResults":5,"NextToken":"t"}
      """#
    let request = try ShapeDecoder().decode(LookupEventsRequest.self, from: Data(body.utf8))
    #expect(
      request
        == LookupEventsRequest(
          lookupAttributes: [LookupAttribute(.username, "root")],
          startTime: Date(timeIntervalSince1970: 1_709_294_400),
          endTime: Date(timeIntervalSince1970: 1_709_337_600), eventCategory: "insight", maxResults: 5,
          nextToken: "t"))
    #expect(
      try ShapeEncoder(.epochSeconds).encode(request).compactText()
        == #"{"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"root"}],"StartTime":1709294400,"#
        + #""EndTime":1709337600,"EventCategory":"insight","MaxResults":5,"NextToken":"t"}"#)
    #expect(
      try ShapeDecoder().decode(LookupEventsRequest.self, from: Data("{}".utf8)) == LookupEventsRequest())
  }

  @Test func unknownAttributeKeyThrowsNamingTheKey() {
    let body = #"{"LookupAttributes":[{"AttributeKey":"Colour","AttributeValue":"red"}]}"#
    do {
      _ = try ShapeDecoder().decode(LookupEventsRequest.self, from: Data(body.utf8))
      Issue.record("decoding an unknown AttributeKey succeeded")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(context.debugDescription.contains("'Colour'"))
      #expect(
        context.underlyingError as? UnknownLookupAttributeKey == UnknownLookupAttributeKey(key: "Colour"))
      #expect(context.codingPath.map(\.stringValue) == ["LookupAttributes", "Index 0", "AttributeKey"])
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }
}
