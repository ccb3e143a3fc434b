/// `requestParameters`, `responseElements` and `additionalEventData` of one resource-changing call,
/// in the shapes each service logs (EC2's `…Set: {items: […]}`, S3's XML-derived bodies, IAM's and
/// KMS's dates such as `Mar 30, 2022, 11:35:44 AM`, Lambda's full function configuration).
struct CallShape {
  let r: ConfigResource
  let account: DemoAccount
  let regionName: String
  let time: Int64
  let action: ConfigAction
  let before: ConfigState
  let after: ConfigState
  let plan: ConfigResourcePlan
  var random: SeededRandom

  typealias Members = [(key: String, value: JSONValue)]

  mutating func write() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    switch r.kind {
    case .securityGroup: return securityGroup()
    case .instance: return instance()
    case .bucket: return bucket()
    case .role, .policy: return iam()
    case .key: return key()
    case .function: return function()
    }
  }

  // MARK: EC2

  private mutating func requestId() -> (String, JSONValue) {
    ("requestId", .string(ConfigChangeCalls.uuid(&random, isLive: false)))
  }

  private static func items(_ list: [JSONValue]) -> JSONValue { .object([("items", .array(list))]) }

  private func ruleRequest(_ index: Int) -> JSONValue {
    let rule = ConfigShapes.ingressRules[index]
    return Self.items([
      .object([
        ("ipProtocol", .string("tcp")), ("fromPort", ConfigShapes.int(rule.port)),
        ("toPort", ConfigShapes.int(rule.port)), ("groups", .object([])),
        (
          "ipRanges",
          Self.items([.object([("cidrIp", .string(rule.cidr)), ("description", .string(rule.description))])])
        ),
        ("ipv6Ranges", .object([])), ("prefixListIds", .object([])),
      ])
    ])
  }

  private mutating func securityGroup() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    let vpc = ConfigShapes.vpc(r, account)
    switch action.verb {
    case .create:
      return (
        .object([
          ("groupName", .string(r.name)),
          ("groupDescription", .string(ConfigItemComposer.groupDescription(r))),
          ("vpcId", .string(vpc)),
        ]), .object([requestId(), ("_return", .bool(true)), ("groupId", .string(r.id))]), nil
      )
    case .authorizeIngress:
      let rule = ConfigShapes.ingressRules[action.argument]
      let ruleId = StableID.hex("sgr-0", 16, r.hash, UInt64(action.argument), UInt64(time))
      let response = JSONValue.object([
        requestId(), ("_return", .bool(true)),
        (
          "securityGroupRuleSet",
          Self.items([
            .object([
              ("groupOwnerId", .string(account.id)), ("groupId", .string(r.id)),
              ("securityGroupRuleId", .string(ruleId)), ("isEgress", .bool(false)),
              ("ipProtocol", .string("tcp")), ("fromPort", ConfigShapes.int(rule.port)),
              ("toPort", ConfigShapes.int(rule.port)), ("cidrIpv4", .string(rule.cidr)),
              ("description", .string(rule.description)),
            ])
          ])
        ),
      ])
      return (
        .object([("groupId", .string(r.id)), ("ipPermissions", ruleRequest(action.argument))]), response, nil
      )
    case .revokeIngress:
      return (
        .object([("groupId", .string(r.id)), ("ipPermissions", ruleRequest(action.argument))]),
        .object([requestId(), ("_return", .bool(true))]), nil
      )
    default:  // DeleteSecurityGroup
      return (
        .object([("groupId", .string(r.id))]),
        .object([requestId(), ("_return", .bool(true)), ("groupId", .string(r.id))]), nil
      )
    }
  }

  private static func instanceState(_ code: Int, _ name: String) -> JSONValue {
    .object([("code", .integer(Int64(code))), ("name", .string(name))])
  }

  private mutating func instance() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    let group = plan.group(of: r)
    switch action.verb {
    case .create:
      let image = ConfigShapes.imageId(regionName)
      let type = ConfigShapes.instanceTypes[after.instanceType]
      let subnet = ConfigShapes.subnet(r, account)
      let tags = ConfigShapes.tags(r, after).map {
        JSONValue.object([("key", .string($0.key)), ("value", .string($0.value))])
      }
      let request = JSONValue.object([
        (
          "instancesSet",
          Self.items([
            .object([("imageId", .string(image)), ("minCount", .integer(1)), ("maxCount", .integer(1))])
          ])
        ),
        ("groupSet", Self.items(group.map { [.object([("groupId", .string($0.id))])] } ?? [])),
        ("instanceType", .string(type)), ("blockDeviceMapping", .object([])),
        ("monitoring", .object([("enabled", .bool(false))])),
        ("subnetId", .string(subnet)), ("disableApiTermination", .bool(false)),
        (
          "tagSpecificationSet",
          Self.items([.object([("resourceType", .string("instance")), ("tags", .array(tags))])])
        ),
        (
          "metadataOptions",
          .object([("httpTokens", .string("required")), ("httpPutResponseHopLimit", .integer(2))])
        ),
      ])
      let address = ConfigShapes.privateAddress(r)
      let response = JSONValue.object([
        requestId(), ("reservationId", .string(StableID.hex("r-0", 16, r.hash, 7))),
        ("ownerId", .string(account.id)),
        ("groupSet", .object([])),
        (
          "instancesSet",
          Self.items([
            .object([
              ("instanceId", .string(r.id)), ("imageId", .string(image)),
              ("instanceState", Self.instanceState(0, "pending")),
              (
                "privateDnsName",
                .string("ip-\(address.replacingOccurrences(of: ".", with: "-")).ec2.internal")
              ),
              ("amiLaunchIndex", .integer(0)), ("instanceType", .string(type)),
              (
                "placement",
                .object([("availabilityZone", .string(regionName + "a")), ("tenancy", .string("default"))])
              ),
              ("subnetId", .string(subnet)), ("vpcId", .string(ConfigShapes.vpc(r, account))),
              ("privateIpAddress", .string(address)),
              (
                "groupSet",
                Self.items(
                  group.map { [.object([("groupId", .string($0.id)), ("groupName", .string($0.name))])] }
                    ?? [])
              ),
            ])
          ])
        ),
      ])
      return (request, response, nil)
    case .modifyInstanceType:
      return (
        .object([
          ("instanceId", .string(r.id)),
          ("instanceType", .object([("value", .string(ConfigShapes.instanceTypes[action.argument]))])),
        ]), .object([requestId(), ("_return", .bool(true))]), nil
      )
    default:  // StopInstances, StartInstances, TerminateInstances
      let (current, previous): ((Int, String), (Int, String)) =
        switch action.verb {
        case .stopInstance: ((64, "stopping"), (16, "running"))
        case .startInstance: ((0, "pending"), (80, "stopped"))
        default: ((32, "shutting-down"), before.running ? (16, "running") : (80, "stopped"))
        }
      var request: Members = [("instancesSet", Self.items([.object([("instanceId", .string(r.id))])]))]
      if action.verb == .stopInstance { request.append(("force", .bool(false))) }
      let response = JSONValue.object([
        requestId(),
        (
          "instancesSet",
          Self.items([
            .object([
              ("instanceId", .string(r.id)), ("currentState", Self.instanceState(current.0, current.1)),
              ("previousState", Self.instanceState(previous.0, previous.1)),
            ])
          ])
        ),
      ])
      return (.object(request), response, nil)
    }
  }

  // MARK: S3

  private mutating func bucket() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    var request: Members = [
      ("bucketName", .string(r.name)), ("Host", .string("\(r.name).s3.\(regionName).amazonaws.com")),
    ]
    let xmlns = JSONValue.string("http://s3.amazonaws.com/doc/2006-03-01/")
    switch action.verb {
    case .create:
      if regionName != "us-east-1" {
        request.append(
          (
            "CreateBucketConfiguration",
            .object([("LocationConstraint", .string(regionName)), ("xmlns", xmlns)])
          ))
      }
    case .putVersioning:
      request.append(("versioning", .string("")))
      request.append(
        (
          "VersioningConfiguration",
          .object([("Status", .string(ConfigShapes.versioningStatus[action.argument])), ("xmlns", xmlns)])
        ))
    case .putBucketPolicy:
      request.append(("policy", .string("")))
      request.append(("bucketPolicy", ConfigShapes.bucketPolicy(action.argument, bucket: r.name)))
    case .putBucketTagging:
      request.append(("tagging", .string("")))
      let tags = ConfigShapes.tags(r, after).map {
        JSONValue.object([("Key", .string($0.key)), ("Value", .string($0.value))])
      }
      request.append(("Tagging", .object([("TagSet", .object([("Tag", .array(tags))])), ("xmlns", xmlns)])))
    default: break  // DeleteBucket
    }
    var text = RecordWriter(capacity: 96)
    text.beginString()
    ApiShapes.randomText(&text, &random, 76)
    text.endString()
    let extra = JSONValue.object([
      ("SignatureVersion", .string("SigV4")), ("CipherSuite", .string("TLS_AES_128_GCM_SHA256")),
      ("bytesTransferredIn", .integer(0)), ("AuthenticationMethod", .string("AuthHeader")),
      ("x-amz-id-2", .string(String(decoding: text.bytes.dropFirst().dropLast(), as: UTF8.self))),
      ("bytesTransferredOut", .integer(0)),
    ])
    return (.object(request), .null, extra)
  }

  // MARK: IAM

  /// IAM's and KMS's response date style, e.g. `Mar 30, 2022, 11:35:44 AM`.
  static func iamDate(_ seconds: Int64) -> JSONValue {
    var w = RecordWriter(capacity: 32)
    w.beginString()
    w.fragmentIAMDate(seconds)
    w.endString()
    return .string(String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
  }

  private mutating func iam() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    switch (r.kind, action.verb) {
    case (.role, .create):
      return (
        .object([
          ("roleName", .string(r.name)), ("path", .string("/")),
          ("assumeRolePolicyDocument", .string(ConfigShapes.trustPolicy)),
          (
            "tags",
            .array(
              ConfigShapes.tags(r, after).map {
                .object([("key", .string($0.key)), ("value", .string($0.value))])
              })
          ),
        ]),
        .object([
          (
            "role",
            .object([
              ("path", .string("/")), ("roleName", .string(r.name)), ("roleId", .string(r.id)),
              ("arn", .string(r.arn)), ("createDate", Self.iamDate(time)),
              ("assumeRolePolicyDocument", .string(ConfigShapes.urlEncoded(ConfigShapes.trustPolicy))),
            ])
          )
        ]), nil
      )
    case (.role, _):  // AttachRolePolicy, DetachRolePolicy
      let policy = ConfigShapes.rolePolicies(account: account.id, app: r.app)[action.argument]
      return (.object([("roleName", .string(r.name)), ("policyArn", .string(policy.arn))]), .null, nil)
    case (_, .create):  // CreatePolicy
      return (
        .object([
          ("policyName", .string(r.name)), ("policyDocument", .string(ConfigShapes.policyDocument(1))),
        ]),
        .object([
          (
            "policy",
            .object([
              ("policyName", .string(r.name)), ("policyId", .string(r.id)), ("arn", .string(r.arn)),
              ("path", .string("/")), ("defaultVersionId", .string("v1")), ("attachmentCount", .integer(0)),
              ("permissionsBoundaryUsageCount", .integer(0)), ("isAttachable", .bool(true)),
              ("createDate", Self.iamDate(time)), ("updateDate", Self.iamDate(time)),
            ])
          )
        ]), nil
      )
    case (_, .createPolicyVersion):
      return (
        .object([
          ("policyArn", .string(r.arn)),
          ("policyDocument", .string(ConfigShapes.policyDocument(action.argument))),
          ("setAsDefault", .bool(true)),
        ]),
        .object([
          (
            "policyVersion",
            .object([
              ("versionId", .string("v\(action.argument)")), ("isDefaultVersion", .bool(true)),
              ("createDate", Self.iamDate(time)),
            ])
          )
        ]), nil
      )
    default:  // DeletePolicyVersion
      return (
        .object([("policyArn", .string(r.arn)), ("versionId", .string("v\(action.argument)"))]), .null, nil
      )
    }
  }

  // MARK: KMS

  private mutating func key() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    guard action.verb == .create else { return (.object([("keyId", .string(r.id))]), .null, nil) }
    let tags = ConfigShapes.tags(r, after).map {
      JSONValue.object([("tagKey", .string($0.key)), ("tagValue", .string($0.value))])
    }
    let request = JSONValue.object([
      ("description", .string(ConfigItemComposer.keyDescription(r))),
      ("keyUsage", .string("ENCRYPT_DECRYPT")),
      ("keySpec", .string("SYMMETRIC_DEFAULT")), ("origin", .string("AWS_KMS")),
      ("bypassPolicyLockoutSafetyCheck", .bool(false)), ("tags", .array(tags)), ("multiRegion", .bool(false)),
    ])
    let response = JSONValue.object([
      (
        "keyMetadata",
        .object([
          ("aWSAccountId", .string(account.id)), ("keyId", .string(r.id)), ("arn", .string(r.arn)),
          ("creationDate", Self.iamDate(time)), ("enabled", .bool(true)),
          ("description", .string(ConfigItemComposer.keyDescription(r))),
          ("keyUsage", .string("ENCRYPT_DECRYPT")),
          ("keyState", .string("Enabled")), ("origin", .string("AWS_KMS")),
          ("keyManager", .string("CUSTOMER")),
          ("customerMasterKeySpec", .string("SYMMETRIC_DEFAULT")), ("keySpec", .string("SYMMETRIC_DEFAULT")),
          ("encryptionAlgorithms", .array([.string("SYMMETRIC_DEFAULT")])), ("multiRegion", .bool(false)),
        ])
      )
    ])
    return (request, response, nil)
  }

  // MARK: Lambda

  private mutating func function() -> (request: JSONValue, response: JSONValue, extra: JSONValue?) {
    let role = plan.global(.role, account: r.account)?.arn ?? ""
    let runtime = ConfigShapes.runtimes[after.runtime]
    switch action.verb {
    case .deleteFunction:
      return (.object([("functionName", .string(r.name))]), .null, nil)
    case .create, .updateFunctionConfiguration:
      var request: Members = [("functionName", .string(r.name))]
      if action.verb == .create {
        request += [
          ("runtime", .string(runtime)), ("role", .string(role)), ("handler", .string("app.handler")),
          (
            "code",
            .object([
              ("s3Bucket", .string(account.buckets[4])),
              ("s3Key", .string("lambda/\(r.name)/\(StableID.hex("", 8, r.hash)).zip")),
            ])
          ),
          ("description", .string("")), ("timeout", ConfigShapes.int(after.timeout)),
          ("memorySize", ConfigShapes.int(after.memory)), ("publish", .bool(false)),
          ("tags", .object(ConfigShapes.tags(r, after).map { ($0.key, .string($0.value)) })),
        ]
      } else {
        switch action.argument {
        case 0: request.append(("memorySize", ConfigShapes.int(after.memory)))
        case 1: request.append(("timeout", ConfigShapes.int(after.timeout)))
        default: request.append(("runtime", .string(runtime)))
        }
      }
      let isCreate = action.verb == .create
      let response = JSONValue.object([
        ("functionName", .string(r.name)), ("functionArn", .string(r.arn)), ("runtime", .string(runtime)),
        ("role", .string(role)), ("handler", .string("app.handler")),
        ("codeSize", .integer(Int64(ConfigItemComposer.codeSize(r)))), ("description", .string("")),
        ("timeout", ConfigShapes.int(after.timeout)), ("memorySize", ConfigShapes.int(after.memory)),
        ("lastModified", .string(ConfigItemComposer.lambdaTime(time))),
        ("codeSha256", .string(ConfigItemComposer.codeSha256(r))), ("version", .string("$LATEST")),
        ("tracingConfig", .object([("mode", .string("PassThrough"))])),
        ("revisionId", .string(ConfigChangeCalls.uuid(&random, isLive: false))),
        ("state", .string(isCreate ? "Pending" : "Active")),
        ("lastUpdateStatus", .string(isCreate ? "Successful" : "InProgress")),
        ("packageType", .string("Zip")), ("architectures", .array([.string("x86_64")])),
        ("ephemeralStorage", .object([("size", .integer(512))])),
      ])
      return (.object(request), response, nil)
    default:
      preconditionFailure("\(action.verb) is not a Lambda call")
    }
  }
}
