import Foundation

/// A harmless activity that recurs on a schedule and makes a spike each time: a detector that learns a
/// baseline must not flag it. Every run is a pure function of (seed, day), in history and live mode alike.
public struct DemoRecurringJob: Sendable, Equatable {
  /// Short name, e.g. `nightly-snapshots`.
  public let name: String
  /// One line for humans, e.g. in `traildeck demo` output.
  public let summary: String
  public let accountId: String
  public let region: String
  /// The one API every run calls.
  public let eventSource: String
  public let eventName: String
  /// `userIdentity.arn` of every call.
  public let principalArn: String
  /// Nominal start, UTC, every day; each run moves by up to `jitterMinutes` either way.
  public let hour: Int
  public let minute: Int
  public let jitterMinutes: Int
  /// Minutes each run lasts.
  public let durationMinutes: Int
  /// Calls in every minute of a run.
  public let callsPerMinute: ClosedRange<Int>
  let seed: UInt64

  /// The runs (whole minutes, first to just after last) that overlap `interval`, in time order.
  public func runs(in interval: DateInterval) -> [DateInterval] {
    let from = Int64(interval.start.timeIntervalSince1970.rounded(.down))
    let to = Int64(interval.end.timeIntervalSince1970.rounded(.up))
    var out: [DateInterval] = []
    var day = DemoSimulator.floorDiv(from, 86_400) - 1
    while day * 86_400 < to {
      let start = firstMinute(day: day) * 60
      let end = start + Int64(durationMinutes) * 60
      if end > from && start < to {
        out.append(
          DateInterval(
            start: Date(timeIntervalSince1970: Double(start)), end: Date(timeIntervalSince1970: Double(end))))
      }
      day += 1
    }
    return out
  }

  /// Epoch minute of the run of epoch `day`.
  func firstMinute(day: Int64) -> Int64 {
    var random = SeededRandom(keys: seed, StableHash.label("nightly-start"), UInt64(bitPattern: day))
    return day * 1440 + Int64(hour * 60 + minute + random.within(-jitterMinutes...jitterMinutes))
  }
}

/// The demo's nightly batch job: at 02:00 UTC (± a few minutes) a data pipeline snapshots the EBS
/// volumes of one account and region, 15–25 `CreateSnapshot` calls a minute for 10 minutes, every night.
///
/// It runs every night of every span, the first included, so any 7-day baseline holds seven of them.
struct NightlyBatch: Sendable {
  let job: DemoRecurringJob
  let account: Int
  let region: Int
  let api: Int
  private let role: DemoRole
  private let sourceIP: String

  static let session = "nightly-snapshots"

  init(seed: UInt64, accounts: [DemoAccount], regionNames: [String], catalog: ServiceCatalog) {
    var random = SeededRandom(keys: seed, StableHash.label("nightly-batch"))
    account = random.below(accounts.count)
    region = random.below(regionNames.count)
    api = catalog.index(of: "CreateSnapshot")
    let owner = accounts[account]
    role = owner.roles[owner.roles.count - 1]
    let range = DemoNetwork.awsRanges[random.below(DemoNetwork.awsRanges.count)]
    sourceIP = DemoNetwork.address(in: range.prefix, &random)
    let entry = catalog.apis[api]
    job = DemoRecurringJob(
      name: Self.session,
      summary:
        "\(role.name) snapshots the EBS volumes every night: \(entry.name) 15–25 times a minute for 10 minutes",
      accountId: owner.id, region: regionNames[region], eventSource: entry.service.eventSource,
      eventName: entry.name,
      principalArn: "arn:aws:sts::\(owner.id):assumed-role/\(role.name)/\(Self.session)",
      hour: 2, minute: 0, jitterMinutes: 4, durationMinutes: 10, callsPerMinute: 15...25, seed: seed)
  }

  /// The run that covers epoch `minute`, if one does.
  func run(containing minute: Int64) -> CallRun? {
    let day = DemoSimulator.floorDiv(minute, 1440)
    let first = job.firstMinute(day: day)
    guard minute >= first && minute < first + Int64(job.durationMinutes) else { return nil }
    var random = SeededRandom(keys: job.seed, StableHash.label("nightly-counts"), UInt64(bitPattern: day))
    let counts = (0..<job.durationMinutes).map { _ in random.within(job.callsPerMinute) }
    // The pipeline's session starts just before the run, as its scheduler assumes the role.
    let caller = DemoCaller(
      kind: .assumedRole, role: role, session: Self.session, sessionStart: first * 60 - 90,
      sourceIP: sourceIP, agent: .sdk(1))
    return CallRun(
      key: StableHash.combine(StableHash.label("nightly"), UInt64(bitPattern: day)), account: account,
      region: region, api: api, firstMinute: first, counts: counts, callers: [caller], error: nil)
  }
}
