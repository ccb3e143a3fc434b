import Foundation
import Synchronization
import Testing
import TrailCore

@testable import TrailServer

/// `serve --throttle`: CloudTrail's quotas per account and region, on real elapsed time.
@Suite struct RequestThrottleTests {
  /// A monotonic clock the test moves by hand.
  final class ManualSeconds: Sendable {
    let value = Mutex(100.0)
    func advance(_ seconds: Double) { value.withLock { $0 += seconds } }
    var read: @Sendable () -> Double { { [self] in value.withLock { $0 } } }
  }

  @Test func quotasAreTheUserGuides() {
    #expect(RequestThrottle.rate(of: "LookupEvents") == 2)
    #expect(RequestThrottle.rate(of: "DescribeTrails") == 10)
    #expect(RequestThrottle.rate(of: "GetTrailStatus") == 10)
    #expect(RequestThrottle.rate(of: "ListTrails") == 10)
    #expect(RequestThrottle.rate(of: "CreateTrail") == 1)
  }

  @Test func lookupEventsIsTwoASecondPerAccountAndRegion() async throws {
    let fixture = try ServerFixture()
    let seconds = ManualSeconds()
    var environment = fixture.environment
    environment.throttle = RequestThrottle(seconds: seconds.read)
    let handler = CloudTrailHandler(environment: environment)
    func lookup(region: String = "us-east-1") async -> ServerResponse {
      await handler.handle(ServerFixture.cloudTrail("LookupEvents"), caller: fixture.caller(region: region))
    }
    #expect(await lookup().status == 200)
    #expect(await lookup().status == 200)
    let throttled = await lookup()
    #expect(throttled.status == 400)
    #expect(throttled.errorType == "ThrottlingException")
    #expect(throttled.json?["message"] == .string("Rate exceeded"))
    // Another region has its own bucket, and so has another quota.
    #expect(await lookup(region: "eu-west-1").status == 200)
    let described = await handler.handle(
      ServerFixture.cloudTrail("DescribeTrails"), caller: fixture.caller())
    #expect(described.status == 200)
    // Half a second refills one request, whatever the store's (fixed) clock says.
    seconds.advance(0.5)
    #expect(await lookup().status == 200)
    #expect(await lookup().errorType == "ThrottlingException")
  }

  @Test func withoutThrottleNothingIsRefused() async throws {
    let fixture = try ServerFixture()
    let handler = CloudTrailHandler(environment: fixture.environment)
    for _ in 0..<5 {
      #expect(
        await handler.handle(ServerFixture.cloudTrail("LookupEvents"), caller: fixture.caller()).status == 200
      )
    }
  }
}
