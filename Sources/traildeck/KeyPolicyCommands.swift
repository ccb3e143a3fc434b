import ArgumentParser
import Foundation
import TrailCore

/// `traildeck put-key-policy`, `get-key-policy`: a KMS key's policy, as `aws kms put-key-policy` and
/// `get-key-policy` set and print it (`KmsKeyPolicy`). CloudTrail refuses a key whose policy does not
/// let it generate data keys.
struct PutKeyPolicyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "put-key-policy",
    abstract: "Replace a KMS key's policy, like `aws kms put-key-policy`.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var key: KeyPolicyOptions

  @Option(name: .long, help: ArgumentHelp("The policy, JSON or file://PATH.", valueName: "policy"))
  var policy: String

  func run() throws {
    let context = try store.context()
    let text = try ParameterText.read(policy, flag: "policy")
    try OperationOutput.calling("PutKeyPolicy") {
      try KmsKeyPolicy.put(
        text, keyId: key.keyId, policyName: key.policyName, account: context.account,
        region: context.callerRegion, in: KmsKeyRing(context))
    }
  }
}

struct GetKeyPolicyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get-key-policy",
    abstract: "Print a KMS key's policy, like `aws kms get-key-policy` ({\"Policy\": …, \"PolicyName\": …}).")

  @OptionGroup var store: StoreOptions
  @OptionGroup var key: KeyPolicyOptions

  func run() throws {
    let context = try store.context()
    let response = try OperationOutput.calling("GetKeyPolicy") {
      try KmsKeyPolicy.get(
        keyId: key.keyId, policyName: key.policyName, account: context.account, region: context.callerRegion,
        in: KmsKeyRing(context))
    }
    try OperationOutput.printJSON(response)
  }
}

/// The key and policy name both key-policy commands take.
struct KeyPolicyOptions: ParsableArguments {
  @Option(name: .customLong("key-id"), help: ArgumentHelp("The key's id or ARN.", valueName: "key"))
  var keyId: String

  @Option(
    name: .customLong("policy-name"),
    help: ArgumentHelp("The policy's name: default, a key's only policy.", valueName: "name"))
  var policyName: String?
}
