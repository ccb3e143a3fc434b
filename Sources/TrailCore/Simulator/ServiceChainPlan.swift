/// Chains of calls that AWS services make on someone's behalf, seeded and scheduled like the rest of the
/// simulator, with the identity fields CloudTrail writes for each link:
///
/// - **CloudFormation** (about once in 6 hours per account): a person's `CreateStack`, `UpdateStack` or
///   `DeleteStack`, then within minutes the EC2, IAM and S3 calls the stack makes (`CreateSecurityGroup`,
///   `CreateRole`, `PutRolePolicy`, `CreateBucket`, `RunInstances`, … or their deletions). CloudFormation
///   makes them with the caller's credentials (a forward access session): the caller's `userIdentity`
///   (same ARN, access key and session) plus `invokedBy: cloudformation.amazonaws.com`, and
///   `cloudformation.amazonaws.com` as `sourceIPAddress` and `userAgent`.
/// - **Auto Scaling** (about once in 3 hours per account): a user's `SetDesiredCapacity` or
///   `UpdateAutoScalingGroup`; Auto Scaling assumes its service-linked role `AWSServiceRoleForAutoScaling`
///   (`AssumeRole` by `AWSService` `autoscaling.amazonaws.com`, session name `AutoScaling`), then calls
///   `RunInstances` or `TerminateInstances` with that session's key, `invokedBy`, `sourceIPAddress` and
///   `userAgent` `autoscaling.amazonaws.com`.
/// - **Lambda** (hourly, a scheduled function per account): `lambda.amazonaws.com` assumes the function's
///   execution role (session name = function name) and hands out an `ASIA…` key; the function then
///   calls Secrets Manager, SSM, DynamoDB or KMS with that key, an SDK user agent and an AWS address.
///
/// Each chain is a pure function of (seed, kind, account, slot), its records of (chain, step), so any
/// slice of time writes the same bytes, and background traffic, drawn from other streams, is untouched.
/// Chains that would start before `spanStart` are left out, so history never holds a link without its
/// start.
struct ServiceChainPlan: Sendable {
  /// The longest a chain lasts from its first to its last record.
  static let longest: Int64 = 15 * 60

  enum Kind: String, CaseIterable, Sendable {
    case cloudFormation, autoScaling, lambdaSchedule

    /// One slot per period; a chain starts in a slot with `chance`.
    var period: Int64 {
      switch self {
      case .cloudFormation: 6 * 3600
      case .autoScaling: 3 * 3600
      case .lambdaSchedule: 3600
      }
    }

    var chance: Double {
      switch self {
      case .cloudFormation: 0.7
      case .autoScaling: 0.6
      case .lambdaSchedule: 1
      }
    }
  }

  let seed: UInt64
  let events: EventComposer
  let calls: ServiceChainComposer
  let spanStart: Int64

  init(seed: UInt64, events: EventComposer, spanStart: Int64) {
    self.seed = seed
    self.events = events
    calls = ServiceChainComposer(seed: seed, accounts: events.accounts, regionNames: events.regionNames)
    self.spanStart = spanStart
  }

  /// One record to be written at `time`, composed only when asked for.
  struct Step {
    var time: Int64
    var write: (inout SeededRandom, _ isLive: Bool) -> DemoRecord
  }

  /// The chains' records with `from <= eventTime < to`, in time order (a chain's own order on ties).
  func records(from: Int64, to: Int64, isLive: Bool) -> [DemoRecord] {
    guard from < to else { return [] }
    var out: [DemoRecord] = []
    for account in events.accounts.indices {
      for kind in Kind.allCases {
        let period = kind.period
        var slot = DemoSimulator.floorDiv(from - period, period)
        while slot * period < to {
          defer { slot += 1 }
          let key = StableHash.combine(
            seed, StableHash.label("chain"), StableHash.label(kind.rawValue), UInt64(account),
            UInt64(bitPattern: slot))
          var random = SeededRandom(seed: key)
          guard random.chance(kind.chance) else { continue }
          let start = slot * period + offset(kind, account: account, &random)
          guard start >= spanStart, start < to, start + Self.longest > from else { continue }
          let steps = chain(kind, account: account, start: start, &random)
          for (index, step) in steps.enumerated() where step.time >= from && step.time < to {
            var stepRandom = SeededRandom(keys: key, UInt64(index))
            out.append(step.write(&stepRandom, isLive))
          }
        }
      }
    }
    return out.enumerated().sorted { ($0.element.eventTime, $0.offset) < ($1.element.eventTime, $1.offset) }
      .map(\.element)
  }

  /// When in its slot a chain starts. A scheduled Lambda fires at the same second of every hour, never
  /// the second at which the background's sessions of that function renew, so its key is its own.
  private func offset(_ kind: Kind, account: Int, _ random: inout SeededRandom) -> Int64 {
    let room = kind.period - Self.longest
    guard kind == .lambdaSchedule else { return Int64(random.below(Int(room))) }
    let app = scheduledApp(account)
    var second = Int64(StableHash.combine(seed, StableHash.label("schedule"), UInt64(account)) % UInt64(room))
    let renewal = Int64(StableHash.mix(StableHash.label(DemoAccount.apps[app])) % 1800)
    if second == renewal { second += 1 }
    return second
  }

