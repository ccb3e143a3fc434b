import Foundation

/// A bounded queue from several producer threads to one consumer that hands items out in index order.
///
/// Ingest reads files on several threads, but the writer must see them in delivery order (the store is
/// clustered by time, and the outcome must not depend on thread timing). Producers `put` item `i` when
/// it is ready; `take` returns item `first`, `first + 1`, … as each becomes available.
final class OrderedQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var ready: [Int: Element] = [:]
  private var next: Int
  private let end: Int
  private let capacity: Int
  private var isClosed = false

  /// Items `first..<end` will be put; a producer waits while its index is `capacity` or more ahead of
  /// the consumer.
  init(first: Int, end: Int, capacity: Int) {
    next = first
    self.end = end
    self.capacity = capacity
  }

  /// Waits for room; returns false if the queue was closed.
  @discardableResult
  func put(_ index: Int, _ item: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while index >= next + capacity && !isClosed { condition.wait() }
    guard !isClosed else { return false }
    ready[index] = item
    condition.broadcast()
    return true
  }

  /// The next item in order; nil after the last one, or once closed.
  func take() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while next < end && ready[next] == nil && !isClosed { condition.wait() }
    guard next < end, !isClosed, let item = ready.removeValue(forKey: next) else { return nil }
    next += 1
    condition.broadcast()
    return item
  }

  /// Wakes everyone; producers stop, the consumer gets nil.
  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
  }
}

/// Hands out `0..<count` once each to whichever thread asks next.
final class WorkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var next: Int
  private let end: Int

  init(from start: Int, to end: Int) {
    next = start
    self.end = end
  }

  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < end else { return nil }
    next += 1
    return next - 1
  }
}
