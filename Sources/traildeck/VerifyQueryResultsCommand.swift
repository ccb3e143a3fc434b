import ArgumentParser
import Foundation
import TrailCore

struct VerifyQueryResultsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify-query-results",
    abstract:
      "Validate a Lake query's result files and sign file, like `aws cloudtrail verify-query-results`.",
    discussion: """
      Reads result_sign.json from the bucket's folder (--s3-bucket, --s3-prefix: the folder that holds
      it, in the buckets folder --buckets) or from a local directory (--local-export-path), checks each
      listed file's SHA-256, finds the signing key by its fingerprint with ListPublicKeys (from the sign
      file's queryCompleteTime to 20 days later, in --region) and checks the signature, as the aws CLI
      v2 command does, with its messages. Beyond it, a result_N.csv.gz in the folder that the sign file
      does not list is reported too. Prints "Successfully validated sign and query result files" and
      exits 0; otherwise prints the reason on stderr and exits 255 (254 for an S3 or CloudTrail error).
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("local-export-path"), help: "The local directory holding the result and sign files.")
  var localExportPath: String?

  @Option(name: .customLong("s3-bucket"), help: "The bucket holding the result and sign files.")
  var s3Bucket: String?

  @Option(
    name: .customLong("s3-prefix"), help: "The folder of the bucket holding them (a trailing / is added).")
  var s3Prefix: String?

  func validate() throws {
    // The aws CLI's own texts for its two parameter errors (exit 252, as its ParamValidationError).
    if localExportPath == nil && s3Bucket == nil {
      throw ValidationError("Require parameter --s3-bucket or --local-export-path.")
    }
    if localExportPath != nil && (s3Bucket != nil || s3Prefix != nil) {
      throw ValidationError(
        "Parameter --local-export-path can not be specified with parameter --s3-bucket nor --s3-prefix.")
    }
  }

  func run() throws {
    let context = try store.context()
    let location: QueryResultsLocation =
      if let localExportPath {
        .local(directory: localExportPath)
      } else {
        .bucket(BucketFolder(context), bucket: s3Bucket!, prefix: s3Prefix)
      }
    let verifier = QueryResultsVerifier(
      location: location,
      publicKeys: { start, end in
        // The same ListPublicKeys the API serves; a store that was never made has signed nothing.
        guard FileManager.default.fileExists(atPath: context.databasePath) else { return [] }
        let request = ListPublicKeysRequest(startTime: start, endTime: end)
        return try ListPublicKeys.perform(request, with: try StoreServices(context)).publicKeyList ?? []
      })
    let status = verifier.run(
      standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
      standardError: { FileHandle.standardError.write(Data($0.utf8)) })
    if status != 0 { throw ExitCode(status) }
  }
}
