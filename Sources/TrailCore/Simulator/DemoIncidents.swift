import Foundation

/// The kinds of suspicious activity the demo injects, for detectors and the UI to find.
///
/// The first four happen once per span, in the main account and `us-east-1`. The last two are shaped
/// after what CloudTrail Insights detects (an unusual call rate or error rate of one API in one account
/// and region): about two of each per week of span in varying accounts and regions, and one of each
/// every 8 hours in live mode.
public enum DemoIncidentKind: String, Sendable, CaseIterable {
  /// IAM writes (CreateUser, AttachUserPolicy, CreateAccessKey, PutUserPolicy…) by one principal within
  /// ten minutes.
  case iamWriteBurst
  /// Dozens of access-denied errors for one principal within fifteen minutes.
  case accessDeniedStorm
  /// A successful ConsoleLogin from an address the user never used before, after a few failures.
  case consoleLoginNewIP
  /// One access key id used from addresses in two countries within twenty minutes.
  case keyUsedFromTwoCountries
  /// One write API that is normally called a few times an hour, called 4–8 times in every minute for
  /// 5–12 minutes by one to three principals, all successfully.
  case apiCallRateBurst
  /// One API with steady successful traffic failing 5–10 times in every minute for 5–15 minutes, all
  /// with one error code and by one principal, while its usual successful calls go on.
  case apiErrorStorm
}

/// One injected incident: when it happened, in which account and region, and what identifies it.
public struct DemoIncident: Sendable, Equatable {
  public let kind: DemoIncidentKind
  /// First event's time (whole seconds).
  public let start: Date
  /// Just after the last event's time.
  public let end: Date
  public let accountId: String
  public let region: String
  /// `userIdentity.arn` of the principal (the IAM user for sign-ins and keys).
  public let principalArn: String
  public let userName: String?
  public let accessKeyId: String?
  /// Addresses involved, in order of appearance: the new address for `consoleLoginNewIP`; the home
  /// address then the foreign one for `keyUsedFromTwoCountries`.
  public let sourceIPs: [String]
  /// ISO 3166 country codes of `sourceIPs`, same order.
  public let countries: [String]
  /// Distinct event names in the incident.
  public let eventNames: [String]
  /// Number of records the incident adds.
  public let eventCount: Int
  /// One line for humans, e.g. in `traildeck demo` output.
  public let summary: String
  /// `eventSource` of the incident's one subject API (`apiCallRateBurst`, `apiErrorStorm`); nil for
  /// the kinds that span several APIs.
  public let eventSource: String?
  /// `eventName` of the incident's one subject API; nil like `eventSource`.
  public let eventName: String?
  /// The one `errorCode` of an `apiErrorStorm`'s failures; nil for the other kinds.
  public let errorCode: String?
  /// Every principal making the incident's calls (`userIdentity.arn`), `principalArn` first.
  public let principalArns: [String]

  init(
    kind: DemoIncidentKind, start: Date, end: Date, accountId: String, region: String, principalArn: String,
    userName: String?, accessKeyId: String?, sourceIPs: [String], countries: [String], eventNames: [String],
    eventCount: Int, summary: String, eventSource: String? = nil, eventName: String? = nil,
    errorCode: String? = nil, principalArns: [String]? = nil
  ) {
    self.kind = kind
    self.start = start
    self.end = end
    self.accountId = accountId
    self.region = region
    self.principalArn = principalArn
    self.userName = userName
    self.accessKeyId = accessKeyId
    self.sourceIPs = sourceIPs
    self.countries = countries
    self.eventNames = eventNames
    self.eventCount = eventCount
    self.summary = summary
    self.eventSource = eventSource
    self.eventName = eventName
    self.errorCode = errorCode
    self.principalArns = principalArns ?? [principalArn]
  }
}

/// The plan of the four once-per-span incidents (`iamWriteBurst` … `keyUsedFromTwoCountries`) and each
/// of their events, fixed when the simulator is made. The Insights-style ones are `InsightsIncidentPlan`'s.
struct IncidentPlan: Sendable {
  var incidents: [DemoIncident] = []
  /// Sorted by time.
  var events: [DemoEvent] = []

  // Incidents sit at fixed fractions of the span so that any `days` shows all four.
  static let fractions: [(DemoIncidentKind, Double)] = [
    (.iamWriteBurst, 0.40), (.accessDeniedStorm, 0.55), (.consoleLoginNewIP, 0.70),
    (.keyUsedFromTwoCountries, 0.85),
  ]

