/// Makes the configuration item AWS Config records after change `k` of a demo resource.
///
/// `history` is the resource's changes `0...k` (the policy's version dates and the function's
/// `lastModified` read them); everything else comes from the resource and `history[k].state`.
struct ConfigItemComposer: Sendable {
  let accounts: [DemoAccount]
  let regionNames: [String]
  let plan: ConfigResourcePlan

  func item(_ index: Int, history: ArraySlice<ConfigChange>, causedBy eventID: String)
    -> ConfigurationItemRecord
  {
    let r = plan.resources[index]
    let change = history[history.endIndex - 1]
    let account = accounts[r.account]
    let s = change.state
    let status: ConfigurationItemRecord.Status =
      s.deleted ? .resourceDeleted : change.action.verb == .create ? .resourceDiscovered : .ok
    return ConfigurationItemRecord(
      captureTime: change.capture, status: status, accountId: account.id, resourceType: r.kind.resourceType,
      resourceId: r.id, resourceName: r.name, arn: r.arn, awsRegion: regionNames[r.region],
      availabilityZone: r.kind == .instance ? regionNames[r.region] + "a" : nil,
      resourceCreationTime: r.createdAt * 1000,
      configuration: s.deleted ? .null : configuration(r, s, account, history),
      supplementaryConfiguration: s.deleted ? .object([]) : supplementary(r, s),
      relatedEvents: [eventID], relationships: s.deleted ? [] : relationships(r, s, account),
      tags: s.deleted ? [] : ConfigShapes.tags(r, s))
  }

  // MARK: configuration

