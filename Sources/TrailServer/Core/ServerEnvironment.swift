import Foundation
import TrailCore

/// What every protocol handler shares: the store, the buckets folder, the clock, the default account,
/// the pool for blocking work and the recorder of API calls.
public struct ServerEnvironment: Sendable {
  /// The SQLite store (created at start when missing).
  public var databasePath: String
  /// S3 buckets are folders: bucket NAME is `bucketsDirectory/NAME/`. Buckets belong to the store,
  /// not to a region.
  public var bucketsDirectory: String
  /// "Now" for every request.
  public var clock: any Clock
  /// The caller's account when the credentials file does not name one: the store's management
  /// account, else `123456789012`.
  public var defaultAccount: String
  /// Where SQLite and file work runs.
  public var work: BlockingWork
  /// Records calls made to the server as CloudTrail events.
  public var recorder: CallRecorder
  /// CloudTrail's request quotas (`serve --throttle`); nil serves every request.
  public var throttle: RequestThrottle?
  /// Stores PutAuditEvents' events, committing concurrent calls together.
  public let auditEvents: AuditEventWriter

  public init(
    databasePath: String, bucketsDirectory: String, clock: any Clock, defaultAccount: String,
    work: BlockingWork, recorder: CallRecorder, throttle: RequestThrottle? = nil
  ) {
    self.throttle = throttle
    self.databasePath = databasePath
    self.bucketsDirectory = bucketsDirectory
    self.clock = clock
    self.defaultAccount = defaultAccount
    self.work = work
    self.recorder = recorder
    auditEvents = AuditEventWriter(databasePath: databasePath, clock: clock)
  }

  /// The operations' context for `caller`: its account and region over this store and buckets.
  public func context(for caller: Caller) -> StoreContext {
    StoreContext(
      databasePath: databasePath, clock: clock, bucketsDirectory: bucketsDirectory, account: caller.account,
      region: caller.region)
  }
}
