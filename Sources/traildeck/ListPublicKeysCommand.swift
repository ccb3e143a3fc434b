import ArgumentParser
import Foundation
import TrailCore

struct ListPublicKeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-public-keys",
    abstract: "List the region's digest-signing public keys, like `aws cloudtrail list-public-keys`.",
    discussion: """
      CloudTrail's ListPublicKeys: the keys of the caller's region (--region, default us-east-1) whose
      validity windows overlap --start-time..--end-time (each defaults to the clock's now, which gives the
      current key). Value is the DER PKCS#1 key in base64; Fingerprint its MD5, as digests name it.
      TrailDeck makes a region's key when it first signs a digest there and a new one every 30 days.
      Errors use CloudTrail's exception names and exit with status 254, like the aws CLI.
      """)

  @OptionGroup var store: StoreOptions

  @Option(name: .customLong("start-time"), help: "Start of the range (ISO 8601 or epoch seconds).")
  var startTime: String?

  @Option(name: .customLong("end-time"), help: "End of the range (ISO 8601 or epoch seconds).")
  var endTime: String?

  @Option(name: .customLong("next-token"), help: "Reserved by CloudTrail; any token is refused.")
  var nextToken: String?

  func validate() throws {
    for (flag, value) in [("--start-time", startTime), ("--end-time", endTime)] {
      if let value, ISO8601Time.parseUserTime(value) == nil {
        throw ValidationError(
          "Please give \(flag) as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(value)'.")
      }
    }
  }

  func run() throws {
    let response = try OperationOutput.calling(ListPublicKeys.name) {
      let request = ListPublicKeysRequest(
        startTime: startTime.flatMap(ISO8601Time.parseUserTime),
        endTime: endTime.flatMap(ISO8601Time.parseUserTime),
        nextToken: nextToken)
      return try ListPublicKeys.perform(request, with: try StoreServices(try store.context()))
    }
    try OperationOutput.printJSON(response)
  }
}
