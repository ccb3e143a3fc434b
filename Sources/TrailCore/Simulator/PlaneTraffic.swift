/// The data events and network activity events of one simulated minute: who calls which object,
/// function, table or endpoint.
///
/// Drawn from a generator of its own per minute, so management traffic (and every management record a
/// seed produced before these existed) is untouched, and any slice still matches a full run.
struct PlaneTraffic: Sendable {
  let seed: UInt64
  let catalog: DataEventCatalog
  let accounts: [DemoAccount]
  let regionCount: Int
  /// Expected data and network events per account and minute before the rhythm.
  let dataPerMinute: [Double]
  let networkPerMinute: [Double]
  /// A principal from an account outside the organization, refused at a VPC endpoint now and then.
  let outsider: DemoAccount
  private let data: DataEventComposer
  private let network: NetworkActivityComposer
  /// Per data API, the errors it returns (computed once: they are built from strings).
  private let dataErrors: [[DemoError]]

  /// Roles whose sessions touch objects, functions and tables: the app Lambdas, EKS nodes, ECS tasks,
  /// the data pipeline. (CI and admin roles manage resources; they rarely touch data.)
  private static let dataRoles = [0, 1, 2, 3, 4, 5, 6, 7, 10]

  init(configuration: DemoConfiguration, accounts: [DemoAccount]) {
    seed = configuration.seed
    catalog = DataEventCatalog()
    self.accounts = accounts
    regionCount = configuration.regions
    let regions = configuration.regionNames
    dataPerMinute = accounts.indices.map {
      Double(configuration.dataEventsPerAccountDay) * ($0 == 0 ? 1.4 : 1.0) / 1440
    }
    networkPerMinute = accounts.indices.map {
      Double(configuration.networkEventsPerAccountDay) * ($0 == 0 ? 1.4 : 1.0) / 1440
    }
    let outsiderId = String(
      100_000_000_000 + StableHash.combine(configuration.seed, StableHash.label("outsider")) % 900_000_000_000
    )
    outsider = DemoAccount(
      seed: configuration.seed ^ 0x0075_7473, index: 99, id: outsiderId, regionCount: regions.count)
    data = DataEventComposer(seed: seed, catalog: catalog, accounts: accounts, regionNames: regions)
    network = NetworkActivityComposer(seed: seed, catalog: catalog, accounts: accounts, regionNames: regions)
    dataErrors = catalog.dataAPIs.map(DataEventComposer.errors)
  }

  /// The minute's records in time order; `level` is the day/night rhythm at its start.
  func records(minute: Int64, level: Double) -> [DemoRecord] {
    var random = SeededRandom(keys: seed, StableHash.label("plane-minute"), UInt64(bitPattern: minute))
    let jittered = level * (0.85 + 0.3 * random.unit())
    var slots: [(second: Int, account: Int, isNetwork: Bool)] = []
    for account in accounts.indices {
      for (rate, isNetwork) in [(dataPerMinute[account], false), (networkPerMinute[account], true)] {
        let expected = rate * jittered
        let count = Int(expected) + (random.chance(expected - expected.rounded(.down)) ? 1 : 0)
        for _ in 0..<count { slots.append((random.below(60), account, isNetwork)) }
      }
    }
    guard !slots.isEmpty else { return [] }
    slots.sort {
      ($0.second, $0.account, $0.isNetwork ? 1 : 0) < ($1.second, $1.account, $1.isNetwork ? 1 : 0)
    }
    let base = minute * 60
    return slots.map { slot in
      let time = base + Int64(slot.second)
      if slot.isNetwork {
        return network.compose(networkEvent(account: slot.account, time: time, &random), &random)
      }
      return data.compose(dataEvent(account: slot.account, time: time, &random), &random)
    }
  }

  private func region(_ random: inout SeededRandom) -> Int {
    regionCount == 1 || random.chance(0.5) ? 0 : random.within(1...(regionCount - 1))
  }

  private func dataEvent(account index: Int, time: Int64, _ random: inout SeededRandom) -> PlaneEvent {
    let apiIndex = catalog.pickData(&random)
    let api = catalog.dataAPIs[apiIndex]
    let account = accounts[index]
    let region = region(&random)
    let roll = random.unit()
    var caller: DemoCaller
    if api.service == .lambda && roll < 0.7 {
      // Most invocations come from triggers: API Gateway, schedules, uploads, notifications.
      let triggers = [
        "apigateway.amazonaws.com", "apigateway.amazonaws.com", "apigateway.amazonaws.com",
        "events.amazonaws.com", "s3.amazonaws.com", "sns.amazonaws.com",
      ]
      caller = .service(random.pick(triggers))
    } else if roll < 0.9 || api.service == .lambda {
      let role = account.roles[random.pick(Self.dataRoles)]
      caller = .workload(role, in: account, region: region, at: time, &random)
    } else if roll < 0.96 {
      // Bots with long-term keys: backups, CI uploads, exporters.
      caller = .iamUser(account.humanCount + random.below(DemoAccount.bots.count), in: account, &random)
    } else {
      caller = .sso(random.below(account.humanCount), in: account, at: time, &random)
      caller.agent = .cli(random.below(2))
      caller.fromConsole = false
    }
    var error: DemoError?
    if caller.kind != .awsService && random.chance(0.015) {
      let errors = dataErrors[apiIndex]
      error = random.chance(0.7) ? errors[0] : random.pick(errors)
    }
    return PlaneEvent(time: time, account: index, region: region, api: apiIndex, caller: caller, error: error)
  }

  private func networkEvent(account index: Int, time: Int64, _ random: inout SeededRandom) -> PlaneEvent {
    let apiIndex = catalog.pickNetwork(&random)
    let region = region(&random)
    let denied = random.chance(0.06)
    // About a third of the refusals are principals of another account using the organization's
    // endpoint: what an endpoint policy restricted to the organization is there to stop.
    let fromOutside = denied && random.chance(0.35)
    let owner = fromOutside ? outsider : accounts[index]
    let role = owner.roles[random.pick([0, 1, 2, 3, 4, 5, 6, 7])]
    var caller = DemoCaller.workload(role, in: owner, region: region, at: time, &random)
    // Through an interface endpoint the caller is a host in a private subnet.
    caller.sourceIP = NetworkActivityComposer.privateAddress(
      account: fromOutside ? 200 : index, region: region, &random)
    return PlaneEvent(
      time: time, account: index, region: region, api: apiIndex, caller: caller,
      error: denied ? NetworkActivityComposer.denial : nil, callerAccount: fromOutside ? outsider : nil)
  }
}
