import Foundation

/// Everything an operation needs to know about where and when it runs: the store, the clock, the
/// folder that stands for S3, and who is calling from where.
///
/// Every front builds one (the CLI from `--db --now --speed --buckets --account --region`, the UI from
/// its options, the server per request) and hands it to the operations; nothing below reads a path or
/// the time from anywhere else.
public struct StoreContext: Sendable {
  /// The SQLite store (`EventStore`).
  public var databasePath: String
  /// "Now" for every time rule: the 90-day window, schedules, delivery.
  public var clock: any Clock
  /// S3 buckets are folders: bucket NAME is `bucketsDirectory/NAME/`.
  public var bucketsDirectory: String
  /// The caller's account id (for trails and every per-account rule).
  public var account: String
  /// The caller's region. `nil` means "not given": reads of event history then span every region the
  /// store holds (a TrailDeck extension: one store may hold many regions), and operations that need
  /// one use `callerRegion`.
  public var region: String?

  /// The account a fresh store without demo data answers for (the aws documentation's example id).
  public static let defaultAccount = "123456789012"
  /// The region used when none is given, as the aws CLI without configuration does.
  public static let defaultRegion = "us-east-1"

  public init(
    databasePath: String, clock: any Clock, bucketsDirectory: String? = nil, account: String? = nil,
    region: String? = nil
  ) {
    self.databasePath = databasePath
    self.clock = clock
    self.bucketsDirectory = bucketsDirectory ?? Self.defaultBucketsDirectory()
    self.account = account ?? Self.defaultAccount
    self.region = region
  }

  /// The region an operation that needs exactly one acts in.
  public var callerRegion: String { region ?? Self.defaultRegion }

  /// `$XDG_DATA_HOME/traildeck/buckets` (default `~/.local/share/traildeck/buckets`), beside the store.
  public static func defaultBucketsDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    EventStore.dataDirectory(environment: environment) + "/buckets"
  }

  /// The folder of bucket `name`.
  public func bucketPath(_ name: String) -> String { bucketsDirectory + "/" + name }

  /// The folder that holds the buckets folder: TrailDeck's other stand-ins for AWS services (`kms/`,
  /// `sns/`, `logs/`) live beside the buckets in it, so one `--buckets` moves them all together (and
  /// a test's temporary buckets folder brings its own keys, topics and log groups).
  public var servicesDirectory: String { Self.servicesDirectory(buckets: bucketsDirectory) }

  /// The folder that holds the buckets folder `buckets` (made absolute first, so that a relative
  /// `--buckets b` does not put keys at the file system's root).
  public static func servicesDirectory(buckets: String) -> String {
    URL(fileURLWithPath: buckets).standardizedFileURL.deletingLastPathComponent().path
  }

  /// The KMS key ring (`KmsKeyRing`): `kms/` beside the buckets.
  public var kmsDirectory: String { servicesDirectory + "/kms" }
  /// SNS topics (`TrailNotifications`): `sns/` beside the buckets.
  public var snsDirectory: String { servicesDirectory + "/sns" }
  /// CloudWatch Logs groups (`TrailNotifications`): `logs/` beside the buckets.
  public var logsDirectory: String { servicesDirectory + "/logs" }
  /// S3 bucket policies (`BucketPolicies`): `s3-policies/` beside the buckets, so a policy is never
  /// mistaken for an object of its bucket.
  public var s3PoliciesDirectory: String { BucketPolicies(bucketsDirectory: bucketsDirectory).directory }
}
