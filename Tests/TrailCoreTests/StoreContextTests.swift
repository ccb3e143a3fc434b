import Foundation
import Testing

@testable import TrailCore

@Suite("Store context")
struct StoreContextTests {
  @Test func bucketsLiveBesideTheStore() {
    let environment = ["XDG_DATA_HOME": "/x/data", "HOME": "/home/u"]
    #expect(StoreContext.defaultBucketsDirectory(environment: environment) == "/x/data/traildeck/buckets")
    #expect(EventStore.defaultPath(environment: environment) == "/x/data/traildeck/traildeck.db")
    #expect(
      StoreContext.defaultBucketsDirectory(environment: ["HOME": "/home/u"])
        == "/home/u/.local/share/traildeck/buckets")
  }

  @Test func defaultsAreTheAwsCLIs() {
    let context = StoreContext(databasePath: "/tmp/x.db", clock: FixedClock(Date(timeIntervalSince1970: 0)))
    #expect(context.account == "123456789012")
    #expect(context.region == nil)
    #expect(context.callerRegion == "us-east-1")
    let named = StoreContext(
      databasePath: "/tmp/x.db", clock: SystemClock(), bucketsDirectory: "/b", account: "111122223333",
      region: "eu-west-1")
    #expect(named.callerRegion == "eu-west-1")
    #expect(named.bucketPath("logs") == "/b/logs")
  }
}