  /// The function each account runs on a schedule: report-builder or notifications.
  private func scheduledApp(_ account: Int) -> Int { account % 2 == 0 ? 3 : 5 }

  private func chain(_ kind: Kind, account: Int, start: Int64, _ random: inout SeededRandom) -> [Step] {
    switch kind {
    case .cloudFormation: cloudFormation(account: account, start: start, &random)
    case .autoScaling: autoScaling(account: account, start: start, &random)
    case .lambdaSchedule: lambda(account: account, start: start, &random)
    }
  }

  func pickRegion(_ random: inout SeededRandom) -> Int {
    let count = events.regionNames.count
    return count == 1 || random.chance(0.6) ? 0 : random.within(1...(count - 1))
  }

  /// A catalog API called by `caller`, written by the background's composer.
  func catalogStep(
    _ name: String, at time: Int64, account: Int, region: Int, caller: DemoCaller
  ) -> Step {
    let event = DemoEvent(
      time: time, account: account, region: region, api: events.catalog.index(of: name), caller: caller)
    let composer = events
    return Step(time: time) { random, isLive in composer.compose(event, &random, isLive: isLive) }
  }

  func ownStep(_ call: ServiceChainComposer.Call) -> Step {
    let composer = calls
    return Step(time: call.time) { random, isLive in composer.compose(call, &random, isLive: isLive) }
  }

  // MARK: Lambda

  private func lambda(account index: Int, start: Int64, _ random: inout SeededRandom) -> [Step] {
    let account = events.accounts[index]
    let app = scheduledApp(index)
    let range = DemoNetwork.awsRanges[random.below(DemoNetwork.awsRanges.count)]
    let function = DemoCaller(
      kind: .assumedRole, role: account.roles[app], session: DemoAccount.apps[app], sessionStart: start,
      sourceIP: DemoNetwork.address(in: range.prefix, &random), agent: .sdk(random.chance(0.5) ? 0 : 3))
    let composer = calls
    var steps = [
      Step(time: start) { random, isLive in
        composer.assumeRole(
          by: "lambda.amazonaws.com", for: function, time: start, account: index, region: 0, seconds: 3600,
          &random, isLive: isLive)
      }
    ]
    var time = start
    for _ in 0..<random.within(2...4) {
      time += Int64(random.within(1...3))
      let name = random.pick(["GetSecretValue", "GetParameter", "DescribeTable", "Decrypt"])
      steps.append(catalogStep(name, at: time, account: index, region: 0, caller: function))
    }
    return steps
  }

  // MARK: Auto Scaling

  private func autoScaling(account index: Int, start: Int64, _ random: inout SeededRandom) -> [Step] {
    let account = events.accounts[index]
    let region = pickRegion(&random)
    let group = "\(DemoAccount.apps[random.below(DemoAccount.apps.count)])-asg"
    let user =
      random.chance(0.5)
      ? account.user(named: "terraform") : random.below(account.humanCount)
    let caller = DemoCaller.iamUser(user, in: account, &random)
    let capacity = random.within(1...6)
    let isUpdate = random.chance(0.5)
    var steps = [
      ownStep(
        .init(
          time: start, account: index, region: region, source: "autoscaling.amazonaws.com",
          name: isUpdate ? "UpdateAutoScalingGroup" : "SetDesiredCapacity",
          cliCommand: isUpdate ? "autoscaling.update-auto-scaling-group" : "autoscaling.set-desired-capacity",
          caller: caller,
          request: { w in
            w.field("autoScalingGroupName", group)
            if isUpdate {
              w.field("minSize", 1)
              w.field("maxSize", 6)
            }
            w.field("desiredCapacity", capacity)
            if !isUpdate { w.field("honorCooldown", false) }
          }, response: nil))
    ]
    let assumed = start + Int64(random.within(5...40))
    let linkedRole = DemoRole(
      name: "AWSServiceRoleForAutoScaling",
      principalId: StableID.base32(
        "AROA", 17, seed, StableHash.label(account.id), StableHash.label("slr-as")),
      arn:
        "arn:aws:iam::\(account.id):role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
      use: .admin)
    let service = "autoscaling.amazonaws.com"
    let session = DemoCaller(
      kind: .assumedRole, role: linkedRole, session: "AutoScaling", sessionStart: assumed, invokedBy: service,
      sourceIP: service, agent: .service)
    let composer = calls
    steps.append(
      Step(time: assumed) { random, isLive in
        // The simulator records STS, like IAM, in us-east-1 only.
        composer.assumeRole(
          by: service, for: session, time: assumed, account: index, region: 0, seconds: 3600, &random,
          isLive: isLive)
      })
    let name = random.chance(0.6) ? "RunInstances" : "TerminateInstances"
    var time = assumed
    for _ in 0..<random.within(1...3) {
      time += Int64(random.within(1...4))
      steps.append(catalogStep(name, at: time, account: index, region: region, caller: session))
    }
    return steps
  }
}
