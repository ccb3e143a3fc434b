import Foundation

/// One simulated CloudTrail record: compact JSON plus the facts a caller needs without parsing it.
public struct DemoRecord: Sendable, Equatable {
  /// `eventTime` as epoch seconds, for progress reports and ordering.
  public let eventTime: Int64
  /// `recipientAccountId`.
  public let accountId: String
  /// `awsRegion`.
  public let awsRegion: String
  /// The record as compact UTF-8 JSON, one CloudTrail record object.
  public let json: [UInt8]

  /// The record as `Data`.
  public var data: Data { Data(json) }
  /// `eventTime` as a `Date`.
  public var date: Date { Date(timeIntervalSince1970: Double(eventTime)) }
}

/// A deterministic generator of a fictional organization's CloudTrail events.
///
/// Background management traffic follows a realistic API mix with a day/night and weekday/weekend
/// rhythm. Injected into it (`incidents`): four classic incidents, once per span in account 1,
/// `us-east-1` (`iamWriteBurst`, `accessDeniedStorm`, `consoleLoginNewIP`, `keyUsedFromTwoCountries`),
/// and Insights-style ones to test an anomaly detector against: about two `apiCallRateBurst`s and two
/// `apiErrorStorm`s per week of span, in varying accounts and regions, none in the first 36 hours (see
/// `InsightsIncidentPlan`). A harmless nightly batch job (`recurringJobs`) spikes one API every night
/// and must not be flagged. Alongside run data events (S3 objects, Lambda invocations, DynamoDB items)
/// and network activity events (VPC endpoint calls, some refused) at the rates the configuration sets,
/// scheduled `AwsServiceEvent`s (key and secret rotations, the service-linked channel Security Lake has
/// CloudTrail make: `ServiceLinkedChannelPlan`), and chains of calls services make on
/// someone's behalf (`ServiceChainPlan`: CloudFormation stacks, Auto Scaling, scheduled Lambda
/// functions). Live mode (`liveRecords`) adds its own
/// bursts and storms (`liveIncidents`) and the nightly job. Output is produced lazily, minute by minute,
/// so any slice can be asked for on its own and is byte-identical to the same slice of a full run.
/// Same configuration → same bytes.
/// ```swift
/// let sim = DemoSimulator(configuration: DemoConfiguration(seed: 1, end: clock.now()))
/// for batch in sim.batches() { try store.ingest(batch.map(\.json)) }
/// ```
public struct DemoSimulator: Sendable {
  public let configuration: DemoConfiguration
  /// The injected incidents of the span, in time order: the four classic ones and the Insights-style
  /// bursts and storms.
  public let incidents: [DemoIncident]
  /// Harmless activities that spike on a schedule (the nightly batch), in history and live mode alike.
  public let recurringJobs: [DemoRecurringJob]
  /// 12-digit account ids; index 0 is the main account.
  public let accountIds: [String]
  /// Region names, `us-east-1` first.
  public let regions: [String]

  let composer: EventComposer
  private let plan: IncidentPlan
  private let insights: InsightsIncidentPlan
  let live: LiveInsights
  let batch: NightlyBatch
  private let plane: PlaneTraffic
  private let serviceEvents: ServiceEventPlan
  /// Calls AWS services make on someone's behalf (CloudFormation, Auto Scaling, Lambda).
  let serviceChains: ServiceChainPlan
  /// The service-linked channel Security Lake has CloudTrail make, and the record that logs it.
  let serviceLinkedChannels: ServiceLinkedChannelPlan
  /// Resource changes, configuration items and Audit Manager evidence (nil when switched off).
  let configActivity: ConfigActivity?
  /// Expected background management calls per account and minute, before the rhythm.
  let perMinute: [Double]
  private let rhythmScale: Double
  private let span: (start: Int64, end: Int64)

