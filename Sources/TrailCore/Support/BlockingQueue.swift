import Foundation

/// A bounded first-in-first-out queue between two threads (the ingest reader and the SQLite writer).
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var items: [Element] = []
  private var head = 0
  private var isClosed = false
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// Waits while full; returns false if the queue was closed.
  @discardableResult
  func put(_ item: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count - head >= capacity && !isClosed { condition.wait() }
    guard !isClosed else { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Waits for an item; nil once the queue is closed and drained.
  func take() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while head == items.count && !isClosed { condition.wait() }
    return popLocked()
  }

  private func popLocked() -> Element? {
    guard head < items.count else { return nil }
    let item = items[head]
    head += 1
    if head > 64 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    condition.broadcast()
    return item
  }

  func close() {
    condition.lock()
    isClosed = true
    condition.broadcast()
    condition.unlock()
  }
}
