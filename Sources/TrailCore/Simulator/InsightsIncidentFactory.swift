import Foundation

/// Builds the Insights-style incidents, a call-rate burst or an error storm of one API, as the
/// `CallRun` that writes their calls plus the `DemoIncident` that describes them. Shared by the span's
/// plan (`InsightsIncidentPlan`) and live mode (`LiveInsights`).
enum InsightsIncidentFactory {
  /// Minutes a burst lasts, and calls of its API in every one of them: CloudTrail Insights looks at
  /// calls per minute, so each minute must stand out, not only the total.
  static let burstMinutes = 5...12
  static let burstCallsPerMinute = 4...8
  /// Minutes a storm lasts, and failures in every one of them.
  static let stormMinutes = 5...15
  static let stormFailuresPerMinute = 5...10
  /// The longest either kind lasts, for placing them apart.
  static let longestMinutes = 15

  /// How many minutes an incident of `kind` lasts this time.
  static func minutes(_ kind: DemoIncidentKind, _ random: inout SeededRandom) -> Int {
    random.within(kind == .apiErrorStorm ? stormMinutes : burstMinutes)
  }

  /// The run and the incident of `kind` (`.apiCallRateBurst` or `.apiErrorStorm`) in `account` and
  /// `region`, `minutes` long from `firstMinute`, on `choice`'s API.
  static func make(
    _ kind: DemoIncidentKind, key: UInt64, seed: UInt64, firstMinute: Int64, minutes: Int,
    account: DemoAccount, region: Int, regionName: String, choice: InsightsAPIChoice, catalog: ServiceCatalog,
    _ random: inout SeededRandom
  ) -> (run: CallRun, incident: DemoIncident) {
    precondition(kind == .apiCallRateBurst || kind == .apiErrorStorm, "not an Insights-style kind: \(kind)")
    let api = catalog.apis[choice.api]
    let time = firstMinute * 60
    let isStorm = kind == .apiErrorStorm
    let callers: [DemoCaller]
    let error: DemoError?
    let counts: [Int]
    if isStorm {
      // A misconfigured app: its Lambda role lost a permission and every retry is refused.
      let role = account.roles[random.below(DemoAccount.apps.count)]
      callers = [.workload(role, in: account, region: region, at: time, &random)]
      error = api.service.errors[0]
      counts = (0..<minutes).map { _ in random.within(stormFailuresPerMinute) }
    } else {
      // Automation gone wild (or an intruder scripting): one to three principals, the first the busiest.
      var pool: [DemoCaller] = [
        .iamUser(account.user(named: "terraform"), in: account, &random),
        .workload(account.roles[DemoAccount.apps.count + 2], in: account, region: region, at: time, &random),
        .iamUser(account.user(named: "deploy-bot"), in: account, &random),
        .workload(account.roles[DemoAccount.apps.count + 3], in: account, region: region, at: time, &random),
      ]
      let rotation = random.below(pool.count)
      pool = Array(pool[rotation...] + pool[..<rotation])
      callers = Array(pool.prefix(random.within(1...3)))
      error = nil
      counts = (0..<minutes).map { _ in random.within(burstCallsPerMinute) }
    }
    let run = CallRun(
      key: key, account: account.index, region: region, api: choice.api, firstMinute: firstMinute,
      counts: counts, callers: callers, error: error)
    let bounds = run.bounds(seed: seed)
    let arns = callers.map { $0.arn(in: account) }
    let total = counts.reduce(0, +)
    let usual = String(format: "%.1f", choice.perHour)
    let lead = callers[0]
    let summary =
      isStorm
      ? "\(api.name) error storm: \(arns[0].split(separator: "/").suffix(2).joined(separator: "/")) failed "
        + "\(total) times with \(error?.code ?? "") in \(minutes) minutes (normally about \(usual) calls an hour)"
      : "\(api.name) call-rate burst: \(total) calls in \(minutes) minutes by \(callers.count) "
        + "principal\(callers.count == 1 ? "" : "s") (normally about \(usual) an hour)"
    let incident = DemoIncident(
      kind: kind, start: Date(timeIntervalSince1970: Double(bounds.start)),
      end: Date(timeIntervalSince1970: Double(bounds.end)), accountId: account.id, region: regionName,
      principalArn: arns[0], userName: lead.kind == .iamUser ? account.users[lead.user].name : nil,
      accessKeyId: lead.kind == .iamUser ? account.users[lead.user].accessKeyId : nil,
      sourceIPs: unique(callers.map(\.sourceIP)),
      countries: unique(callers.map(\.sourceIP)).map { ip in
        callers.first { $0.sourceIP == ip && $0.kind == .iamUser }.map { account.users[$0.user].country }
          ?? "US"
      },
      eventNames: [api.name], eventCount: total, summary: summary, eventSource: api.service.eventSource,
      eventName: api.name, errorCode: error?.code, principalArns: arns)
    return (run, incident)
  }

  private static func unique(_ items: [String]) -> [String] {
    items.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
  }
}
