/// A demo resource that AWS Config records: created, changed every few hours to a day, some deleted.
///
/// Each (account, region) has two security groups, one EC2 instance (in the first group), one S3
/// bucket, one KMS key and one Lambda function; each account has one IAM role (which the functions
/// run as) and one customer managed policy (attached to the role on some changes), recorded in
/// `us-east-1` where the global IAM calls are logged. All are new resources made during the span, so
/// no background call refers to them before they exist.
struct ConfigResource: Sendable {
  enum Kind: Int, Sendable, CaseIterable {
    case securityGroup, instance, bucket, role, policy, key, function

    /// AWS Config's resource type.
    var resourceType: String {
      switch self {
      case .securityGroup: "AWS::EC2::SecurityGroup"
      case .instance: "AWS::EC2::Instance"
      case .bucket: "AWS::S3::Bucket"
      case .role: "AWS::IAM::Role"
      case .policy: "AWS::IAM::Policy"
      case .key: "AWS::KMS::Key"
      case .function: "AWS::Lambda::Function"
      }
    }
  }

  let kind: Kind
  let account: Int
  let region: Int
  /// Which of its kind in (account, region): the two security groups are slots 0 and 1.
  let slot: Int
  /// Keys every random choice about this resource.
  let hash: UInt64
  /// `resourceId`: `sg-0…`, `i-0…`, the bucket's name, the role's `AROA…` id, the key id, the
  /// function's name.
  let id: String
  /// `resourceName`.
  let name: String
  let arn: String
  /// The application the IAM role, policy and functions serve (tags `app`/`team` as
  /// `DemoResourceTags` gives them).
  let app: String
  /// When it is created (the first call's eventTime).
  let createdAt: Int64
  /// When it is deleted, if ever (only planned inside the history span).
  let deleteAt: Int64?
}

/// What a change does: the API called and its one argument.
struct ConfigAction: Sendable, Equatable {
  enum Verb: Sendable, Equatable {
    case create
    case authorizeIngress, revokeIngress, deleteSecurityGroup
    case stopInstance, startInstance, modifyInstanceType, terminateInstance
    case putVersioning, putBucketPolicy, putBucketTagging, deleteBucket
    case attachRolePolicy, detachRolePolicy
    case createPolicyVersion, deletePolicyVersion
    case enableKeyRotation, disableKeyRotation, disableKey, enableKey
    case updateFunctionConfiguration, deleteFunction
  }
  var verb: Verb
  /// The rule, policy, version, instance type, tag set… the call names (meaning depends on the verb).
  var argument: Int = 0

  var isDelete: Bool {
    [.deleteSecurityGroup, .terminateInstance, .deleteBucket, .deleteFunction].contains(verb)
  }
}

/// A resource's configuration after a change, in the few numbers the configuration is built from.
struct ConfigState: Sendable, Equatable {
  /// Security group: bit i = ingress rule i of `ConfigShapes.ingressRules`.
  var rules: UInt8 = 0
  /// Instance: running or stopped; index into `ConfigShapes.instanceTypes`.
  var running = true
  var instanceType = 0
  /// Bucket: 0 never configured (`Off`), 1 `Enabled`, 2 `Suspended`; policy 0 none, else statement
  /// set; tag set 0 none, else the owner's index + 1.
  var versioning = 0
  var bucketPolicy = 0
  var tagSet = 0
  /// Role: bit i = managed policy i of `ConfigShapes.rolePolicies`.
  var attached: UInt8 = 0
  /// Policy: versions `firstVersion...lastVersion` exist, the last is the default.
  var firstVersion = 1
  var lastVersion = 1
  /// Key: rotation, and 0 Enabled / 1 Disabled.
  var rotation = false
  var keyDisabled = false
  /// Function: memory (MB), timeout (s), runtime index.
  var memory = 128
  var timeout = 3
  var runtime = 0
  var deleted = false
}

/// One change of a resource: the call at `time`, and Config's item of the result at `capture`.
struct ConfigChange: Sendable {
  /// The call's eventTime (seconds).
  var time: Int64
  /// `configurationItemCaptureTime` (milliseconds): 1–10 minutes after the call.
  var capture: Int64
  var action: ConfigAction
  var state: ConfigState
}

/// Builds each resource's changes: a pure function of (seed, resource, change number), so the
/// sequence can be continued past the span (live mode) and any change recomputed alone.
enum ConfigChangeSequence {
  /// Change `k` (k ≥ 1) of `resource` after `previous`, or nil when the resource is gone.
  static func next(after previous: ConfigChange, k: Int, of resource: ConfigResource) -> ConfigChange? {
    guard !previous.state.deleted else { return nil }
    var random = SeededRandom(keys: resource.hash, StableHash.label("change"), UInt64(k))
    var time = previous.time + 3 * 3600 + Int64(random.below(21 * 3600))
    let action: ConfigAction
    if let deleteAt = resource.deleteAt, time >= deleteAt {
      time = max(deleteAt, previous.time + 3600)
      action = ConfigAction(verb: deleteVerb(resource.kind))
    } else {
      action = choose(resource.kind, previous.state, &random)
    }
    return ConfigChange(
      time: time, capture: captureTime(time, &random), action: action,
      state: apply(action, to: previous.state))
  }