  public init(configuration: DemoConfiguration) {
    self.configuration = configuration
    let ids = configuration.accountIds
    let regions = configuration.regionNames
    accountIds = ids
    self.regions = regions
    let accounts = ids.indices.map {
      DemoAccount(seed: configuration.seed, index: $0, id: ids[$0], regionCount: configuration.regions)
    }
    let catalog = ServiceCatalog()
    composer = EventComposer(
      seed: configuration.seed, catalog: catalog, accounts: accounts, regionNames: regions)
    let interval = configuration.span
    span = (
      Int64(interval.start.timeIntervalSince1970.rounded(.up)),
      Int64(interval.end.timeIntervalSince1970.rounded(.up))
    )
    plan = IncidentPlan(seed: configuration.seed, span: interval, accounts: accounts, catalog: catalog)
    plane = PlaneTraffic(configuration: configuration, accounts: accounts)
    serviceEvents = ServiceEventPlan(
      seed: configuration.seed, span: span, accounts: accounts, regionNames: regions)
    serviceChains = ServiceChainPlan(seed: configuration.seed, events: composer, spanStart: span.start)
    serviceLinkedChannels = ServiceLinkedChannelPlan(
      seed: configuration.seed, span: span, accounts: accounts, regionNames: regions)
    configActivity =
      configuration.recordsConfigurationItems
      ? ConfigActivity(seed: configuration.seed, span: span, accounts: accounts, regionNames: regions) : nil
    let perMinute = accounts.indices.map {
      Double(configuration.eventsPerAccountDay) * ($0 == 0 ? 1.4 : 1.0) / 1440
    }
    self.perMinute = perMinute
    // Normalize the rhythm over one week so `eventsPerAccountDay` is the true average.
    var total = 0.0
    for minute in 0..<(7 * 1440) { total += Self.rhythm(Int64(minute) * 60 + 4 * 86_400) }
    let rhythmScale = Double(7 * 1440) / total
    self.rhythmScale = rhythmScale
    let batch = NightlyBatch(
      seed: configuration.seed, accounts: accounts, regionNames: regions, catalog: catalog)
    self.batch = batch
    recurringJobs = [batch.job]
    let rates = BackgroundRates(catalog: catalog, regionCount: regions.count)
    insights = InsightsIncidentPlan(
      seed: configuration.seed, span: span, accounts: accounts, regionNames: regions, rates: rates,
      accountPerHour: { perMinute[$0] * 60 * Self.rhythm($1) * rhythmScale },
      accountAverage: { perMinute[$0] * 60 },
      busy: plan.incidents.map {
        Int64($0.start.timeIntervalSince1970)..<Int64($0.end.timeIntervalSince1970.rounded(.up))
      }, batch: batch)
    incidents = (plan.incidents + insights.incidents).sorted { $0.start < $1.start }
    let perMinuteTotal = perMinute.reduce(0, +)
    live = LiveInsights(
      seed: configuration.seed, accounts: accounts, regionNames: regions, rates: rates,
      accountShares: perMinute.map { perMinuteTotal > 0 ? $0 / perMinuteTotal : 1 / Double(perMinute.count) },
      batch: batch)
  }

  // MARK: Historical records

  /// All records of the span whose eventTime lies in `interval`, in non-decreasing eventTime order.
  ///
  /// Cost is proportional to the interval: ask for an hour or a day at a time.
  public func records(in interval: DateInterval) -> [DemoRecord] {
    let from = max(span.start, Int64(interval.start.timeIntervalSince1970.rounded(.up)))
    let to = min(span.end, Int64(interval.end.timeIntervalSince1970.rounded(.up)))
    guard from < to else { return [] }
    var out: [DemoRecord] = []
    out.reserveCapacity(Int(Double(to - from) / 60 * perMinute.reduce(0, +) * 1.5) + 16)
    var minute = Self.floorDiv(from, 60)
    while minute * 60 < to {
      appendMinute(minute, from: from, to: to, into: &out)
      minute += 1
    }
    return out
  }

  /// The whole span in batches of `seconds` of simulated time (default one hour), lazily.
  public func batches(of seconds: Int = 3600) -> DemoBatches {
    precondition(seconds > 0, "batch length must be positive, got \(seconds)")
    return DemoBatches(simulator: self, start: span.start, end: span.end, step: Int64(seconds))
  }

