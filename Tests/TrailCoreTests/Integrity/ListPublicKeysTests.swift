import Foundation
import Testing

@testable import TrailCore

@Suite("ListPublicKeys")
struct ListPublicKeysTests {
  /// A store with a us-east-1 key made at the origin and its successor 30 days later.
  static func services(_ scratch: IntegrityScratch, region: String? = "us-east-1") throws -> StoreServices {
    _ = try scratch.ring.currentKey(region: "us-east-1")
    scratch.clock.advance(by: 2_592_000)
    _ = try scratch.ring.currentKey(region: "us-east-1")
    return try StoreServices(
      StoreContext(databasePath: scratch.store.dbPath, clock: scratch.clock, region: region))
  }

  @Test func withoutTimesTheCurrentKeyIsReturned() throws {
    let scratch = try IntegrityScratch()
    let services = try Self.services(scratch)
    let response = try ListPublicKeys.perform(ListPublicKeysRequest(), with: services)
    let current = try scratch.ring.currentKey(region: "us-east-1").publicKey
    #expect(response == ListPublicKeysResponse(publicKeyList: [PublicKey(current)]))
    #expect(response.publicKeyList?.first?.value == Data(current.der))
  }

  @Test func aRangeReturnsEveryOverlappingKeyNewestFirst() throws {
    let scratch = try IntegrityScratch()
    let services = try Self.services(scratch)
    let response = try ListPublicKeys.perform(
      ListPublicKeysRequest(startTime: IntegrityScratch.origin, endTime: scratch.clock.now()), with: services)
    let starts = response.publicKeyList?.compactMap(\.validityStartTime)
    #expect(starts == [IntegrityScratch.origin.addingTimeInterval(2_592_000), IntegrityScratch.origin])
  }

  @Test func keysBelongToTheCallersRegion() throws {
    let scratch = try IntegrityScratch()
    let services = try Self.services(scratch, region: "eu-west-1")
    let response = try ListPublicKeys.perform(ListPublicKeysRequest(), with: services)
    #expect(response.publicKeyList == [])
  }

  @Test(arguments: [
    (
      ListPublicKeysRequest(
        startTime: Date(timeIntervalSince1970: 2), endTime: Date(timeIntervalSince1970: 1)),
      "InvalidTimeRangeException"
    ),
    (ListPublicKeysRequest(nextToken: "abc"), "InvalidTokenException"),
  ])
  func errors(_ request: ListPublicKeysRequest, _ exception: String) throws {
    let scratch = try IntegrityScratch()
    let services = try Self.services(scratch)
    let error = #expect(throws: ServiceError.self) { try ListPublicKeys.perform(request, with: services) }
    #expect(error?.exceptionName == exception)
  }

  @Test func theResponsePrintsAsTheAwsCLIPrintsIt() throws {
    let response = ListPublicKeysResponse(publicKeyList: [
      PublicKey(
        value: Data([1, 2, 3]), validityStartTime: Date(timeIntervalSince1970: 1_436_317_441),
        validityEndTime: Date(timeIntervalSince1970: 1_438_909_441),
        fingerprint: "8eba5db5bea9b640d1c96a77256fe7f2")
    ])
    #expect(
      try ShapeEncoder(.awsCLI).encode(response).awsCLIText() == """
        {
            "PublicKeyList": [
                {
                    "Value": "AQID",
                    "ValidityStartTime": "2015-07-08T01:04:01+00:00",
                    "ValidityEndTime": "2015-08-07T01:04:01+00:00",
                    "Fingerprint": "8eba5db5bea9b640d1c96a77256fe7f2"
                }
            ]
        }

        """)
  }
}