  /// The creating change (k = 0).
  static func first(of resource: ConfigResource) -> ConfigChange {
    var random = SeededRandom(keys: resource.hash, StableHash.label("change"), 0)
    var state = ConfigState()
    switch resource.kind {
    case .instance: state.instanceType = random.below(ConfigShapes.instanceTypes.count)
    case .function:
      state.memory = 128
      state.timeout = 3
      state.runtime = random.below(ConfigShapes.runtimes.count)
    default: break
    }
    return ConfigChange(
      time: resource.createdAt, capture: captureTime(resource.createdAt, &random),
      action: ConfigAction(verb: .create), state: state)
  }

  /// Config records a change 1 to 10 minutes after the call.
  private static func captureTime(_ time: Int64, _ random: inout SeededRandom) -> Int64 {
    (time + 60 + Int64(random.below(540))) * 1000 + Int64(random.below(1000))
  }

  private static func deleteVerb(_ kind: ConfigResource.Kind) -> ConfigAction.Verb {
    switch kind {
    case .securityGroup: .deleteSecurityGroup
    case .instance: .terminateInstance
    case .bucket: .deleteBucket
    case .function: .deleteFunction
    case .role, .policy, .key: preconditionFailure("\(kind) resources are never deleted by the plan")
    }
  }

  private static func choose(_ kind: ConfigResource.Kind, _ s: ConfigState, _ random: inout SeededRandom)
    -> ConfigAction
  {
    switch kind {
    case .securityGroup:
      let count = ConfigShapes.ingressRules.count
      let present = (0..<count).filter { s.rules & (1 << $0) != 0 }
      let absent = (0..<count).filter { s.rules & (1 << $0) == 0 }
      if !present.isEmpty && (absent.isEmpty || random.chance(0.4)) {
        return ConfigAction(verb: .revokeIngress, argument: random.pick(present))
      }
      return ConfigAction(verb: .authorizeIngress, argument: random.pick(absent))
    case .instance:
      if s.running { return ConfigAction(verb: .stopInstance) }
      if random.chance(0.6) {
        let other = (0..<ConfigShapes.instanceTypes.count).filter { $0 != s.instanceType }
        return ConfigAction(verb: .modifyInstanceType, argument: random.pick(other))
      }
      return ConfigAction(verb: .startInstance)
    case .bucket:
      switch random.below(3) {
      case 0: return ConfigAction(verb: .putVersioning, argument: s.versioning == 1 ? 2 : 1)
      case 1: return ConfigAction(verb: .putBucketPolicy, argument: s.bucketPolicy == 1 ? 2 : 1)
      default:
        let owners = (1...DemoAccount.humans.count).filter { $0 != s.tagSet }
        return ConfigAction(verb: .putBucketTagging, argument: random.pick(owners))
      }
    case .role:
      let bit = random.below(ConfigShapes.rolePolicyCount)
      return ConfigAction(
        verb: s.attached & (1 << bit) == 0 ? .attachRolePolicy : .detachRolePolicy, argument: bit)
    case .policy:
      if s.lastVersion - s.firstVersion + 1 >= 5 {
        return ConfigAction(verb: .deletePolicyVersion, argument: s.firstVersion)
      }
      return ConfigAction(verb: .createPolicyVersion, argument: s.lastVersion + 1)
    case .key:
      if s.keyDisabled { return ConfigAction(verb: .enableKey) }
      if random.chance(0.15) { return ConfigAction(verb: .disableKey) }
      return ConfigAction(verb: s.rotation ? .disableKeyRotation : .enableKeyRotation)
    case .function:
      return ConfigAction(verb: .updateFunctionConfiguration, argument: random.below(3))
    }
  }

  /// The state after `action` (for `updateFunctionConfiguration` the argument says which setting moves
  /// and the new value is derived from the old, so the state stays a function of the sequence).
  static func apply(_ action: ConfigAction, to state: ConfigState) -> ConfigState {
    var s = state
    switch action.verb {
    case .create: break
    case .authorizeIngress: s.rules |= 1 << action.argument
    case .revokeIngress: s.rules &= ~(1 << action.argument)
    case .stopInstance: s.running = false
    case .startInstance: s.running = true
    case .modifyInstanceType: s.instanceType = action.argument
    case .putVersioning: s.versioning = action.argument
    case .putBucketPolicy: s.bucketPolicy = action.argument
    case .putBucketTagging: s.tagSet = action.argument
    case .attachRolePolicy: s.attached |= 1 << action.argument
    case .detachRolePolicy: s.attached &= ~(1 << action.argument)
    case .createPolicyVersion: s.lastVersion = action.argument
    case .deletePolicyVersion: s.firstVersion = action.argument + 1
    case .enableKeyRotation: s.rotation = true
    case .disableKeyRotation: s.rotation = false
    case .disableKey: s.keyDisabled = true
    case .enableKey: s.keyDisabled = false
    case .updateFunctionConfiguration:
      switch action.argument {
      case 0: s.memory = s.memory >= 2048 ? 128 : s.memory * 2
      case 1: s.timeout = s.timeout >= 300 ? 3 : min(300, s.timeout * 5)
      default: s.runtime = (s.runtime + 1) % ConfigShapes.runtimes.count
      }
    case .deleteSecurityGroup, .terminateInstance, .deleteBucket, .deleteFunction: s.deleted = true
    }
    return s
  }
}

