/// Who makes one call, from where and with what client: everything `userIdentity`,
/// `sourceIPAddress`, `userAgent` and `sessionCredentialFromConsole` are written from.
struct DemoCaller {
  enum Kind { case iamUser, assumedRole, awsService, root, webIdentity }
  enum Agent { case browser(Int), cli(Int), sdk(Int), awsInternal, service }

  var kind: Kind
  /// The IAM user, or the person behind an SSO session; -1 for none.
  var user = -1
  var role: DemoRole?
  var session = ""
  var sessionStart: Int64 = 0
  var invokedBy = ""
  var sourceIP: String
  var agent: Agent
  var fromConsole = false
  var mfaAuthenticated = false
  var viaInstanceProfile = false
  /// Console sign-ins carry no access key.
  var hasAccessKey = true
  /// A failed sign-in names the user but carries no ARN.
  var isFailedSignIn = false

  /// A long-term key of an IAM user, used from the user's home address.
  static func iamUser(_ index: Int, in account: DemoAccount, _ random: inout SeededRandom) -> DemoCaller {
    let user = account.users[index]
    let agent: Agent = user.isBot ? .sdk(random.below(DemoNetwork.sdks.count)) : .cli(random.below(2))
    return DemoCaller(kind: .iamUser, user: index, sourceIP: user.homeIP, agent: agent)
  }

  /// A person's IAM Identity Center session, in the console or through the CLI.
  static func sso(
    _ human: Int, in account: DemoAccount, at time: Int64, _ random: inout SeededRandom
  ) -> DemoCaller {
    let user = account.users[human]
    // People keep one permission set: admins stay admins, so sessions look consistent over days.
    let set = account.permissionSets[human % account.permissionSets.count]
    let console = random.chance(0.6)
    let session = "\(user.name)@acme.example"
    return DemoCaller(
      kind: .assumedRole, user: human, role: set.role, session: session,
      sessionStart: sessionStart(time, key: StableHash.label(session)), sourceIP: user.homeIP,
      agent: console ? .browser(user.browser) : .cli(random.below(2)), fromConsole: console,
      mfaAuthenticated: false)
  }

  /// A workload's role session (Lambda, EKS nodes, ECS tasks, CI, pipelines).
  static func workload(
    _ role: DemoRole, in account: DemoAccount, region: Int, at time: Int64, _ random: inout SeededRandom
  ) -> DemoCaller {
    let session: String
    var agent = Agent.sdk(random.below(4))
    var viaInstance = false
    switch role.use {
    case .lambda(let app): session = DemoAccount.apps[app]
    case .ec2:
      session = account.instances[region][random.below(4)]
      viaInstance = true
    case .ecs: session = StableID.hex("", 32, UInt64(random.below(40)), StableHash.label(account.id))
    case .ci:
      session = "GitHubActions-\(8_400_000_000 + random.below(5000))"
      agent = .sdk(4)
    case .admin: session = DemoAccount.humans[random.below(DemoAccount.humans.count)].name
    case .pipeline: session = "\(role.name)-session-\(random.below(20))"
    }
    let range = DemoNetwork.awsRanges[random.below(DemoNetwork.awsRanges.count)]
    return DemoCaller(
      kind: .assumedRole, role: role, session: session,
      sessionStart: sessionStart(time, key: StableHash.label(session)),
      sourceIP: DemoNetwork.address(in: range.prefix, &random), agent: agent, viaInstanceProfile: viaInstance)
  }

  static func service(_ name: String) -> DemoCaller {
    DemoCaller(kind: .awsService, invokedBy: name, sourceIP: name, agent: .service)
  }

  /// The root user in the console, from an office address.
  static func root(in account: DemoAccount, at time: Int64, _ random: inout SeededRandom) -> DemoCaller {
    let admin = account.users[random.below(3)]
    return DemoCaller(
      kind: .root, sessionStart: sessionStart(time, key: StableHash.label(account.id)),
      sourceIP: admin.homeIP, agent: .browser(admin.browser), fromConsole: true,
      mfaAuthenticated: true)
  }

  /// GitHub Actions exchanging its OIDC token (`AssumeRoleWithWebIdentity`).
  static func webIdentity(_ random: inout SeededRandom) -> DemoCaller {
    DemoCaller(
      kind: .webIdentity, user: random.below(DemoAccount.apps.count),
      sourceIP: "20.102.\(random.below(256)).\(random.within(2...254))", agent: .sdk(4))
  }

  /// Role sessions are refreshed hourly at a per-session minute, so one session keeps one key and one
  /// `creationDate` for up to an hour, as real credential providers do.
  static func sessionStart(_ time: Int64, key: UInt64) -> Int64 {
    let offset = Int64(StableHash.mix(key) % 1800)
    var hour = time / 3600
    if time < hour * 3600 + offset { hour -= 1 }
    return hour * 3600 + offset
  }

  // MARK: Writing

