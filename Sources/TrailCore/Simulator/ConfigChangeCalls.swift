/// Writes the management CloudTrail record of the call behind a demo resource's change: the API,
/// `requestParameters`, `responseElements` and `resources` shaped as the service logs them (as
/// `ApiShapes` writes the same APIs for background traffic), made by the account's Terraform user, a
/// person's SSO session or the CI role.
struct ConfigChangeCalls: Sendable {
  let seed: UInt64
  let accounts: [DemoAccount]
  let regionNames: [String]
  let plan: ConfigResourcePlan

  /// The eventID of the call behind change `k` of resource `index`, from a stream of its own so the
  /// configuration item can name it without writing the call. Calls after the history span (live
  /// mode) take live mode's eventID space.
  func eventID(_ index: Int, k: Int, time: Int64) -> String {
    var random = SeededRandom(keys: plan.resources[index].hash, StableHash.label("eventID"), UInt64(k))
    return Self.uuid(&random, isLive: time >= plan.span.end)
  }

  /// The call record behind the last change of `history` (resource `index`'s changes `0...k`).
  func record(_ index: Int, history: ArraySlice<ConfigChange>) -> DemoRecord {
    let r = plan.resources[index]
    let k = history.count - 1
    let change = history[history.endIndex - 1]
    let before = k > 0 ? history[history.endIndex - 2].state : ConfigState()
    let account = accounts[r.account]
    let regionName = regionNames[r.region]
    var random = SeededRandom(keys: r.hash, StableHash.label("call"), UInt64(k))
    let (service, name) = Self.api(r.kind, change.action.verb)
    let api = DemoAPI(service: service, name: name, isReadOnly: false, weight: 0)
    let caller = Self.caller(account, region: r.region, time: change.time, &random)

    var shape = CallShape(
      r: r, account: account, regionName: regionName, time: change.time, action: change.action,
      before: before,
      after: change.state, plan: plan, random: random)
    let (request, response, extra) = shape.write()
    random = shape.random

    var head = RecordWriter(capacity: 1024)
    head.beginObject()
    caller.writeIdentity(&head, account: account, seed: seed)
    caller.writeUserAgent(&head, api: api)
    head.endObject()
    let parsed = (try? JSONValue(parsing: head.bytes)) ?? .object([])
    let eventID = eventID(index, k: k, time: change.time)
    var members: [(key: String, value: JSONValue)] = [
      ("eventVersion", .string("1.09")),
      ("userIdentity", parsed["userIdentity"] ?? .null),
      ("eventTime", .string(ISO8601Time.format(change.time))),
      ("eventSource", .string(service.eventSource)),
      ("eventName", .string(name)),
      ("awsRegion", .string(regionName)),
      ("sourceIPAddress", .string(caller.sourceIP)),
      ("userAgent", parsed["userAgent"] ?? .null),
      ("requestParameters", request),
      ("responseElements", response),
    ]
    if let extra { members.append(("additionalEventData", extra)) }
    members.append(
      (
        "requestID",
        .string(
          service == .s3
            ? StableID.hex("", 16, random.next()).uppercased() : Self.uuid(&random, isLive: false))
      ))
    members.append(("eventID", .string(eventID)))
    members.append(("readOnly", .bool(false)))
    if let type = Self.listedType(r.kind) {
      members.append(
        (
          "resources",
          .array([
            .object([("accountId", .string(account.id)), ("type", .string(type)), ("ARN", .string(r.arn))])
          ])
        ))
    }
    members.append(("eventType", .string("AwsApiCall")))
    members.append(("managementEvent", .bool(true)))
    members.append(("recipientAccountId", .string(account.id)))
    members.append(("eventCategory", .string("Management")))
    if !caller.fromConsole {
      let host =
        service.isGlobal ? "\(service.prefix).amazonaws.com" : "\(service.prefix).\(regionName).amazonaws.com"
      members.append(
        (
          "tlsDetails",
          .object([
            ("tlsVersion", .string("TLSv1.3")), ("cipherSuite", .string("TLS_AES_128_GCM_SHA256")),
            ("clientProvidedHostHeader", .string(host)),
          ])
        ))
    } else {
      members.append(("sessionCredentialFromConsole", .string("true")))
    }
    let json = Array(JSONValue.object(members).compactText().utf8)
    return DemoRecord(eventTime: change.time, accountId: account.id, awsRegion: regionName, json: json)
  }

