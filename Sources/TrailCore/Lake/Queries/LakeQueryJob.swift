import Foundation
import Synchronization

/// One started query inside the process that runs it: what to run, and how it is being stopped.
final class LakeQueryJob: Sendable {
  /// Why a running query's cancellation was set.
  enum StopReason: Sendable { case cancelled, timedOut }

  let id: String
  let prepared: any PreparedLakeQuery
  let context: StoreContext
  /// StartQuery's `DeliveryS3Uri`: where the results go once the query has finished.
  let deliveryS3Uri: String?
  let cancellation = LakeCancellation()
  private let state = Mutex<(startedAt: Date?, reason: StopReason?)>((nil, nil))

  init(id: String, prepared: any PreparedLakeQuery, context: StoreContext, deliveryS3Uri: String? = nil) {
    self.id = id
    self.prepared = prepared
    self.context = context
    self.deliveryS3Uri = deliveryS3Uri
  }

  /// The clock time the query started running (nil while QUEUED).
  var startedAt: Date? {
    get { state.withLock { $0.startedAt } }
    set { state.withLock { $0.startedAt = newValue } }
  }

  var stopReason: StopReason? { state.withLock { $0.reason } }

  /// Sets the engine's cancellation; the first reason given is the one recorded.
  func stop(_ reason: StopReason) {
    state.withLock { if $0.reason == nil { $0.reason = reason } }
    cancellation.cancel()
  }
}
