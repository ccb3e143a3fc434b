import Foundation
import NIOConcurrencyHelpers
import TrailCore

/// Keeps the `StoreServices` (a SQLite reader and, once a trail operation ran, a writer) of finished
/// requests for the next ones with the same account and region, so a request does not open the store.
///
/// A `StoreServices` is used by one thread at a time: `withServices` takes one out of the pool (or
/// opens one), runs the body on the calling thread, and puts it back.
final class ServicesPool: Sendable {
  /// One pooled `StoreServices`. Unchecked: it is only ever touched by the thread that took it out
  /// of the pool, and the pool's lock orders the hand-over between threads.
  private final class Pooled: @unchecked Sendable {
    let services: StoreServices
    init(_ services: StoreServices) { self.services = services }
  }

  private let idle = NIOLockedValueBox([String: [Pooled]]())
  /// Idle services kept per account and region; more are closed when returned.
  private let keepPerKey: Int

  init(keepPerKey: Int = 16) { self.keepPerKey = keepPerKey }

  /// Runs `body` with services for `context` (its account and region).
  func withServices<T>(_ context: StoreContext, _ body: (StoreServices) throws -> T) throws -> T {
    let key = context.account + "/" + (context.region ?? "")
    let pooled = try idle.withLockedValue { $0[key]?.popLast() } ?? Pooled(StoreServices(context))
    defer {
      idle.withLockedValue { idle in
        if idle[key, default: []].count < keepPerKey { idle[key, default: []].append(pooled) }
      }
    }
    return try body(pooled.services)
  }
}
