import Foundation
import Synchronization
import TrailCore

/// CloudTrail's request quotas (user guide "Quotas in AWS CloudTrail", per account and region): the
/// Get, Describe and List operations 10 requests a second, LookupEvents 2 (spec §2), every other
/// operation 1. A call over its quota is `ThrottlingException` "Rate exceeded".
///
/// Each account, region and quota has a token bucket holding at most one second's worth of requests,
/// refilled continuously. The buckets run on real elapsed time (a monotonic clock), never on the
/// store's clock: a server with a fixed `--now` must still throttle, and an accelerated clock must not
/// multiply the quota. `traildeck serve --throttle` turns it on; it is off by default because
/// benchmarks and local scripts drive the server far harder than CloudTrail allows.
public final class RequestThrottle: Sendable {
  /// Requests a second `operation` may make, per account and region.
  public static func rate(of operation: String) -> Double {
    if operation == "LookupEvents" { return 2 }
    if ["Get", "Describe", "List"].contains(where: operation.hasPrefix) { return 10 }
    return 1
  }

  private struct Bucket {
    var tokens: Double
    var updated: Double
  }

  private let buckets = Mutex<[String: Bucket]>([:])
  /// Seconds on a monotonic clock; tests pass their own.
  private let seconds: @Sendable () -> Double

  /// A throttle on the system's monotonic clock, or on `seconds`.
  public init(
    seconds: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
  ) {
    self.seconds = seconds
  }

  /// Takes one request of `operation` by `account` in `region` from its bucket.
  ///
  /// - Throws: `ThrottlingException` when the bucket is empty (the request is not counted).
  public func admit(_ operation: String, account: String, region: String) throws(ServiceError) {
    let rate = Self.rate(of: operation)
    let key = "\(account)/\(region)/\(rate)"
    let now = seconds()
    let admitted = buckets.withLock { buckets in
      var bucket = buckets[key] ?? Bucket(tokens: rate, updated: now)
      bucket.tokens = min(rate, bucket.tokens + (now - bucket.updated) * rate)
      bucket.updated = now
      let admitted = bucket.tokens >= 1
      if admitted { bucket.tokens -= 1 }
      buckets[key] = bucket
      return admitted
    }
    guard admitted else { throw ServiceError("ThrottlingException", "Rate exceeded") }
  }
}