  /// CloudTrail lists the resource for S3 and KMS calls (as the background's shapes do); EC2, IAM and
  /// Lambda calls name theirs in the request only.
  static func listedType(_ kind: ConfigResource.Kind) -> String? {
    switch kind {
    case .bucket: "AWS::S3::Bucket"
    case .key: "AWS::KMS::Key"
    default: nil
    }
  }

  static func api(_ kind: ConfigResource.Kind, _ verb: ConfigAction.Verb) -> (DemoService, String) {
    switch verb {
    case .create:
      switch kind {
      case .securityGroup: return (.ec2, "CreateSecurityGroup")
      case .instance: return (.ec2, "RunInstances")
      case .bucket: return (.s3, "CreateBucket")
      case .role: return (.iam, "CreateRole")
      case .policy: return (.iam, "CreatePolicy")
      case .key: return (.kms, "CreateKey")
      case .function: return (.lambda, "CreateFunction20150331")
      }
    case .authorizeIngress: return (.ec2, "AuthorizeSecurityGroupIngress")
    case .revokeIngress: return (.ec2, "RevokeSecurityGroupIngress")
    case .deleteSecurityGroup: return (.ec2, "DeleteSecurityGroup")
    case .stopInstance: return (.ec2, "StopInstances")
    case .startInstance: return (.ec2, "StartInstances")
    case .modifyInstanceType: return (.ec2, "ModifyInstanceAttribute")
    case .terminateInstance: return (.ec2, "TerminateInstances")
    case .putVersioning: return (.s3, "PutBucketVersioning")
    case .putBucketPolicy: return (.s3, "PutBucketPolicy")
    case .putBucketTagging: return (.s3, "PutBucketTagging")
    case .deleteBucket: return (.s3, "DeleteBucket")
    case .attachRolePolicy: return (.iam, "AttachRolePolicy")
    case .detachRolePolicy: return (.iam, "DetachRolePolicy")
    case .createPolicyVersion: return (.iam, "CreatePolicyVersion")
    case .deletePolicyVersion: return (.iam, "DeletePolicyVersion")
    case .enableKeyRotation: return (.kms, "EnableKeyRotation")
    case .disableKeyRotation: return (.kms, "DisableKeyRotation")
    case .disableKey: return (.kms, "DisableKey")
    case .enableKey: return (.kms, "EnableKey")
    case .updateFunctionConfiguration: return (.lambda, "UpdateFunctionConfiguration20150331v2")
    case .deleteFunction: return (.lambda, "DeleteFunction20150331")
    }
  }

  /// Infrastructure changes come from Terraform (half), an administrator's SSO session, or CI.
  static func caller(_ account: DemoAccount, region: Int, time: Int64, _ random: inout SeededRandom)
    -> DemoCaller
  {
    let roll = random.unit()
    if roll < 0.5 {
      return .iamUser(account.user(named: "terraform"), in: account, &random)
    } else if roll < 0.8 {
      return .sso(random.below(3), in: account, at: time, &random)
    }
    let ci = account.roles.first { $0.use == .ci } ?? account.roles[0]
    return .workload(ci, in: account, region: region, at: time, &random)
  }

  /// A version-4 UUID as `RecordWriter.uuid` writes it (live mode's variant for live calls).
  static func uuid(_ random: inout SeededRandom, isLive: Bool) -> String {
    var w = RecordWriter(capacity: 40)
    w.uuid(&random, isLive: isLive)
    return String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self)
  }
}
