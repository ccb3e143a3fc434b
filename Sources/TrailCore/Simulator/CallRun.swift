/// A run of calls of one API in one account and region, minute by minute: the calls of an
/// Insights-style incident, or one night of the batch job.
///
/// Each minute's calls come from a generator keyed by (seed, run, minute), so a minute can be produced
/// on its own and any slice still matches a full run byte for byte.
struct CallRun: Sendable {
  /// Distinguishes this run's generators from every other run's.
  let key: UInt64
  let account: Int
  let region: Int
  let api: Int
  /// Epoch minute (seconds / 60) of the first minute.
  let firstMinute: Int64
  /// Calls in each minute from `firstMinute` on.
  let counts: [Int]
  /// Who calls. The first calls of the first minute go one to each caller so that every one appears;
  /// after that the first caller makes about half of the calls.
  let callers: [DemoCaller]
  /// The one error every call fails with; nil for successful runs.
  let error: DemoError?

  /// Epoch minute just after the last minute.
  var endMinute: Int64 { firstMinute + Int64(counts.count) }

  func contains(minute: Int64) -> Bool { minute >= firstMinute && minute < endMinute }

  /// The calls of `minute` (inside the run) in time order, drawn from `random`.
  func events(minute: Int64, _ random: inout SeededRandom) -> [DemoEvent] {
    let count = counts[Int(minute - firstMinute)]
    var seconds = (0..<count).map { _ in Int64(random.below(60)) }
    seconds.sort()
    return seconds.indices.map { index in
      let caller: Int
      if minute == firstMinute && index < callers.count {
        caller = index
      } else if callers.count == 1 || random.chance(0.5) {
        caller = 0
      } else {
        caller = 1 + random.below(callers.count - 1)
      }
      return DemoEvent(
        time: minute * 60 + seconds[index], account: account, region: region, api: api,
        caller: callers[caller], error: error)
    }
  }

  /// The generator of `minute`'s calls and of their records.
  func random(minute: Int64, seed: UInt64) -> SeededRandom {
    SeededRandom(keys: seed, StableHash.label("call-run"), key, UInt64(bitPattern: minute))
  }

  /// The records of `minute` in time order; `isLive` selects live mode's eventID space.
  func records(minute: Int64, composer: EventComposer, isLive: Bool) -> [DemoRecord] {
    guard contains(minute: minute) else { return [] }
    var random = random(minute: minute, seed: composer.seed)
    let events = events(minute: minute, &random)
    return events.map { composer.compose($0, &random, isLive: isLive) }
  }

  /// Epoch seconds of the first call and just after the last one.
  func bounds(seed: UInt64) -> (start: Int64, end: Int64) {
    var first = random(minute: firstMinute, seed: seed)
    var last = random(minute: endMinute - 1, seed: seed)
    let start = events(minute: firstMinute, &first).first?.time ?? firstMinute * 60
    let end = (events(minute: endMinute - 1, &last).last?.time ?? endMinute * 60 - 1) + 1
    return (start, end)
  }
}

extension DemoCaller {
  /// The caller's `userIdentity.arn` as text (what `writeARN` writes).
  func arn(in account: DemoAccount) -> String {
    switch kind {
    case .iamUser: return account.users[user].arn
    case .assumedRole: return "arn:aws:sts::\(account.id):assumed-role/\(role?.name ?? "")/\(session)"
    case .root: return account.rootARN
    case .awsService: return invokedBy
    case .webIdentity: return "arn:aws:sts::\(account.id):assumed-role/GitHubActionsDeployRole/GitHubActions"
    }
  }
}