  private func appendMinute(_ minute: Int64, from: Int64, to: Int64, into out: inout [DemoRecord]) {
    let firstOfMinute = out.count
    appendManagementMinute(minute, from: from, to: to, into: &out)
    // Insights-style incidents and the nightly batch write whole minutes from generators of their own,
    // merged in after the background's records of the same second, which stay as they were.
    var runs = [insights.run(containing: minute), batch.run(containing: minute)].compactMap { $0 }
      .flatMap { $0.records(minute: minute, composer: composer, isLive: false) }
    if !runs.isEmpty {
      runs.sort { $0.eventTime < $1.eventTime }
      runs.removeAll { $0.eventTime < from || $0.eventTime >= to }
      out.replaceSubrange(firstOfMinute..., with: Self.merged(out[firstOfMinute...], runs))
    }
    // Data, network and service events come from their own generators and are merged in by time,
    // management first within a second, so the management records stay as they were.
    let base = minute * 60
    var extra = plane.records(minute: minute, level: Self.rhythm(base) * rhythmScale)
    extra = Self.merged(extra[...], serviceEvents.records(from: base, to: base + 60))
    extra = Self.merged(extra[...], serviceLinkedChannels.records(from: base, to: base + 60))
    extra = Self.merged(extra[...], serviceChains.records(from: base, to: base + 60, isLive: false))
    if let configActivity {
      extra = Self.merged(extra[...], configActivity.records(from: base, to: base + 60))
    }
    extra.removeAll { $0.eventTime < from || $0.eventTime >= to }
    guard !extra.isEmpty else { return }
    let management = out[firstOfMinute...]
    out.replaceSubrange(firstOfMinute..., with: Self.merged(management, extra))
  }

  /// `first` and `second` (each in time order) in one time order, `first`'s records first on ties.
  static func merged(_ first: ArraySlice<DemoRecord>, _ second: [DemoRecord]) -> [DemoRecord] {
    if second.isEmpty { return Array(first) }
    if first.isEmpty { return second }
    var out: [DemoRecord] = []
    out.reserveCapacity(first.count + second.count)
    var i = first.startIndex
    var j = 0
    while i < first.endIndex && j < second.count {
      if second[j].eventTime < first[i].eventTime {
        out.append(second[j])
        j += 1
      } else {
        out.append(first[i])
        i += 1
      }
    }
    out.append(contentsOf: first[i...])
    out.append(contentsOf: second[j...])
    return out
  }

  private func appendManagementMinute(_ minute: Int64, from: Int64, to: Int64, into out: inout [DemoRecord]) {
    var random = SeededRandom(
      keys: configuration.seed, StableHash.label("minute"), UInt64(bitPattern: minute))
    let base = minute * 60
    let level = Self.rhythm(base) * rhythmScale * (0.85 + 0.3 * random.unit())
    // Draw who and when first, then write in time order so the minute comes out sorted.
    var slots: [(second: Int, account: Int)] = []
    for account in perMinute.indices {
      let expected = perMinute[account] * level
      let count = Int(expected) + (random.chance(expected - expected.rounded(.down)) ? 1 : 0)
      for _ in 0..<count { slots.append((random.below(60), account)) }
    }
    slots.sort { $0.second != $1.second ? $0.second < $1.second : $0.account < $1.account }
    var planned = lowerBound(base)
    for slot in slots {
      let time = base + Int64(slot.second)
      while planned < plan.events.count && plan.events[planned].time <= time {
        appendPlanned(planned, from: from, to: to, into: &out)
        planned += 1
      }
      let event = backgroundEvent(account: slot.account, time: time, &random)
      let record = composer.compose(event, &random)
      if time >= from && time < to { out.append(record) }
    }
    while planned < plan.events.count && plan.events[planned].time < base + 60 {
      appendPlanned(planned, from: from, to: to, into: &out)
      planned += 1
    }
  }

  private func appendPlanned(_ index: Int, from: Int64, to: Int64, into out: inout [DemoRecord]) {
    let event = plan.events[index]
    guard event.time >= from && event.time < to else { return }
    var random = SeededRandom(keys: configuration.seed, StableHash.label("incident-event"), UInt64(index))
    out.append(composer.compose(event, &random))
  }

