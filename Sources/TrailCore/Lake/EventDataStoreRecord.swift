import Foundation
import LakeSQL

/// One event data store as `event_data_stores` holds it: what Lake's operations, its collection
/// during ingest and its SQL engine need to know.
public struct EventDataStoreRecord: Sendable, Equatable {
  /// `event_data_stores.id`, the `store` of `event_data_store_events`.
  public var rowID: Int64
  /// The store's ID: a lower-case UUID, the ARN's suffix.
  public var id: String
  /// `arn:aws:cloudtrail:<region>:<account>:eventdatastore/<uuid>`.
  public var arn: String
  public var name: String
  /// `EventDataStoreStatus`: `ENABLED`, `STOPPED_INGESTION` or `PENDING_DELETION` (TrailDeck never
  /// rests in the transient `CREATED`, `STARTING_INGESTION`, `STOPPING_INGESTION`).
  public var status: String
  /// Days; events older than this (by eventTime) are no longer the store's.
  public var retentionPeriod: Int
  public var multiRegionEnabled: Bool
  public var organizationEnabled: Bool
  public var createdTimestamp: Date
  /// The account that owns the store (an organization store's is the management account).
  public var account: String
  /// The store's home region: its ARN's, and the only region it collects when not multi-region.
  public var region: String
  public var advancedEventSelectors: [AdvancedEventSelector]
  /// `EXTENDABLE_RETENTION_PRICING` or `FIXED_RETENTION_PRICING`.
  public var billingMode: String
  public var terminationProtectionEnabled: Bool
  /// The KMS key's ARN, once set.
  public var kmsKeyId: String?
  public var updatedTimestamp: Date
  /// When `DeleteEventDataStore` put the store in `PENDING_DELETION`.
  public var deletedTimestamp: Date?

  /// Whether the store collects events as they arrive (status `ENABLED`).
  public var isIngesting: Bool { status == EventDataStoreStatus.enabled }
}

/// The `EventDataStoreStatus` values TrailDeck uses.
public enum EventDataStoreStatus {
  public static let enabled = "ENABLED"
  public static let stoppedIngestion = "STOPPED_INGESTION"
  public static let pendingDeletion = "PENDING_DELETION"
}

extension EventDataStoreRecord {
  /// The table the store's selectors make in Lake's SQL, and so the kind of events it holds:
  /// CloudTrail events, events from outside AWS, configuration items or evidence.
  public var tableSchema: LakeTableSchema { EventDataStoreRules.schema(of: self) }
}
