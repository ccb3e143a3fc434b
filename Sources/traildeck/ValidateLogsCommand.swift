import ArgumentParser
import Foundation
import TrailCore

struct ValidateLogsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate-logs",
    abstract: "Validate a trail's digest and log files, like `aws cloudtrail validate-logs`.",
    discussion: """
      Walks the trail's digest files in the buckets folder (--buckets) from newest to oldest, checks each
      signature with the store's public keys of the region (--region, default the trail's home region
      from the ARN) and each log file's SHA-256, and prints what the aws CLI prints: INVALID lines and
      gaps on stderr, the summary on stdout (valid files too with --verbose). Exit status 1 when anything
      is INVALID, 255 when the run itself fails, else 0.
      Without --s3-bucket the trail's own bucket and prefix are used (the trail must exist in the store);
      with it, any folder of digests can be validated.
      """)

  @OptionGroup var store: StoreOptions

  @Option(name: .customLong("trail-arn"), help: "The ARN of the trail to validate.")
  var trailARN: String

  @Option(name: .customLong("start-time"), help: "Validate files delivered at or after this UTC time.")
  var startTime: String

  @Option(
    name: .customLong("end-time"), help: "Validate files delivered at or before this time (default: now).")
  var endTime: String?

  @Option(name: .customLong("s3-bucket"), help: "The bucket holding the digest files.")
  var s3Bucket: String?

  @Option(name: .customLong("s3-prefix"), help: "The trail's S3 key prefix, with --s3-bucket.")
  var s3Prefix: String?

  @Option(name: .customLong("account-id"), help: "The account whose logs to validate (organization trails).")
  var accountID: String?

  @Flag(name: .long, help: "Also print each valid digest and log file.")
  var verbose = false

  func validate() throws {
    for (flag, value) in [("--start-time", Optional(startTime)), ("--end-time", endTime)] {
      if let value, ISO8601Time.parseUserTime(value) == nil {
        throw ValidationError(
          "Please give \(flag) as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(value)'.")
      }
    }
  }

  func run() throws {
    let context = try store.context()
    let databasePath = context.databasePath
    let clock = context.clock
    let validator = LogValidator(
      folder: BucketFolder(context),
      publicKeys: { region, start, end in
        // A store that was never made has signed nothing: no keys, as for an unused region.
        guard FileManager.default.fileExists(atPath: databasePath) else { return [] }
        let ring = SigningKeyRing(connection: try EventStore.openReader(path: databasePath), clock: clock)
        return try ring.publicKeys(region: region, from: start, to: end)
      },
      // Without --s3-bucket the trail's own bucket and prefix, as the aws CLI finds them.
      resolveTrail: { arn in
        guard FileManager.default.fileExists(atPath: databasePath) else { return nil }
        return try TrailStore(databasePath: databasePath).location(ofTrail: arn)
      },
      output: LogValidationOutput(
        standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
        standardError: { FileHandle.standardError.write(Data($0.utf8)) }),
      clock: clock)
    let status = validator.run(
      LogValidationOptions(
        trailARN: trailARN, start: ISO8601Time.parseUserTime(startTime)!,
        end: endTime.flatMap(ISO8601Time.parseUserTime), bucket: s3Bucket, prefix: s3Prefix,
        accountID: accountID,
        verbose: verbose, region: context.region))
    if status != 0 { throw ExitCode(status) }
  }
}
