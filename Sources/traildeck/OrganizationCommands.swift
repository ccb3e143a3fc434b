import ArgumentParser
import Foundation
import TrailCore

/// `traildeck describe-organization`, `create-organization`, `enable-all-features`,
/// `enable-aws-service-access`, `disable-aws-service-access`, `list-aws-service-access-for-organization`,
/// `list-accounts`, `close-account`: the store's organization (`Organizations`), as `aws organizations …` changes and
/// prints it. Organization trails need all features and CloudTrail's trusted access.
///
/// Hand-written rather than `OperationCommand`s: they are Organizations' operations, not CloudTrail's,
/// and take only the flags CloudTrail's rules read.
struct DescribeOrganizationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe-organization",
    abstract: "Print the caller's organization, like `aws organizations describe-organization`.")

  @OptionGroup var store: StoreOptions

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("DescribeOrganization", store) { try Organizations($0).describe() })
  }
}

struct CreateOrganizationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-organization",
    abstract:
      "Make the caller the management account of a new organization, like `aws organizations create-organization`.",
    discussion: """
      For a store without an organization (the demo seeds one). The new organization has only the caller
      (--account); as in AWS, no service has trusted access yet (enable-aws-service-access).
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("feature-set"),
    help: ArgumentHelp("ALL (default) or CONSOLIDATED_BILLING.", valueName: "set"))
  var featureSet: String?

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("CreateOrganization", store) { try Organizations($0).create(featureSet: featureSet) })
  }
}

struct EnableAllFeaturesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enable-all-features",
    abstract:
      "Give the organization all features, like `aws organizations enable-all-features` (accepted at once).")

  @OptionGroup var store: StoreOptions

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("EnableAllFeatures", store) { try Organizations($0).enableAllFeatures() })
  }
}

struct EnableServiceAccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "enable-aws-service-access",
    abstract:
      "Give a service trusted access to the organization, like `aws organizations enable-aws-service-access`."
  )

  @OptionGroup var store: StoreOptions
  @OptionGroup var service: ServicePrincipalOption

  func run() throws {
    try StoreCall.run("EnableAWSServiceAccess", store) {
      try Organizations($0).setServiceAccess(service.servicePrincipal, on: true)
    }
  }
}

struct DisableServiceAccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disable-aws-service-access",
    abstract: "Take a service's trusted access away, like `aws organizations disable-aws-service-access`.")

  @OptionGroup var store: StoreOptions
  @OptionGroup var service: ServicePrincipalOption

  func run() throws {
    try StoreCall.run("DisableAWSServiceAccess", store) {
      try Organizations($0).setServiceAccess(service.servicePrincipal, on: false)
    }
  }
}

struct ListServiceAccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-aws-service-access-for-organization",
    abstract:
      "List the services with trusted access, like `aws organizations list-aws-service-access-for-organization`."
  )

  @OptionGroup var store: StoreOptions

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("ListAWSServiceAccessForOrganization", store) { try Organizations($0).serviceAccess() })
  }
}

struct ListAccountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-accounts",
    abstract: "List the organization's accounts and their status, like `aws organizations list-accounts`.")

  @OptionGroup var store: StoreOptions

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("ListAccounts", store) { try Organizations($0).listAccounts() })
  }
}

struct CloseAccountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close-account",
    abstract: "Close a member account (it becomes SUSPENDED), like `aws organizations close-account`.",
    discussion: """
      A trail cannot name an SNS topic of a closed account: CloudTrailInvalidClientTokenIdException.
      """)

  @OptionGroup var store: StoreOptions

  @Option(name: .customLong("account-id"), help: ArgumentHelp("The member to close.", valueName: "id"))
  var accountId: String

  func run() throws {
    try StoreCall.run("CloseAccount", store) { try Organizations($0).closeAccount(accountId) }
  }
}

struct ServicePrincipalOption: ParsableArguments {
  @Option(
    name: .customLong("service-principal"),
    help: ArgumentHelp("The service, e.g. cloudtrail.amazonaws.com.", valueName: "principal"))
  var servicePrincipal: String
}