  private func configuration(
    _ r: ConfigResource, _ s: ConfigState, _ account: DemoAccount, _ history: ArraySlice<ConfigChange>
  ) -> JSONValue {
    let tagList = JSONValue.array(
      ConfigShapes.tags(r, s).map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })
    switch r.kind {
    case .securityGroup:
      let rules = ConfigShapes.ingressRules.indices.filter { s.rules & (1 << $0) != 0 }.map { i in
        let rule = ConfigShapes.ingressRules[i]
        return JSONValue.object([
          ("fromPort", ConfigShapes.int(rule.port)), ("ipProtocol", .string("tcp")),
          ("ipv6Ranges", .array([])),
          ("prefixListIds", .array([])), ("toPort", ConfigShapes.int(rule.port)),
          ("userIdGroupPairs", .array([])),
          (
            "ipv4Ranges",
            .array([.object([("cidrIp", .string(rule.cidr)), ("description", .string(rule.description))])])
          ),
          ("ipRanges", .array([.string(rule.cidr)])),
        ])
      }
      let egress = JSONValue.object([
        ("ipProtocol", .string("-1")), ("ipv6Ranges", .array([])), ("prefixListIds", .array([])),
        ("userIdGroupPairs", .array([])),
        ("ipv4Ranges", .array([.object([("cidrIp", .string("0.0.0.0/0"))])])),
        ("ipRanges", .array([.string("0.0.0.0/0")])),
      ])
      return .object([
        ("description", .string(Self.groupDescription(r))), ("groupName", .string(r.name)),
        ("ipPermissions", .array(rules)), ("ownerId", .string(account.id)), ("groupId", .string(r.id)),
        ("ipPermissionsEgress", .array([egress])), ("tags", tagList),
        ("vpcId", .string(ConfigShapes.vpc(r, account))),
      ])
    case .instance:
      let group = plan.group(of: r)
      let address = ConfigShapes.privateAddress(r)
      return .object([
        ("amiLaunchIndex", .integer(0)), ("imageId", .string(ConfigShapes.imageId(regionNames[r.region]))),
        ("instanceId", .string(r.id)), ("instanceType", .string(ConfigShapes.instanceTypes[s.instanceType])),
        ("kernelId", .null), ("keyName", .null), ("launchTime", ConfigShapes.time(r.createdAt)),
        ("monitoring", .object([("state", .string("disabled"))])),
        (
          "placement",
          .object([
            ("availabilityZone", .string(regionNames[r.region] + "a")), ("groupName", .string("")),
            ("tenancy", .string("default")),
          ])
        ),
        ("privateDnsName", .string("ip-\(address.replacingOccurrences(of: ".", with: "-")).ec2.internal")),
        ("privateIpAddress", .string(address)),
        (
          "state",
          .object([
            ("code", .integer(s.running ? 16 : 80)), ("name", .string(s.running ? "running" : "stopped")),
          ])
        ),
        ("subnetId", .string(ConfigShapes.subnet(r, account))),
        ("vpcId", .string(ConfigShapes.vpc(r, account))),
        ("architecture", .string("x86_64")), ("rootDeviceName", .string("/dev/xvda")),
        ("rootDeviceType", .string("ebs")),
        (
          "securityGroups",
          .array(
            group.map { [.object([("groupName", .string($0.name)), ("groupId", .string($0.id))])] } ?? [])
        ),
        ("tags", tagList),
        (
          "metadataOptions",
          .object([("httpTokens", .string("required")), ("httpPutResponseHopLimit", .integer(2))])
        ),
      ])
    case .bucket:
      return .object([
        ("name", .string(r.name)),
        ("owner", .object([("displayName", .null), ("id", .string(Self.canonicalID(account)))])),
        ("creationDate", ConfigShapes.time(r.createdAt)),
      ])
    case .role:
      let policies = ConfigShapes.rolePolicies(account: account.id, app: r.app)
      let attached = policies.indices.filter { s.attached & (1 << $0) != 0 }.map { i in
        JSONValue.object([("policyArn", .string(policies[i].arn)), ("policyName", .string(policies[i].name))])
      }
      return .object([
        ("path", .string("/")), ("roleName", .string(r.name)), ("roleId", .string(r.id)),
        ("arn", .string(r.arn)), ("createDate", ConfigShapes.time(r.createdAt)),
        ("assumeRolePolicyDocument", .string(ConfigShapes.urlEncoded(ConfigShapes.trustPolicy))),
        ("instanceProfileList", .array([])), ("rolePolicyList", .array([])),
        ("attachedManagedPolicies", .array(attached)), ("permissionsBoundary", .null), ("tags", tagList),
        ("roleLastUsed", .null),
      ])
    case .policy:
      var created: [Int: Int64] = [:]
      for change in history {
        switch change.action.verb {
        case .create: created[1] = change.time
        case .createPolicyVersion: created[change.action.argument] = change.time
        default: break
        }
      }
      let versions = (s.firstVersion...s.lastVersion).map { v in
        JSONValue.object([
          ("document", .string(ConfigShapes.urlEncoded(ConfigShapes.policyDocument(v)))),
          ("versionId", .string("v\(v)")), ("isDefaultVersion", .bool(v == s.lastVersion)),
          ("createDate", ConfigShapes.time(created[v] ?? r.createdAt)),
        ])
      }
      return .object([
        ("policyName", .string(r.name)), ("policyId", .string(r.id)), ("arn", .string(r.arn)),
        ("defaultVersionId", .string("v\(s.lastVersion)")), ("path", .string("/")),
        ("isAttachable", .bool(true)),
        ("permissionsBoundaryUsageCount", .integer(0)), ("createDate", ConfigShapes.time(r.createdAt)),
        ("updateDate", ConfigShapes.time(created[s.lastVersion] ?? r.createdAt)),
        ("policyVersionList", .array(versions)),
      ])
    case .key:
      return .object([
        ("awsaccountId", .string(account.id)), ("keyId", .string(r.id)), ("arn", .string(r.arn)),
        ("creationDate", ConfigShapes.time(r.createdAt)), ("enabled", .bool(!s.keyDisabled)),
        ("description", .string(Self.keyDescription(r))), ("keyUsage", .string("ENCRYPT_DECRYPT")),
        ("keyState", .string(s.keyDisabled ? "Disabled" : "Enabled")), ("origin", .string("AWS_KMS")),
        ("keyManager", .string("CUSTOMER")), ("customerMasterKeySpec", .string("SYMMETRIC_DEFAULT")),
        ("keySpec", .string("SYMMETRIC_DEFAULT")),
        ("encryptionAlgorithms", .array([.string("SYMMETRIC_DEFAULT")])),
        ("multiRegion", .bool(false)), ("keyRotationEnabled", .bool(s.rotation)),
      ])
    case .function:
      let role = plan.global(.role, account: r.account)
      return .object([
        ("functionName", .string(r.name)), ("functionArn", .string(r.arn)),
        ("runtime", .string(ConfigShapes.runtimes[s.runtime])), ("role", ConfigShapes.text(role?.arn)),
        ("handler", .string("app.handler")), ("codeSize", .integer(Int64(Self.codeSize(r)))),
        ("description", .string("")), ("timeout", ConfigShapes.int(s.timeout)),
        ("memorySize", ConfigShapes.int(s.memory)),
        ("lastModified", .string(Self.lambdaTime(history[history.endIndex - 1].time))),
        ("codeSha256", .string(Self.codeSha256(r))), ("version", .string("$LATEST")),
        ("tracingConfig", .object([("mode", .string("PassThrough"))])), ("packageType", .string("Zip")),
        ("architectures", .array([.string("x86_64")])),
        ("ephemeralStorage", .object([("size", .integer(512))])),
      ])
    }
  }

  private func supplementary(_ r: ConfigResource, _ s: ConfigState) -> JSONValue {
    guard r.kind == .bucket else { return .object([]) }
    let tags = ConfigShapes.tags(r, s)
    return .object([
      (
        "BucketLoggingConfiguration",
        .object([("destinationBucketName", .null), ("logFilePrefix", .null)])
      ),
      (
        "BucketPolicy",
        .object([
          (
            "policyText",
            s.bucketPolicy == 0
              ? .null : .string(ConfigShapes.bucketPolicy(s.bucketPolicy, bucket: r.name).compactText())
          )
        ])
      ),
      (
        "BucketTaggingConfiguration",
        tags.isEmpty
          ? .null
          : .object([
            ("tagSets", .array([.object([("tags", .object(tags.map { ($0.key, .string($0.value)) }))])]))
          ])
      ),
      (
        "BucketVersioningConfiguration",
        .object([
          ("status", .string(ConfigShapes.versioningStatus[s.versioning])), ("isMfaDeleteEnabled", .null),
        ])
      ),
      ("IsRequesterPaysEnabled", .bool(false)),
      (
        "PublicAccessBlockConfiguration",
        .object([
          ("blockPublicAcls", .bool(true)), ("ignorePublicAcls", .bool(true)),
          ("blockPublicPolicy", .bool(true)),
          ("restrictPublicBuckets", .bool(true)),
        ])
      ),
    ])
  }

  private func relationships(_ r: ConfigResource, _ s: ConfigState, _ account: DemoAccount)
    -> [ConfigurationItemRecord.Relationship]
  {
    switch r.kind {
    case .securityGroup:
      return [
        .init(
          name: "Is contained in Vpc", resourceType: "AWS::EC2::VPC", resourceId: ConfigShapes.vpc(r, account)
        )
      ]
    case .instance:
      var out: [ConfigurationItemRecord.Relationship] = [
        .init(
          name: "Is contained in Vpc", resourceType: "AWS::EC2::VPC", resourceId: ConfigShapes.vpc(r, account)
        ),
        .init(
          name: "Is contained in Subnet", resourceType: "AWS::EC2::Subnet",
          resourceId: ConfigShapes.subnet(r, account)),
      ]
      if let group = plan.group(of: r) {
        out.append(
          .init(
            name: "Is associated with SecurityGroup", resourceType: "AWS::EC2::SecurityGroup",
            resourceId: group.id,
            resourceName: group.name))
      }
      return out
    case .role:
      guard s.attached & (1 << 2) != 0, let policy = plan.global(.policy, account: r.account) else {
        return []
      }
      return [
        .init(
          name: "Is attached to CustomerManagedPolicy", resourceType: "AWS::IAM::Policy",
          resourceId: policy.id,
          resourceName: policy.name)
      ]
    case .function:
      guard let role = plan.global(.role, account: r.account) else { return [] }
      return [
        .init(
          name: "Is associated with Role", resourceType: "AWS::IAM::Role", resourceId: role.id,
          resourceName: role.name)
      ]
    case .bucket, .policy, .key:
      return []
    }
  }

  // MARK: Values shared with the calls

  static func groupDescription(_ r: ConfigResource) -> String {
    r.slot == 0 ? "\(r.app) workers" : "\(r.app) bastion access"
  }
  static func keyDescription(_ r: ConfigResource) -> String { "\(r.app) exports" }
  static func canonicalID(_ account: DemoAccount) -> String {
    StableID.hex("", 64, StableHash.label("canonical"), StableHash.label(account.id))
  }
  static func codeSize(_ r: ConfigResource) -> Int { 20_000 + Int(r.hash % 5_000_000) }
  static func codeSha256(_ r: ConfigResource) -> String {
    StableID.base32("", 43, r.hash, StableHash.label("sha")) + "="
  }
  /// Lambda's own time format: `2024-01-02T03:04:05.000+0000`.
  static func lambdaTime(_ seconds: Int64) -> String {
    String(ISO8601Time.format(seconds).dropLast()) + ".000+0000"
  }
}
