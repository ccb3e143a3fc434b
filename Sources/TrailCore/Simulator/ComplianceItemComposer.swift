/// Makes the `AWS::Config::ResourceCompliance` configuration items AWS Config records when a rule's
/// evaluation of a demo resource starts or changes (the controls' rules of `AuditControl`).
///
/// The configuration carries what the user guide's sample queries read: `complianceType`,
/// `configRuleList` (each rule's ARN, id, name and result) and `targetResourceId` /
/// `targetResourceType`, the resource evaluated. The item's own resourceId is
/// `TYPE/ID` of that resource, and it is related to it (inferred; the guide shows no such item).
struct ComplianceItemComposer: Sendable {
  static let resourceType = "AWS::Config::ResourceCompliance"

  let accounts: [DemoAccount]
  let regionNames: [String]
  let plan: ConfigResourcePlan

  /// The item recording `control`'s result for resource `index` in `state`, captured at `time` (ms);
  /// `isFirst` for the first evaluation (the item's status is then ResourceDiscovered).
  func item(_ index: Int, control: AuditControl, state: ConfigState, time: Int64, isFirst: Bool)
    -> ConfigurationItemRecord
  {
    let r = plan.resources[index]
    let account = accounts[r.account].id
    let region = regionNames[r.region]
    let compliance = control.isCompliant(state) ? "COMPLIANT" : "NON_COMPLIANT"
    let ruleId =
      "config-rule-"
      + StableUUID.from("config-rule|\(account)|\(region)|\(control.configRule)")
      .replacingOccurrences(of: "-", with: "").prefix(6)
    let rule = JSONValue.object([
      ("configRuleArn", .string("arn:aws:config:\(region):\(account):config-rule/\(ruleId)")),
      ("configRuleId", .string(String(ruleId))), ("configRuleName", .string(control.configRule)),
      ("complianceType", .string(compliance)),
    ])
    let target = "\(r.kind.resourceType)/\(r.id)"
    return ConfigurationItemRecord(
      captureTime: time, status: isFirst ? .resourceDiscovered : .ok, accountId: account,
      resourceType: Self.resourceType, resourceId: target, resourceName: target, awsRegion: region,
      configuration: .object([
        ("complianceType", .string(compliance)), ("configRuleList", .array([rule])),
        ("targetResourceId", .string(r.id)), ("targetResourceType", .string(r.kind.resourceType)),
      ]),
      relationships: [
        .init(
          name: "Is associated with", resourceType: r.kind.resourceType, resourceId: r.id,
          resourceName: r.name)
      ])
  }
}