  private func lowerBound(_ time: Int64) -> Int {
    var low = 0
    var high = plan.events.count
    while low < high {
      let mid = (low + high) / 2
      if plan.events[mid].time < time { low = mid + 1 } else { high = mid }
    }
    return low
  }

  // MARK: Background traffic

  func backgroundEvent(account index: Int, time: Int64, _ random: inout SeededRandom) -> DemoEvent {
    let catalog = composer.catalog
    let apiIndex = catalog.pick(&random)
    let api = catalog.apis[apiIndex]
    let region =
      api.service.isGlobal || regions.count == 1 || random.chance(0.5)
      ? 0 : random.within(1...(regions.count - 1))
    let account = composer.accounts[index]
    var caller: DemoCaller
    var error: DemoError?
    let roll = random.unit()
    switch api.name {
    case "ConsoleLogin":
      if roll < 0.06 {
        caller = .root(in: account, at: time, &random)
        caller.hasAccessKey = false
      } else {
        caller = .iamUser(random.below(account.humanCount), in: account, &random)
        caller.agent = .browser(account.users[caller.user].browser)
        caller.hasAccessKey = false
        caller.mfaAuthenticated = random.chance(0.7)
        if random.chance(0.05) {
          caller.isFailedSignIn = true
          error = api.service.errors[0]
        }
      }
      return DemoEvent(time: time, account: index, region: 0, api: apiIndex, caller: caller, error: error)
    case "AssumeRoleWithWebIdentity":
      caller = .webIdentity(&random)
    case "UpdateInstanceInformation":
      caller = .workload(
        account.roles[DemoAccount.apps.count], in: account, region: region, at: time, &random)
      caller.agent = .sdk(5)
    case "CreateLogStream":
      caller = .workload(
        account.roles[random.below(DemoAccount.apps.count)], in: account, region: region, at: time, &random)
    default:
      if !api.serviceCallers.isEmpty && roll < 0.35 {
        caller = .service(random.pick(api.serviceCallers))
      } else if roll < 0.53 {
        caller = .iamUser(random.below(account.users.count), in: account, &random)
      } else if roll < 0.65 {
        caller = .sso(random.below(account.humanCount), in: account, at: time, &random)
      } else if roll < 0.997 {
        caller = .workload(random.pick(account.roles), in: account, region: region, at: time, &random)
      } else {
        caller = .root(in: account, at: time, &random)
      }
    }
    if caller.kind != .awsService && random.chance(0.028) {
      let errors = api.service.errors
      error = random.chance(0.55) ? errors[0] : random.pick(errors)
    }
    return DemoEvent(time: time, account: index, region: region, api: apiIndex, caller: caller, error: error)
  }

  /// Relative activity at `time`: office hours in Europe (peak mid-afternoon UTC+1), quiet nights,
  /// weekends at under half.
  static func rhythm(_ time: Int64) -> Double {
    let civil = CivilTime(epochSeconds: time + 3600)
    let hour = Double(civil.hour) + Double(civil.minute) / 60
    let day = 0.3 + 1.4 * exp(-((hour - 14) / 3.5) * ((hour - 14) / 3.5))
    return civil.weekday >= 5 ? day * 0.45 : day
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

  /// `a` modulo `b` in `0..<b`, also for negative `a` (times before 1970).
  static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}

/// The span in consecutive batches of records, each at most one step of simulated time.
public struct DemoBatches: Sequence, IteratorProtocol, Sendable {
  let simulator: DemoSimulator
  var start: Int64
  let end: Int64
  let step: Int64

  /// The next non-empty batch, or nil after the span's end.
  public mutating func next() -> [DemoRecord]? {
    while start < end {
      let stop = Swift.min(end, start + step)
      let batch = simulator.records(
        in: DateInterval(
          start: Date(timeIntervalSince1970: Double(start)), end: Date(timeIntervalSince1970: Double(stop))))
      start = stop
      if !batch.isEmpty { return batch }
    }
    return nil
  }
}
