/// Finds Insights periods in the rollups with an `InsightModel`.
///
/// Pure over what `InsightRollups` loaded: the same counts give the same periods, whether detection runs
/// live a minute at a time or over stored history (`traildeck insights scan`).
struct InsightDetector {
  var model: InsightModel

  /// The periods in `minutes` (epoch minutes, half-open), of the types in `types`.
  ///
  /// A period still running at the range's end (fewer quiet minutes after its last unusual minute than
  /// the model closes on) is returned open (`isClosed` false). `wanted` says which
  /// APIs (by interned ids) may have Insights; `name` turns an interned id back into its text.
  func periods(
    in rollups: InsightRollups, minutes: Range<Int64>, types: Set<InsightType>,
    wanted: (InsightRollups.API) -> Bool = { _ in true }, name: (Int64) throws -> String
  ) throws -> [InsightPeriod] {
    var out: [InsightPeriod] = []
    if types.contains(.apiCallRateInsight) {
      for (api, series) in rollups.writes where wanted(api) {
        let found = groups(of: series, in: minutes) {
          model.judgeCalls(series, at: $0, historyStart: rollups.historyStart)
        }
        for group in found {
          let subject = try self.subject(.apiCallRateInsight, api, error: nil, name: name)
          out.append(
            callRatePeriod(
              subject, group, series, historyStart: rollups.historyStart, end: minutes.upperBound))
        }
      }
    }
    if types.contains(.apiErrorRateInsight) {
      for (failure, series) in rollups.failures where wanted(failure.api) {
        guard let calls = rollups.calls[failure.api] else { continue }
        let found = groups(of: series, in: minutes) {
          model.judgeErrors(series, calls: calls, at: $0, historyStart: rollups.historyStart)
        }
        for group in found {
          let subject = try self.subject(.apiErrorRateInsight, failure.api, error: failure.error, name: name)
          out.append(
            errorRatePeriod(
              subject, group, series, calls: calls, historyStart: rollups.historyStart,
              end: minutes.upperBound))
        }
      }
    }
    return out.sorted { ($0.startMinute, $0.subject) < ($1.startMinute, $1.subject) }
  }

  private func subject(
    _ type: InsightType, _ api: InsightRollups.API, error: Int64?, name: (Int64) throws -> String
  ) throws -> InsightSubject {
    InsightSubject(
      type: type, category: EventCategory(rawValue: Int(api.category)) ?? .management,
      accountId: try name(api.account), region: try name(api.region), eventSource: try name(api.source),
      eventName: try name(api.name), errorCode: try error.map(name))
  }

  /// The unusual minutes of `series` that start in `minutes`, grouped into periods: a group continues
  /// while the next unusual minute comes within the quiet minutes, and counts when it has two unusual
  /// minutes or one strong one. Only minutes with a count can be unusual, so only they are judged.
  func groups(
    of series: MinuteSeries, in minutes: Range<Int64>, judge: (Int64) -> InsightModel.Verdict
  ) -> [(first: Int64, last: Int64)] {
    var out: [(first: Int64, last: Int64)] = []
    var current: (first: Int64, last: Int64, unusual: Int, strong: Bool)?
    func finish() {
      if let group = current, group.unusual >= 2 || group.strong { out.append((group.first, group.last)) }
      current = nil
    }
    var i = series.index(atOrAfter: minutes.lowerBound)
    while i < series.minutes.count && series.minutes[i] < minutes.upperBound {
      let minute = series.minutes[i]
      let count = series.counts[i]
      i += 1
      if let group = current, minute - group.last > model.quietMinutesToClose { finish() }
      guard count >= model.minimumCount else { continue }
      let verdict = judge(minute)
      guard verdict.isUnusual else { continue }
      if var group = current {
        group.last = minute
        group.unusual += 1
        group.strong = group.strong || verdict.isStrong
        current = group
      } else {
        current = (minute, minute, 1, verdict.isStrong)
      }
    }
    finish()
    return out
  }

  private func callRatePeriod(
    _ subject: InsightSubject, _ group: (first: Int64, last: Int64), _ series: MinuteSeries,
    historyStart: Int64, end: Int64
  ) -> InsightPeriod {
    let window =
      model.baselineWindow(at: group.first, historyStart: historyStart) ?? group.first..<group.first
    let duration = Double(group.last - group.first + 1)
    return InsightPeriod(
      subject: subject, startMinute: group.first, lastMinute: group.last,
      isClosed: group.last + model.quietMinutesToClose < end, baselineMinutes: Int64(window.count),
      baselineAverage: Double(series.sum(window)) / Double(max(1, window.count)),
      startAverage: Double(series.count(at: group.first)),
      periodAverage: Double(series.sum(group.first..<(group.last + 1))) / duration)
  }

  private func errorRatePeriod(
    _ subject: InsightSubject, _ group: (first: Int64, last: Int64), _ failures: MinuteSeries,
    calls: MinuteSeries, historyStart: Int64, end: Int64
  ) -> InsightPeriod {
    let window =
      model.baselineWindow(at: group.first, historyStart: historyStart) ?? group.first..<group.first
    func share(_ range: Range<Int64>) -> Double {
      let all = calls.sum(range)
      return all > 0 ? Double(failures.sum(range)) / Double(all) : 0
    }
    return InsightPeriod(
      subject: subject, startMinute: group.first, lastMinute: group.last,
      isClosed: group.last + model.quietMinutesToClose < end, baselineMinutes: Int64(window.count),
      baselineAverage: share(window), startAverage: share(group.first..<(group.first + 1)),
      periodAverage: share(group.first..<(group.last + 1)))
  }
}