/// Every demo resource of the organization and its changes over the history span.
struct ConfigResourcePlan: Sendable {
  let resources: [ConfigResource]
  /// Per resource, its changes with `time < span.end`.
  let changes: [[ConfigChange]]
  let span: (start: Int64, end: Int64)

  init(seed: UInt64, span: (start: Int64, end: Int64), accounts: [DemoAccount], regionNames: [String]) {
    self.span = span
    var resources: [ConfigResource] = []
    let length = span.end - span.start
    // Creation in the first part of the span (at most two days in), so most of it shows changes.
    let window = max(600, min(length * 15 / 100, 2 * 86_400))
    for account in accounts {
      let accountHash = StableHash.combine(seed, StableHash.label("config"), StableHash.label(account.id))
      let app = DemoAccount.apps[Int(accountHash % UInt64(DemoAccount.apps.count))]
      func make(_ kind: ConfigResource.Kind, region: Int, slot: Int = 0, after: Int64? = nil)
        -> ConfigResource
      {
        let hash = StableHash.combine(accountHash, UInt64(kind.rawValue), UInt64(region), UInt64(slot))
        var random = SeededRandom(keys: hash, StableHash.label("plan"))
        let created =
          after.map { $0 + 3600 + Int64(random.below(5 * 3600)) }
          ?? span.start + 60 + Int64(random.below(Int(window)))
        let deletable =
          (kind == .securityGroup && slot == 1) || kind == .instance || kind == .bucket
          || kind == .function
        var deleteAt: Int64?
        if deletable && random.chance(0.35) && created < span.end {
          let rest = span.end - created
          deleteAt = created + rest * Int64(60 + random.below(35)) / 100
        }
        let (id, name, arn) = ConfigShapes.identity(
          kind, account: account, regionName: regionNames[region], app: app, hash: hash, slot: slot)
        return ConfigResource(
          kind: kind, account: account.index, region: region, slot: slot, hash: hash, id: id, name: name,
          arn: arn, app: app, createdAt: created, deleteAt: deleteAt)
      }
      // The policy exists before the role can attach it; functions run as the role.
      let policy = make(.policy, region: 0)
      let role = make(.role, region: 0, after: policy.createdAt)
      resources.append(role)
      resources.append(policy)
      for region in regionNames.indices {
        let group = make(.securityGroup, region: region, slot: 0)
        resources.append(group)
        resources.append(make(.securityGroup, region: region, slot: 1))
        resources.append(make(.instance, region: region, after: group.createdAt))
        resources.append(make(.bucket, region: region))
        resources.append(make(.key, region: region))
        resources.append(make(.function, region: region, after: role.createdAt))
      }
    }
    self.resources = resources
    changes = resources.map { Self.sequence(of: $0, before: span.end) }
  }

  /// The resource's changes with `time < end`.
  static func sequence(of resource: ConfigResource, before end: Int64, from start: [ConfigChange] = [])
    -> [ConfigChange]
  {
    var out = start
    if out.isEmpty {
      let first = ConfigChangeSequence.first(of: resource)
      guard first.time < end else { return [] }
      out.append(first)
    }
    while let next = ConfigChangeSequence.next(after: out[out.count - 1], k: out.count, of: resource),
      next.time < end
    {
      out.append(next)
    }
    return out
  }

  /// The resource's changes with `time < end`, continuing the history's past its span (live mode).
  func changes(of index: Int, before end: Int64) -> [ConfigChange] {
    end <= span.end
      ? changes[index].filter { $0.time < end }
      : Self.sequence(of: resources[index], before: end, from: changes[index])
  }

  /// The instance's security group (slot 0 of its account and region).
  func group(of resource: ConfigResource) -> ConfigResource? {
    resources.first {
      $0.kind == .securityGroup && $0.account == resource.account && $0.region == resource.region
        && $0.slot == 0
    }
  }

  /// The account's role and policy.
  func global(_ kind: ConfigResource.Kind, account: Int) -> ConfigResource? {
    resources.first { $0.kind == kind && $0.account == account }
  }
}
