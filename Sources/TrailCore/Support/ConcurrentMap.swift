import Dispatch

extension Array where Element: Sendable {
  /// `map` with the elements spread over the machine's cores (for CPU-bound work on independent
  /// elements, like compressing one delivery's files); results come back in the elements' order.
  func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
    guard count > 1 else { return map(transform) }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    // Each iteration writes only its own slot, so the buffer needs no lock.
    nonisolated(unsafe) let slots = results
    let elements = self
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots[index] = transform(elements[index])
    }
    return results.map { $0! }
  }
}