  /// Writes the caller's ARN as fragments of an open string.
  func writeARN(_ w: inout RecordWriter, account: DemoAccount) {
    switch kind {
    case .iamUser: w.fragment(account.users[user].arn)
    case .assumedRole:
      w.fragment("arn:aws:sts::")
      w.fragment(account.id)
      w.fragment(":assumed-role/")
      w.fragment(role?.name ?? "")
      w.fragment("/")
      w.fragment(session)
    case .root: w.fragment(account.rootARN)
    case .awsService: w.fragment(invokedBy)
    case .webIdentity:
      w.fragment("arn:aws:sts::")
      w.fragment(account.id)
      w.fragment(":assumed-role/GitHubActionsDeployRole/GitHubActions")
    }
  }

  /// Writes the `userIdentity` object.
  func writeIdentity(_ w: inout RecordWriter, account: DemoAccount, seed: UInt64) {
    w.key("userIdentity")
    w.beginObject()
    switch kind {
    case .iamUser:
      let u = account.users[user]
      w.field("type", "IAMUser")
      w.field("principalId", u.principalId)
      if !isFailedSignIn { w.field("arn", u.arn) }
      w.field("accountId", account.id)
      if hasAccessKey {
        w.field("accessKeyId", u.accessKeyId)
      } else if isFailedSignIn {
        w.field("accessKeyId", "")
      }
      w.field("userName", u.name)
    case .assumedRole:
      let role = role!
      w.field("type", "AssumedRole")
      w.key("principalId")
      w.beginString()
      w.fragment(role.principalId)
      w.fragment(":")
      w.fragment(session)
      w.endString()
      w.key("arn")
      w.beginString()
      writeARN(&w, account: account)
      w.endString()
      w.field("accountId", account.id)
      w.field("accessKeyId", sessionAccessKeyId(seed: seed))
      w.key("sessionContext")
      w.beginObject()
      w.key("sessionIssuer")
      w.beginObject()
      w.field("type", "Role")
      w.field("principalId", role.principalId)
      w.field("arn", role.arn)
      w.field("accountId", account.id)
      w.field("userName", role.name)
      w.endObject()
      w.key("webIdFederationData")
      w.beginObject()
      w.endObject()
      writeAttributes(&w, created: sessionStart)
      if viaInstanceProfile { w.field("ec2RoleDelivery", "2.0") }
      w.endObject()
    case .awsService:
      w.field("type", "AWSService")
      w.field("invokedBy", invokedBy)
    case .root:
      w.field("type", "Root")
      w.field("principalId", account.id)
      w.field("arn", account.rootARN)
      w.field("accountId", account.id)
      if hasAccessKey {
        w.field(
          "accessKeyId", StableID.base32("ASIA", 16, seed, StableHash.label(account.id), UInt64(sessionStart))
        )
        writeAttributesOnly(&w)
      } else {
        w.field("accessKeyId", "")
      }
    case .webIdentity:
      let provider = "arn:aws:iam::\(account.id):oidc-provider/token.actions.githubusercontent.com"
      let subject = "repo:acme/\(DemoAccount.apps[user]):ref:refs/heads/main"
      w.field("type", "WebIdentityUser")
      w.field("principalId", "\(provider):sts.amazonaws.com:\(subject)")
      w.field("userName", subject)
      w.field("identityProvider", provider)
    }
    // A service acting with this caller's credentials (a forward access session, or a service-linked
    // role's session) names itself last, as CloudTrail writes it.
    if kind != .awsService && !invokedBy.isEmpty { w.field("invokedBy", invokedBy) }
    w.endObject()
  }

  /// The temporary key of an assumed-role session: one per (role, session name, creation time), so an
  /// `AssumeRole` record can hand out the very key its session's calls then carry.
  func sessionAccessKeyId(seed: UInt64) -> String {
    StableID.base32(
      "ASIA", 16, seed, StableHash.label(role?.name ?? ""), StableHash.label(session), UInt64(sessionStart))
  }

  private func writeAttributesOnly(_ w: inout RecordWriter) {
    w.key("sessionContext")
    w.beginObject()
    writeAttributes(&w, created: sessionStart)
    w.endObject()
  }

  private func writeAttributes(_ w: inout RecordWriter, created: Int64) {
    w.key("attributes")
    w.beginObject()
    w.timeField("creationDate", created)
    w.field("mfaAuthenticated", mfaAuthenticated ? "true" : "false")
    w.endObject()
  }

  /// Writes `userAgent`; the CLI's agent names the command, as aws-cli v2 does.
  func writeUserAgent(_ w: inout RecordWriter, api: DemoAPI) {
    w.key("userAgent")
    switch agent {
    case .browser(let index): w.string(DemoNetwork.browsers[index])
    case .cli(let index):
      w.beginString()
      w.fragment(DemoNetwork.cli[index])
      w.fragment(api.cliCommand)
      w.endString()
    case .sdk(let index): w.string(DemoNetwork.sdks[index])
    case .awsInternal: w.string("AWS Internal")
    case .service: w.string(invokedBy)
    }
  }
}
