import Foundation

/// What `validate-logs` is asked (its flags), as the aws CLI's `validate-logs` takes them.
public struct LogValidationOptions: Sendable {
  /// `--trail-arn`: must look like `arn:…:cloudtrail:<region>:<12 digits>:trail/<name>`.
  public var trailARN: String
  /// `--start-time`: digests (and so log files) delivered at or after it are validated.
  public var start: Date
  /// `--end-time`; the clock's now when nil.
  public var end: Date?
  /// `--s3-bucket`: the bucket to read; when nil the trail is looked up (`TrailLocationResolver`).
  public var bucket: String?
  /// `--s3-prefix`: the trail's key prefix when `bucket` is given.
  public var prefix: String?
  /// `--account-id`: the account whose logs to validate (required for organization trails); the
  /// ARN's account when nil.
  public var accountID: String?
  /// `--verbose`: also print each valid digest and log file.
  public var verbose: Bool
  /// `--region`: the region whose digests to read (and whose keys verify them); the ARN's region, the
  /// trail's home region, when nil.
  public var region: String?

  public init(
    trailARN: String, start: Date, end: Date? = nil, bucket: String? = nil, prefix: String? = nil,
    accountID: String? = nil, verbose: Bool = false, region: String? = nil
  ) {
    self.trailARN = trailARN
    self.start = start
    self.end = end
    self.bucket = bucket
    self.prefix = prefix
    self.accountID = accountID
    self.verbose = verbose
    self.region = region
  }
}

/// Where a trail delivers, as validate-logs needs it when `--s3-bucket` is not given (the aws CLI reads
/// it from DescribeTrails).
public struct TrailLocation: Equatable, Sendable {
  /// `S3BucketName`.
  public var bucket: String
  /// `S3KeyPrefix`.
  public var prefix: String?
  /// `IsOrganizationTrail`.
  public var isOrganizationTrail: Bool
  /// The organization's id (`o-…`) for an organization trail (the aws CLI asks DescribeOrganization).
  public var organizationID: String?

  public init(
    bucket: String, prefix: String? = nil, isOrganizationTrail: Bool = false, organizationID: String? = nil
  ) {
    self.bucket = bucket
    self.prefix = prefix
    self.isOrganizationTrail = isOrganizationTrail
    self.organizationID = organizationID
  }
}

/// Finds the trail with an ARN; nil when there is none. The CLI's resolver answers nil until TrailDeck
/// keeps trails, so validate-logs then asks for `--s3-bucket`.
public typealias TrailLocationResolver = @Sendable (_ trailARN: String) throws -> TrailLocation?

/// Where validate-logs prints: its two streams, as the aws CLI splits them.
public struct LogValidationOutput: Sendable {
  /// Writes to standard output.
  public var standardOutput: @Sendable (String) -> Void
  /// Writes to standard error.
  public var standardError: @Sendable (String) -> Void

  public init(
    standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}
