import Crypto
import Foundation

/// `aws cloudtrail validate-logs` over the buckets folder and the store's keys (spec §6.4): the same
/// checks in the same order, the same lines on the same streams, the same exit status.
///
/// Exit status: 0 when everything found is valid, 1 when any digest or log file is INVALID, 255 when
/// the run fails as a whole (bad ARN or time range, unknown trail, no public keys, an S3 error other than
/// a missing key) after printing the reason between blank lines on stderr, as the aws CLI does.
public struct LogValidator {
  /// Reads the region's public keys overlapping `[start, end]` (ListPublicKeys).
  public typealias PublicKeySource = (_ region: String, _ start: Date, _ end: Date) throws ->
    [PublicSigningKey]

  public var folder: BucketFolder
  public var publicKeys: PublicKeySource
  public var resolveTrail: TrailLocationResolver
  public var output: LogValidationOutput
  /// Supplies the default end time (now).
  public var clock: any Clock

  public init(
    folder: BucketFolder, publicKeys: @escaping PublicKeySource,
    resolveTrail: @escaping TrailLocationResolver,
    output: LogValidationOutput, clock: any Clock
  ) {
    self.folder = folder
    self.publicKeys = publicKeys
    self.resolveTrail = resolveTrail
    self.output = output
    self.clock = clock
  }

  /// Runs the validation and returns the exit status.
  public func run(_ options: LogValidationOptions) -> Int32 {
    do {
      return try validate(options)
    } catch let failure as LogValidationFailure {
      output.standardError("\n\(failure.message)\n")
    } catch let error as ServiceError {
      output.standardError("\n\(error.awsCLIMessage(operation: ListPublicKeys.name))\n")
    } catch {
      output.standardError("\n\(error)\n")
    }
    return 255
  }

  private func validate(_ options: LogValidationOptions) throws -> Int32 {
    let end = options.end ?? clock.now()
    guard options.start <= end else {
      throw LogValidationFailure("Invalid time range specified: start-time must occur before end-time")
    }
    let trail = try locate(options)
    let report = ValidationReport(options: options, end: end, output: output)
    report.writeStartup()

    let traversal = DigestTraversal(folder: folder, trail: trail)
    let listing = try traversal.loadListing(bucket: trail.bucket, start: options.start, end: end)
    let keysEnd = end.addingTimeInterval(2 * 3600)
    let keys = try publicKeys(trail.region, options.start, keysEnd)
    guard !keys.isEmpty else {
      throw LogValidationFailure(
        "No public keys found between \(ValidationReport.display(options.start)) and "
          + ValidationReport.display(keysEnd))
    }
    traversal.publicKeys = Dictionary(
      keys.map { ($0.fingerprint, $0) }, uniquingKeysWith: { _, later in later })
    try traversal.walk(
      listing: listing, start: options.start,
      onValid: { digest in
        report.digestValid(digest)
        // Reading, inflating and hashing the log files is nearly all of the work: spread over the
        // cores, then reported in the digest's order, as the aws CLI prints them.
        let logs = LogFileEntry.entries(of: digest.json)
        let folder = folder
        let verdicts = logs.concurrentMap { Self.verdict(for: $0, in: folder) }
        for (log, verdict) in zip(logs, verdicts) {
          switch verdict {
          case .valid: report.logValid(log)
          case .missing: report.logMissing(log)
          case .invalidFormat: report.logInvalidFormat(log)
          case .hashMismatch: report.logHashMismatch(log)
          case .failed(let failure): throw failure
          }
        }
      },
      onEvent: report.digestEvent)
    report.writeSummary()
    return report.exitStatus
  }

  /// The trail's identity from its ARN, and its bucket from `--s3-bucket` or the resolver.
  private func locate(_ options: LogValidationOptions) throws -> DigestTrail {
    let arn = options.trailARN
    guard Self.isTrailARN(arn) else { throw LogValidationFailure("Invalid trail ARN provided: \(arn)") }
    var bucket = options.bucket
    var prefix = options.prefix
    var organizationID: String?
    if bucket == nil {
      guard let location = try resolveTrail(arn) else {
        throw LogValidationFailure(
          "A trail could not be found for \(arn). Give the trail's bucket with --s3-bucket "
            + "(and its key prefix with --s3-prefix).")
      }
      bucket = location.bucket
      prefix = location.prefix
      if location.isOrganizationTrail {
        guard options.accountID?.isEmpty == false else {
          throw LogValidationFailure("Missing required parameter for organization trail: '--account-id'")
        }
        organizationID = location.organizationID
      }
    }
    let fields = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let homeRegion = fields[3]
    let account = options.accountID.flatMap { $0.isEmpty ? nil : $0 } ?? fields[4]
    return DigestTrail(
      accountID: account, organizationID: organizationID,
      trailName: String(arn.split(separator: "/", omittingEmptySubsequences: false).last!),
      homeRegion: homeRegion, region: options.region ?? homeRegion, bucket: bucket!, keyPrefix: prefix)
  }

  /// The CLI's check: `arn:.+:cloudtrail:.+:\d{12}:trail/.+`, matched from the start.
  static func isTrailARN(_ arn: String) -> Bool {
    let pattern = #"^arn:.+:cloudtrail:.+:\d{12}:trail/.+"#
    return arn.range(of: pattern, options: .regularExpression) != nil
  }

  /// What checking one log file found.
  enum LogVerdict: Sendable {
    case valid, missing, invalidFormat, hashMismatch
    case failed(LogValidationFailure)
  }

  /// Downloads a log file, inflates it as the CLI does, and compares its SHA-256 with the digest's.
  static func verdict(for log: LogFileEntry, in folder: BucketFolder) -> LogVerdict {
    let object: (bytes: [UInt8], metadata: ObjectMetadata)
    do {
      object = try folder.get(bucket: log.bucket, key: log.key)
    } catch {
      if error.code == "NoSuchKey" { return .missing }
      return .failed(LogValidationFailure.s3(error, operation: "GetObject"))
    }
    guard let inflated = FirstGzipMember.inflate(object.bytes, requireEnd: false) else {
      return .invalidFormat
    }
    return log.hashValue == .string(SHA256.hash(data: inflated).hex) ? .valid : .hashMismatch
  }
}

/// One `logFiles` entry of a valid digest.
struct LogFileEntry: Sendable {
  var bucket: String
  var key: String
  var hashValue: JSONValue?

  static func entries(of digest: JSONValue) -> [LogFileEntry] {
    guard case .array(let files)? = digest["logFiles"] else { return [] }
    return files.map { file in
      LogFileEntry(
        bucket: file["s3Bucket"].map(PythonText.format) ?? "None",
        key: file["s3Object"].map(PythonText.format) ?? "None", hashValue: file["hashValue"])
    }
  }
}
