import Foundation
import Testing
import TrailCore
import TrailTestSupport

/// `traildeck verify-query-results` through the built binary, over results that `start-query
/// --delivery-s3-uri` delivered under a fixed clock: the aws CLI's success line, its messages for a
/// tampered file, and its exit statuses (0, 252 for parameters, 255 for a failed check).
@Suite("CLI verify-query-results")
struct CLIVerifyQueryResultsTests {
  /// A store with events, a query delivered into bucket `results`; the folder (key prefix) holding
  /// its result files.
  static func deliveredQuery(_ scratch: CLIScratch) throws -> (prefix: String, buckets: String) {
    let buckets = scratch.folder + "/buckets"
    let common = ["--now", CLIScratch.lakeNow, "--buckets", buckets]
    let store = try scratch.eventDataStore("verify", holding: CLIRecords.sequence(1...5))
    let made = try scratch.run(["mb", "s3://results"] + common)
    try #require(made.status == 0, "\(made)")
    let started = try scratch.run(
      [
        "start-query", "--query-statement", "SELECT eventID, eventName FROM \(store) ORDER BY eventTime",
        "--delivery-s3-uri", "s3://results/lake",
      ] + common)
    try #require(started.status == 0, "\(started)")
    let object = try JSONSerialization.jsonObject(with: Data(started.stdout.utf8)) as? [String: Any]
    let id = try #require(object?["QueryId"] as? String)
    let described = try scratch.run(["describe-query", "--query-id", id] + common)
    #expect(described.stdout.contains("\"QueryStatus\": \"FINISHED\""), "\(described)")
    #expect(described.stdout.contains("\"DeliveryStatus\": \"SUCCESS\""), "\(described)")
    let keys = try BucketFolder(directory: buckets).list(bucket: "results")
    let sign = try #require(keys.first { $0.hasSuffix("/\(id)/result_sign.json") })
    #expect(sign.hasPrefix("lake/AWSLogs/"))
    #expect(sign.contains("/CloudTrail-Lake/Query/2024/03/01/"))
    return (String(sign.dropLast("result_sign.json".count)), buckets)
  }

  @Test func deliveredResultsVerifyAndATamperedFileFails() throws {
    let scratch = try CLIScratch()
    let (prefix, buckets) = try Self.deliveredQuery(scratch)
    let common = ["--now", CLIScratch.lakeNow, "--buckets", buckets]
    // The aws CLI adds the trailing slash itself.
    let verify = ["verify-query-results", "--s3-bucket", "results", "--s3-prefix", String(prefix.dropLast())]
    let intact = try scratch.run(verify + common)
    #expect(intact.status == 0, "\(intact)")
    #expect(intact.stdout == "Successfully validated sign and query result files\n")
    #expect(intact.stderr == "")

    let local = try scratch.run(
      ["verify-query-results", "--local-export-path", "\(buckets)/results/\(prefix)"] + common)
    #expect(local.status == 0, "\(local)")

    let signFile = try JSONValue(
      parsing: [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(buckets)/results/\(prefix)result_sign.json")))
    )
    guard case .array(let files)? = signFile["files"],
      case .string(let signed)? = files.first?["fileHashValue"]
    else {
      Issue.record("no fileHashValue in \(signFile.compactText())")
      return
    }
    let path = "\(buckets)/results/\(prefix)result_1.csv.gz"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    bytes[bytes.count - 5] ^= 0xFF
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let tampered = try scratch.run(verify + common)
    #expect(tampered.status == 255, "\(tampered)")
    #expect(tampered.stdout == "")
    let expected =
      "\nValidationError: File result_1.csv.gz has inconsistent hash value with hash value recorded in "
      + "sign file, hash value in sign file is \(signed) , but get "
    #expect(tampered.stderr.hasPrefix(expected), "\(tampered)")
    let computed = tampered.stderr.dropFirst(expected.count).dropLast()
    #expect(computed.count == 64 && computed != signed[...], "\(tampered)")
  }

  @Test(arguments: [
    (["verify-query-results"], "Require parameter --s3-bucket or --local-export-path."),
    (
      ["verify-query-results", "--local-export-path", ".", "--s3-prefix", "x"],
      "Parameter --local-export-path can not be specified with parameter --s3-bucket nor --s3-prefix."
    ),
  ])
  func parameterErrorsAreUsageErrors(_ arguments: [String], _ message: String) throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(arguments)
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains(message), "\(result)")
  }
}
