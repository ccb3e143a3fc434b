import Foundation

/// Nanoseconds spent per phase of writing, summed over a run.
public struct WriterTimings: Sendable {
  public var total: UInt64 = 0
  /// Journal rows, interning each file's values, ordering the batch.
  public var prepare: UInt64 = 0
  public var events: UInt64 = 0
  public var eventIDs: UInt64 = 0
  public var rollups: UInt64 = 0
  public var postings: UInt64 = 0
  public var commit: UInt64 = 0
  /// Filing events into event data stores (`EventDataStoreCollector`).
  public var eventDataStores: UInt64 = 0

  mutating func measure(_ phase: WritableKeyPath<WriterTimings, UInt64>, _ body: () throws -> Void) rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    defer { self[keyPath: phase] += DispatchTime.now().uptimeNanoseconds - start }
    try body()
  }
}
