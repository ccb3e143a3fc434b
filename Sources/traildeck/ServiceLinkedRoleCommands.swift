import ArgumentParser
import Foundation
import TrailCore

/// `traildeck create-service-linked-role`, `delete-service-linked-role`: CloudTrail's service-linked
/// role `AWSServiceRoleForCloudTrail` in the caller's account (`ServiceLinkedRoles`), as
/// `aws iam create-service-linked-role` and `delete-service-linked-role` make and remove it. Every
/// account has it until it is deleted; organization trails need it (spec §3.4).
struct CreateServiceLinkedRoleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-service-linked-role",
    abstract:
      "Create CloudTrail's service-linked role in the caller's account, like `aws iam create-service-linked-role`."
  )

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("aws-service-name"),
    help: ArgumentHelp("The service: cloudtrail.amazonaws.com.", valueName: "service"))
  var awsServiceName: String

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("CreateServiceLinkedRole", store) {
        try ServiceLinkedRoles($0).create(awsServiceName: awsServiceName)
      })
  }
}

struct DeleteServiceLinkedRoleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete-service-linked-role",
    abstract:
      "Delete CloudTrail's service-linked role from the caller's account, like `aws iam delete-service-linked-role`."
  )

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("role-name"),
    help: ArgumentHelp("The role: AWSServiceRoleForCloudTrail.", valueName: "name"))
  var roleName: String

  func run() throws {
    try OperationOutput.printJSON(
      StoreCall.run("DeleteServiceLinkedRole", store) {
        try ServiceLinkedRoles($0).delete(roleName: roleName)
      })
  }
}
