import Foundation
import Testing

/// Trail subcommands as the aws CLI's: names, flags, JSON output, nothing printed for an empty
/// response, 254 for CloudTrail's errors and 252 for usage errors.
@Suite("CLI trails")
struct CLITrailTests {
  static let now = ["--now", "2026-01-01T00:00:00Z"]

  @Test func createStartDescribeAndDelete() throws {
    let scratch = try CLIScratch()
    #expect(try scratch.run(["mb", "s3://trail-logs"]).stdout == "make_bucket: trail-logs\n")
    let created = try scratch.run(
      [
        "create-trail", "--name", "main", "--s3-bucket-name", "trail-logs", "--is-multi-region-trail",
        "--tags-list", "Key=team,Value=sec",
      ] + Self.now)
    #expect(created.status == 0, "\(created)")
    #expect(
      created.stdout == """
        {
            "Name": "main",
            "S3BucketName": "trail-logs",
            "IncludeGlobalServiceEvents": true,
            "IsMultiRegionTrail": true,
            "TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/main",
            "LogFileValidationEnabled": false,
            "IsOrganizationTrail": false
        }

        """)
    let started = try scratch.run(["start-logging", "--name", "main"] + Self.now)
    #expect(started.status == 0 && started.stdout == "" && started.stderr == "", "\(started)")
    let status = try scratch.run(["get-trail-status", "--name", "main", "--region", "eu-west-1"] + Self.now)
    #expect(status.stdout.contains(#""IsLogging": true"#), "\(status)")
    #expect(status.stdout.contains(#""StartLoggingTime": "2026-01-01T00:00:00+00:00""#), "\(status)")
    let described = try scratch.run(["describe-trails", "--trail-name-list", "main"])
    #expect(described.stdout.contains(#""HomeRegion": "us-east-1""#), "\(described)")
    let deleted = try scratch.run(["delete-trail", "--name", "main", "--region", "eu-west-1"])
    #expect(deleted.status == 254)
    #expect(
      deleted.stderr.hasPrefix(
        "\nAn error occurred (InvalidHomeRegionException) when calling the DeleteTrail operation: "))
    #expect(try scratch.run(["delete-trail", "--name", "main"]).status == 0)
    #expect(try scratch.run(["describe-trails"]).stdout == "{\n    \"trailList\": []\n}\n")
  }

  @Test func errorsAndUsage() throws {
    let scratch = try CLIScratch()
    let missing = try scratch.run(["create-trail", "--name", "main", "--s3-bucket-name", "nowhere"])
    #expect(missing.status == 254)
    #expect(
      missing.stderr.contains(
        "(S3BucketDoesNotExistException) when calling the CreateTrail operation: S3 bucket nowhere does not exist!"
      ))
    let usage = try scratch.run(["create-trail", "--name", "main"])
    #expect(usage.status == 252)
    #expect(usage.stderr.contains("the following arguments are required: --s3-bucket-name"), "\(usage)")
    let unknown = try scratch.run(["get-trail", "--name", "main", "--colour", "red"])
    #expect(unknown.status == 252)
    #expect(unknown.stderr.contains("Unknown options: --colour"), "\(unknown)")
    #expect(try scratch.run(["mb", "s3://twice"]).status == 0)
    let again = try scratch.run(["mb", "s3://twice"])
    #expect(again.status == 1)
    #expect(
      again.stderr.hasPrefix(
        "make_bucket failed: s3://twice Your previous request to create the named bucket succeeded"),
      "\(again)")
    let badName = try scratch.run(["mb", "s3://Bad_Name"])
    #expect(badName.stderr.contains("The specified bucket is not valid"), "\(badName)")
    let help = try scratch.run(["create-trail", "--help"])
    #expect(help.stdout.contains("[--is-multi-region-trail | --no-is-multi-region-trail]"), "\(help)")
  }
}