  init(seed: UInt64, span: DateInterval, accounts: [DemoAccount], catalog: ServiceCatalog) {
    let account = accounts[0]
    var random = SeededRandom(keys: seed, StableHash.label("incidents"))
    for (kind, fraction) in Self.fractions {
      let raw = Int64((span.start.timeIntervalSince1970 + fraction * span.duration).rounded(.down))
      let start = raw / 60 * 60 + 7
      var planned: [DemoEvent] = []
      func add(
        _ offset: Int64, _ api: String, _ caller: DemoCaller, error: DemoError? = nil, target: String? = nil
      ) {
        planned.append(
          DemoEvent(
            time: start + offset, account: 0, region: 0, api: catalog.index(of: api), caller: caller,
            error: error,
            target: target))
      }
      var principal = ""
      var userName: String?
      var keyId: String?
      var ips: [String] = []
      var countries: [String] = []
      let summary: String
      switch kind {
      case .iamWriteBurst:
        let dave = account.user(named: "dave")
        let caller = DemoCaller.iamUser(dave, in: account, &random)
        let steps = [
          "CreateUser", "CreateLoginProfile", "AttachUserPolicy", "PutUserPolicy", "CreateAccessKey",
          "AddUserToGroup",
        ]
        var offset: Int64 = 0
        for newUser in ["svc-backup", "svc-sync", "ops-temp"] {
          for step in steps {
            add(offset, step, caller, target: newUser)
            offset += Int64(random.within(10...22))
          }
        }
        for step in ["CreateRole", "AttachRolePolicy", "PutRolePolicy", "CreateRole", "AttachRolePolicy"] {
          add(offset, step, caller)
          offset += Int64(random.within(10...22))
        }
        principal = account.users[dave].arn
        userName = "dave"
        keyId = account.users[dave].accessKeyId
        ips = [caller.sourceIP]
        countries = [account.users[dave].country]
        summary =
          "dave made \(planned.count) IAM writes in \(offset / 60) minutes, creating 3 users with admin rights"
      case .accessDeniedStorm:
        let role = account.roles[account.roles.count - 1]
        let caller = DemoCaller(
          kind: .assumedRole, role: role, session: "etl-nightly",
          sessionStart: start - 300, sourceIP: "54.159.17.201", agent: .sdk(0))
        let probes = [
          "ListBuckets", "GetBucketPolicy", "ListUsers", "DescribeInstances", "GetSecretValue", "Decrypt",
          "GetParameter",
          "ListRoles", "DescribeTable",
        ]
        for index in 0..<60 {
          let api = probes[random.below(probes.count)]
          let service = catalog.apis[catalog.index(of: api)].service
          add(Int64(index * 14 + random.below(10)), api, caller, error: service.errors[0])
        }
        principal = "arn:aws:sts::\(account.id):assumed-role/\(role.name)/etl-nightly"
        ips = [caller.sourceIP]
        countries = ["US"]
        summary = "\(role.name)/etl-nightly was denied 60 calls in 15 minutes"
      case .consoleLoginNewIP:
        let carol = account.user(named: "carol")
        let range = DemoNetwork.foreignRanges[1]
        let ip = DemoNetwork.address(in: range.prefix, &random)
        var caller = DemoCaller.iamUser(carol, in: account, &random)
        caller.sourceIP = ip
        caller.agent = .browser(0)
        caller.hasAccessKey = false
        var failing = caller
        failing.isFailedSignIn = true
        let denied = DemoError("", .fixed("Failed authentication"))
        for index in 0..<3 { add(Int64(index * 50), "ConsoleLogin", failing, error: denied) }
        add(170, "ConsoleLogin", caller)
        principal = account.users[carol].arn
        userName = "carol"
        ips = [ip]
        countries = [range.country]
        summary = "carol signed in from \(ip) (\(range.country)), never seen for her, after 3 failures"
      case .apiCallRateBurst, .apiErrorStorm:
        preconditionFailure("\(kind) is planned by InsightsIncidentPlan")
      case .keyUsedFromTwoCountries:
        let erin = account.user(named: "erin")
        let home = DemoCaller.iamUser(erin, in: account, &random)
        let range = DemoNetwork.foreignRanges[0]
        var abroad = home
        abroad.sourceIP = DemoNetwork.address(in: range.prefix, &random)
        abroad.agent = .cli(0)
        let reads = ["GetCallerIdentity", "ListBuckets", "DescribeInstances", "ListUsers", "ListSecrets"]
        for index in 0..<8 { add(Int64(index * 70 + random.below(30)), reads[index % reads.count], home) }
        for index in 0..<8 {
          add(Int64(600 + index * 70 + random.below(30)), reads[(index + 2) % reads.count], abroad)
        }
        principal = account.users[erin].arn
        userName = "erin"
        keyId = account.users[erin].accessKeyId
        ips = [home.sourceIP, abroad.sourceIP]
        countries = [account.users[erin].country, range.country]
        summary =
          "erin's key \(keyId ?? "") was used from \(countries[0]) and \(countries[1]) within 20 minutes"
      }
      planned.sort { $0.time < $1.time }
      let names = planned.reduce(into: [String]()) { names, event in
        let name = catalog.apis[event.api].name
        if !names.contains(name) { names.append(name) }
      }
      incidents.append(
        DemoIncident(
          kind: kind, start: Date(timeIntervalSince1970: Double(planned[0].time)),
          end: Date(timeIntervalSince1970: Double(planned[planned.count - 1].time + 1)),
          accountId: account.id,
          region: "us-east-1", principalArn: principal, userName: userName, accessKeyId: keyId,
          sourceIPs: ips,
          countries: countries, eventNames: names, eventCount: planned.count, summary: summary))
      events += planned
    }
    events.sort { $0.time < $1.time }
  }
}
