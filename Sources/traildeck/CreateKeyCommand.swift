import ArgumentParser
import Foundation
import TrailCore

/// `traildeck create-key`: makes a KMS key in TrailDeck's key ring (`kms/` beside --buckets), as
/// `aws kms create-key` does, and prints the same `{"KeyMetadata": {…}}`.
///
/// Hand-written rather than an `OperationCommand`: it is KMS's operation, not CloudTrail's, and only
/// the flags a trail's key needs are taken.
struct CreateKeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-key",
    abstract:
      "Make a symmetric KMS key in TrailDeck's key ring (kms/ beside --buckets), like `aws kms create-key`.",
    discussion: """
      The key is a 256-bit AES key of the caller's account (--account) and region (--region, default
      us-east-1), one JSON file in the key ring. A trail's --kms-key-id may name it by key id, key ARN,
      alias/NAME or alias ARN; the trail's log files are then SSE-KMS encrypted in its bucket folder.
      A trail refuses a key whose policy (--policy, put-key-policy) does not allow cloudtrail.amazonaws.com
      kms:GenerateDataKey* (InsufficientEncryptionPolicyException).
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "An alias for the key, alias/NAME (what `aws kms create-alias` would add).", valueName: "alias/NAME"))
  var alias: String?

  @Option(name: .long, help: ArgumentHelp("A description of the key.", valueName: "text"))
  var description: String = ""

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The key policy, JSON or file://PATH (default: the account's root and CloudTrail may use the key; see get-key-policy).",
      valueName: "policy"))
  var policy: String?

  func run() throws {
    let context = try store.context()
    let policyText = try policy.map { try ParameterText.read($0, flag: "policy") }
    let key = try OperationOutput.calling("CreateKey") {
      try KmsKeyRing(context).create(
        account: context.account, region: context.callerRegion, alias: alias, description: description,
        policy: policyText, at: context.clock.now())
    }
    try OperationOutput.printJSON(KmsCreateKeyResponse(keyMetadata: key.metadata))
  }
}
