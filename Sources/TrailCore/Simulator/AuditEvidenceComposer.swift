/// One control of the demo's Audit Manager assessment, checked by an AWS Config rule on one kind of
/// demo resource.
struct AuditControl: Sendable {
  /// Security Hub's control id, which the control's name starts with.
  var code: String
  var name: String
  var description: String
  var configRule: String
  var kind: ConfigResource.Kind
  var controlSet: String
  var domain: String
  var service: String
  var serviceCategory: String
  /// The setting the rule reads, as an evidence attribute (name, value from the state).
  var attribute: String

  /// Whether a resource in `state` passes.
  func isCompliant(_ state: ConfigState) -> Bool {
    switch kind {
    case .bucket: state.versioning == 1
    case .key: state.rotation
    case .securityGroup: state.rules & 1 == 0
    default: true
    }
  }

  func attributeValue(_ state: ConfigState) -> String {
    switch kind {
    case .bucket: ConfigShapes.versioningStatus[state.versioning]
    case .key: state.rotation ? "true" : "false"
    default: state.rules & 1 == 0 ? "false" : "true"
    }
  }

  /// Three controls of AWS Foundational Security Best Practices, one per checked resource kind.
  static let all: [AuditControl] = [
    AuditControl(
      code: "S3.14", name: "[S3.14] S3 general purpose buckets should have versioning enabled",
      description:
        "This control checks whether an Amazon S3 general purpose bucket has versioning enabled. The control fails if versioning is suspended or has never been enabled.",
      configRule: "s3-bucket-versioning-enabled", kind: .bucket, controlSet: "Data protection",
      domain: "Data protection", service: "s3", serviceCategory: "Storage", attribute: "versioningStatus"),
    AuditControl(
      code: "KMS.4", name: "[KMS.4] AWS KMS key rotation should be enabled",
      description:
        "This control checks whether automatic key rotation is enabled for each customer managed AWS KMS key. The control fails if key rotation is not enabled.",
      configRule: "cmk-backing-key-rotation-enabled", kind: .key, controlSet: "Data protection",
      domain: "Data protection", service: "kms", serviceCategory: "Security, identity, & compliance",
      attribute: "keyRotationEnabled"),
    AuditControl(
      code: "EC2.13",
      name: "[EC2.13] Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22",
      description:
        "This control checks whether an Amazon EC2 security group allows ingress from 0.0.0.0/0 or ::/0 to port 22. The control fails if the security group allows such ingress.",
      configRule: "restricted-ssh", kind: .securityGroup, controlSet: "Network security",
      domain: "Network security", service: "ec2", serviceCategory: "Compute", attribute: "sshOpenToInternet"),
  ]

  static func control(for kind: ConfigResource.Kind) -> AuditControl? { all.first { $0.kind == kind } }
}

/// Writes the Audit Manager evidence of the demo's one assessment (framework "AWS Foundational
/// Security Best Practices", run by the organization's management account over every account): a
/// `Compliance check` from AWS Config per checked resource once a day, and again a few minutes after
/// a change's configuration item when the change flips the resource's compliance.
struct AuditEvidenceComposer: Sendable {
  static let frameworkName = "AWS Foundational Security Best Practices"

  let seed: UInt64
  let accounts: [DemoAccount]
  let regionNames: [String]
  let plan: ConfigResourcePlan

  /// The assessment's id (one per demo organization).
  var assessmentId: String { StableUUID.from("assessment|\(seed)") }

  /// Evidence about resource `index` collected at `time` (ms) while it was in `state`.
  func record(_ index: Int, state: ConfigState, time: Int64) -> DemoRecord? {
    let r = plan.resources[index]
    guard let control = AuditControl.control(for: r.kind) else { return nil }
    let management = accounts[0].id
    let account = accounts[r.account].id
    let compliance = control.isCompliant(state) ? "COMPLIANT" : "NON_COMPLIANT"
    let day = String(ISO8601Time.format(time / 1000).prefix(10))
    let controlId = StableUUID.from("control|\(control.code)")
    let evidence = EvidenceRecord(
      time: time, awsRegion: regionNames[r.region], awsAccountId: management,
      awsOrganization: OrganizationInfo.demoID(seed: seed), complianceCheck: compliance,
      dataSource: "AWS Config", eventName: control.configRule, eventSource: "config.amazonaws.com",
      evidenceAwsAccountId: account, evidenceByType: .complianceCheck,
      evidenceId: StableUUID.from("evidence|\(r.hash)|\(time)|\(control.code)"),
      assessmentId: assessmentId,
      controlSetId: control.controlSet, controlId: controlId, controlName: control.name,
      controlDomainName: control.domain, frameworkName: Self.frameworkName,
      frameworkId: StableUUID.from("framework|\(Self.frameworkName)"), service: control.service,
      serviceCategory: control.serviceCategory, resourceArn: r.arn, resourceType: r.kind.resourceType,
      evidenceFolderId: StableUUID.from("folder|\(assessmentId)|\(control.code)|\(day)"),
      description: control.description, evidenceFolderName: day, resourceComplianceCheck: compliance,
      attributes: [
        ("configRuleName", control.configRule), ("complianceType", compliance), ("resourceId", r.id),
        (control.attribute, control.attributeValue(state)),
      ])
    return DemoRecord(
      eventTime: time / 1000, accountId: management, awsRegion: regionNames[r.region], json: evidence.json)
  }
}
