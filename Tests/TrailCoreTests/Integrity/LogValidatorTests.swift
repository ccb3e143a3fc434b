import Foundation
import Synchronization
import Testing

@testable import TrailCore

/// The validator's own paths that the awscli comparison (EndToEndTests) does not reach: trails found
/// through the resolver, organization trails, empty ranges. Its output format is checked there.
@Suite("LogValidator")
struct LogValidatorTests {
  static let arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/management"

  /// Runs the validator over `scratch`, returning the status and each stream's text.
  static func run(
    _ scratch: IntegrityScratch, _ options: LogValidationOptions,
    resolve: @escaping TrailLocationResolver = { _ in nil }
  ) -> (status: Int32, out: String, err: String) {
    let out = Mutex("")
    let err = Mutex("")
    let ring = scratch.ring
    let validator = LogValidator(
      folder: scratch.folder, publicKeys: { try ring.publicKeys(region: $0, from: $1, to: $2) },
      resolveTrail: resolve,
      output: LogValidationOutput(
        standardOutput: { text in out.withLock { $0 += text } },
        standardError: { text in err.withLock { $0 += text } }),
      clock: scratch.clock)
    let status = validator.run(options)
    return (status, out.withLock { $0 }, err.withLock { $0 })
  }

  /// Two chained digests for `trail`, the first listing one log file.
  static func writeChain(_ scratch: IntegrityScratch, _ trail: DigestTrail) throws {
    let log = try scratch.deliverLog(at: IntegrityScratch.origin.addingTimeInterval(-600))
    let first = try scratch.writer.write(
      trail: trail, previous: nil, start: IntegrityScratch.origin.addingTimeInterval(-3600),
      end: IntegrityScratch.origin, logFiles: [log])
    scratch.clock.advance(by: 3600)
    try scratch.writer.write(
      trail: trail, previous: first, start: IntegrityScratch.origin, end: scratch.clock.now(), logFiles: [])
  }

  static var options: LogValidationOptions {
    LogValidationOptions(trailARN: arn, start: IntegrityScratch.origin.addingTimeInterval(-3600))
  }

  @Test func theResolverSuppliesBucketAndPrefix() throws {
    let scratch = try IntegrityScratch()
    var trail = IntegrityScratch.trail
    trail.keyPrefix = "logs/prod"
    try Self.writeChain(scratch, trail)
    let result = Self.run(scratch, Self.options) { arn in
      arn == Self.arn ? TrailLocation(bucket: IntegrityScratch.bucket, prefix: "logs/prod") : nil
    }
    #expect(result.status == 0, "\(result)")
    #expect(result.out.contains("2/2 digest files valid\n1/1 log files valid\n"), "\(result)")
    #expect(result.err.isEmpty)
  }

  @Test func anOrganizationTrailNeedsTheAccountAndReadsItsFolder() throws {
    let scratch = try IntegrityScratch()
    var trail = IntegrityScratch.trail
    trail.organizationID = "o-exampleorgid"
    trail.accountID = "444455556666"
    try Self.writeChain(scratch, trail)
    let resolve: TrailLocationResolver = { _ in
      TrailLocation(
        bucket: IntegrityScratch.bucket, isOrganizationTrail: true, organizationID: "o-exampleorgid")
    }
    let missing = Self.run(scratch, Self.options, resolve: resolve)
    #expect(missing.status == 255)
    #expect(missing.out.isEmpty)
    #expect(missing.err == "\nMissing required parameter for organization trail: '--account-id'\n")
    var options = Self.options
    options.accountID = "444455556666"
    let found = Self.run(scratch, options, resolve: resolve)
    #expect(found.status == 0, "\(found)")
    #expect(found.out.contains("2/2 digest files valid"), "\(found)")
  }

  @Test func anUnknownTrailAsksForTheBucket() throws {
    let scratch = try IntegrityScratch()
    let result = Self.run(scratch, Self.options)
    #expect(result.status == 255)
    #expect(result.err.contains("A trail could not be found for \(Self.arn)"))
    #expect(result.err.contains("--s3-bucket"))
  }

  @Test func aRangeWithoutDigestsSaysSo() throws {
    let scratch = try IntegrityScratch()
    try Self.writeChain(scratch, IntegrityScratch.trail)
    var options = Self.options
    options.bucket = IntegrityScratch.bucket
    options.start = IntegrityScratch.origin.addingTimeInterval(86_400)
    options.end = IntegrityScratch.origin.addingTimeInterval(86_400 + 60)
    // Keys are listed up to two hours past the end; make one that covers it.
    scratch.clock.set(IntegrityScratch.origin.addingTimeInterval(86_400))
    _ = try scratch.ring.currentKey(region: "us-east-1")
    let result = Self.run(scratch, options)
    #expect(result.status == 0, "\(result)")
    #expect(
      result.out == """
        Validating log files for trail \(Self.arn) between 2024-03-02T12:07:28Z and 2024-03-02T12:08:28Z

        Results requested for 2024-03-02T12:07:28Z to 2024-03-02T12:08:28Z
        No digests found

        """)
  }

  @Test(arguments: [
    ("arn:aws:cloudtrail:us-east-1:111122223333:trail/x", true),
    ("arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/a/b", true),
    ("arn:aws:cloudtrail:us-east-1:11112222333:trail/x", false),
    ("arn:aws:s3:::bucket", false),
    ("xarn:aws:cloudtrail:us-east-1:111122223333:trail/x", false),
  ])
  func trailARNs(_ arn: String, _ valid: Bool) {
    #expect(LogValidator.isTrailARN(arn) == valid)
  }
}
