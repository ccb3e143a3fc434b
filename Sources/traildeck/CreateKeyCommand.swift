import ArgumentParser
import Foundation
import TrailCore

/// `traildeck create-key`: makes a KMS key in TrailDeck's key ring (`kms/` beside --buckets), as
/// `aws kms create-key` does, and prints the same `{"KeyMetadata": {…}}`.
///
/// Hand-written rather than an `OperationCommand`: it is KMS's operation, not CloudTrail's, and only
/// the two flags a trail's key needs are taken.
struct CreateKeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-key",
    abstract:
      "Make a symmetric KMS key in TrailDeck's key ring (kms/ beside --buckets), like `aws kms create-key`.",
    discussion: """
      The key is a 256-bit AES key of the caller's account (--account) and region (--region, default
      us-east-1), one JSON file in the key ring. A trail's --kms-key-id may name it by key id, key ARN,
      alias/NAME or alias ARN; the trail's log files are then SSE-KMS encrypted in its bucket folder.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "An alias for the key, alias/NAME (what `aws kms create-alias` would add).", valueName: "alias/NAME"))
  var alias: String?

  @Option(name: .long, help: ArgumentHelp("A description of the key.", valueName: "text"))
  var description: String = ""

  func run() throws {
    let context = try store.context()
    let key: KmsKey
    do {
      key = try KmsKeyRing(context).create(
        account: context.account, region: context.callerRegion, alias: alias, description: description,
        at: context.clock.now())
    } catch let error as KmsError {
      // The aws CLI's line and status for a service error.
      FileHandle.standardError.write(
        Data(
          "\nAn error occurred (\(error.code)) when calling the CreateKey operation: \(error.message)\n".utf8)
      )
      throw ExitCode(254)
    }
    try OperationOutput.printJSON(KmsCreateKeyResponse(keyMetadata: key.metadata))
  }
}
