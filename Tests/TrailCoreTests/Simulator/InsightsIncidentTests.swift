import Foundation
import Testing

@testable import TrailCore

private typealias I = InsightsFixture

/// The Insights-style incidents (call-rate bursts, error storms) and the nightly batch, counted minute
/// by minute in the records the simulator writes: what a detector of unusual API activity sees.
@Suite("DemoSimulator Insights-style incidents")
struct InsightsIncidentTests {
  static let global: Set = ["iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com"]

  @Test(arguments: I.seeds)
  func severalOfEachKindInDifferentAccountsAndRegionsAfterAWeek(seed: UInt64) {
    let simulator = I.simulator(seed: seed)
    let span = I.configuration(seed: seed).span
    let bursts = I.insights(simulator, .apiCallRateBurst)
    let storms = I.insights(simulator, .apiErrorStorm)
    // Two of each per 7 days of span.
    #expect(bursts.count == 4 && storms.count == 4, "\(bursts.count) bursts, \(storms.count) storms")
    for group in [bursts, storms] {
      #expect(Set(group.map(\.accountId)).count >= 2 && Set(group.map(\.region)).count >= 2)
    }
    let insights = bursts + storms
    #expect(insights.contains { $0.accountId != simulator.accountIds[0] || $0.region != "us-east-1" })
    for incident in insights {
      // 14 days leave room after a whole week of baseline, so they begin after day 7.
      #expect(incident.start >= span.start.addingTimeInterval(7 * 86_400) && incident.end <= span.end)
      #expect(incident.start >= span.start.addingTimeInterval(36 * 3600))
      let source = incident.eventSource ?? ""
      #expect(!source.isEmpty && incident.eventNames == [incident.eventName ?? ""])
      #expect(
        incident.region == "us-east-1" || !Self.global.contains(source), "\(source) in \(incident.region)")
      #expect((incident.kind == .apiErrorStorm) == (incident.errorCode != nil))
      #expect(incident.principalArns.first == incident.principalArn)
      #expect(incident.principalArns.allSatisfy { $0.contains(":\(incident.accountId):") })
      let minutes = incident.end.timeIntervalSince(incident.start) / 60
      #expect(minutes > 4 && minutes <= (incident.kind == .apiErrorStorm ? 15 : 12))
    }
    #expect(bursts.allSatisfy { (1...3).contains($0.principalArns.count) })
    #expect(storms.allSatisfy { $0.principalArns.count == 1 })
    // Never on top of each other, of a classic incident or of the nightly batch.
    let ordered = simulator.incidents
    #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.end <= $1.start })
    let job = simulator.recurringJobs[0]
    #expect(insights.allSatisfy { job.runs(in: DateInterval(start: $0.start, end: $0.end)).isEmpty })
    #expect(simulator.incidents.filter { $0.eventSource == nil }.count == 4)
  }

  @Test func theSameSeedPlansTheSameIncidentsAndJob() {
    let a = I.simulator(seed: 7)
    let b = I.simulator(seed: 7)
    #expect(a.incidents == b.incidents && a.recurringJobs == b.recurringJobs)
    #expect(a.incidents != I.simulator(seed: 8).incidents)
    let live = DateInterval(start: I.end, duration: 86_400)
    #expect(a.liveIncidents(in: live) == b.liveIncidents(in: live))
  }

  @Test func shortSpansHaveNoneBefore36Hours() {
    // 36 h + 15 min is too short for an incident with room after it; 2 days hold one of each.
    let short = DemoConfiguration(seed: 3, start: I.end, duration: 36 * 3600 + 900, accounts: 2, regions: 2)
    #expect(DemoSimulator(configuration: short).incidents.allSatisfy { $0.eventSource == nil })
    let twoDays = DemoConfiguration(seed: 3, days: 2, accounts: 2, regions: 2, end: I.end)
    let simulator = DemoSimulator(configuration: twoDays)
    #expect(I.insights(simulator, .apiCallRateBurst).count == 1)
    #expect(I.insights(simulator, .apiErrorStorm).count == 1)
    let earliest = twoDays.span.start.addingTimeInterval(36 * 3600)
    #expect(simulator.incidents.filter { $0.eventSource != nil }.allSatisfy { $0.start >= earliest })
  }

  @Test(arguments: I.seeds)
  func everyBurstMinuteHasAtLeastThreeSuccessfulCalls(seed: UInt64) throws {
    let simulator = I.simulator(seed: seed)
    for burst in I.insights(simulator, .apiCallRateBurst) {
      let calls = I.history(simulator, of: burst)
      #expect(calls.allSatisfy { $0.readOnly == false }, "\(burst.eventName ?? "") is not a write")
      let successes = I.perMinute(calls.filter { $0.errorCode == nil })
      for minute in I.minutes(burst) {
        #expect(successes[minute, default: 0] >= 3, "\(burst.summary): minute \(minute)")
      }
      // The principals also make the API's background calls now and then, so a few more may show.
      let own = calls.filter { burst.principalArns.contains($0.arn ?? "") && $0.errorCode == nil }
      #expect(
        (burst.eventCount...(burst.eventCount + 3)).contains(own.count), "\(burst.summary): \(own.count)")
      #expect(Set(own.compactMap(\.arn)) == Set(burst.principalArns))
    }
  }

  @Test(arguments: I.seeds)
  func everyStormMinuteHasAtLeastFiveFailuresWithOneCode(seed: UInt64) throws {
    let simulator = I.simulator(seed: seed)
    for storm in I.insights(simulator, .apiErrorStorm) {
      let code = try #require(storm.errorCode)
      let calls = I.history(simulator, of: storm, before: 3 * 3600)
      let start = Int64(storm.start.timeIntervalSince1970)
      let during = calls.filter { $0.epoch >= start }
      let failures = I.perMinute(during.filter { $0.errorCode == code })
      for minute in I.minutes(storm) {
        #expect(failures[minute, default: 0] >= 5, "\(storm.summary): minute \(minute)")
      }
      // The app's role also makes the API's successful background calls, as it did before the storm.
      let own = during.filter { $0.arn == storm.principalArn && $0.errorCode == code }
      #expect(
        (storm.eventCount...(storm.eventCount + 3)).contains(own.count), "\(storm.summary): \(own.count)")
      // Chosen for at least ~20 expected calls an hour at that time: the three hours before hold
      // steady successes (each of them, and 15 in all leaves room for a morning ramp and chance).
      let before = calls.filter { $0.epoch < start && $0.errorCode == nil }
      #expect(before.count >= 15, "\(storm.summary): \(before.count) successes in the 3 hours before")
      let hours = Set(before.map { (start - $0.epoch - 1) / 3600 })
      #expect(hours == [0, 1, 2], "\(storm.summary): successes only in hours \(hours.sorted()) before")
    }
  }

  /// A burst's API is chosen for 1–10 expected calls an hour at its time and at most 10 an hour on
  /// average, and every 7 days hold each part of the rhythm once (its weekly mean is 1): from an hourly
  /// rate of at least 1 at the busiest time (level 3.05) the week holds at least 168 / 3.05 ≈ 55 calls,
  /// and at most 168 × 10 = 1680. 25…2000 leaves room for chance and the per-minute jitter.
  @Test func burstAPIsAreCalledOnlyAFewTimesAnHourInTheWeekBefore() {
    let simulator = I.simulator(seed: 1)
    let bursts = I.insights(simulator, .apiCallRateBurst)
    var counts = [Int](repeating: 0, count: bursts.count)
    let needles = bursts.map { Data(#""eventName":"\#($0.eventName ?? "")""#.utf8) }
    for batch in simulator.batches(of: 6 * 3600) {
      for record in batch {
        for (index, burst) in bursts.enumerated() {
          let time = Double(record.eventTime)
          guard record.accountId == burst.accountId && record.awsRegion == burst.region,
            time < burst.start.timeIntervalSince1970, time >= burst.start.timeIntervalSince1970 - 7 * 86_400,
            record.data.range(of: needles[index]) != nil
          else { continue }
          // Another incident on the same API and place would not be background.
          let inIncident = simulator.incidents.contains {
            $0.accountId == burst.accountId && $0.region == burst.region
              && (time >= $0.start.timeIntervalSince1970 && time < $0.end.timeIntervalSince1970)
          }
          if !inIncident { counts[index] += 1 }
        }
      }
    }
    for (burst, count) in zip(bursts, counts) {
      #expect((25...2000).contains(count), "\(burst.summary) in \(burst.accountId) \(burst.region): \(count)")
    }
  }

  // MARK: Nightly batch

  @Test func theNightlyBatchRunsEveryNightAtTwo() throws {
    let simulator = I.simulator(seed: 42)
    let span = I.configuration(seed: 42).span
    let job = try #require(simulator.recurringJobs.first)
    #expect(simulator.recurringJobs.count == 1)
    #expect(simulator.accountIds.contains(job.accountId) && simulator.regions.contains(job.region))
    #expect(job.hour == 2 && job.minute == 0 && job.durationMinutes == 10 && job.callsPerMinute == 15...25)
    let runs = job.runs(in: span)
    // The span starts at 12:34: its first night is within a day, and every night follows.
    #expect(runs.count == 14)
    let first = try #require(runs.first)
    #expect(first.start < span.start.addingTimeInterval(86_400))
    for (run, next) in zip(runs, runs.dropFirst()) {
      let gap = next.start.timeIntervalSince(run.start)
      #expect(abs(gap - 86_400) <= 8 * 60)
    }
    for run in runs {
      let civil = CivilTime(epochSeconds: Int64(run.start.timeIntervalSince1970))
      let offset = (civil.hour * 60 + civil.minute) - 120
      #expect(abs(offset) <= job.jitterMinutes && civil.second == 0)
      let calls = I.calls(
        simulator.records(in: run), account: job.accountId, region: job.region, source: job.eventSource,
        name: job.eventName
      ).filter { $0.arn == job.principalArn }
      #expect(calls.allSatisfy { $0.readOnly == false && $0.errorCode == nil })
      let perMinute = I.perMinute(calls)
      #expect(perMinute.count == job.durationMinutes)
      #expect(perMinute.values.allSatisfy { job.callsPerMinute.contains($0) }, "\(perMinute)")
    }
  }

  // MARK: Live mode

  @Test func liveModeInjectsABurstAndAStormEveryEightHours() throws {
    let simulator = I.simulator(seed: 7)
    let day = DateInterval(start: I.end, duration: 86_400)
    let incidents = simulator.liveIncidents(in: day)
    #expect(incidents == simulator.liveIncidents(in: day, rate: DemoSimulator.defaultLiveRate))
    #expect(incidents.filter { $0.kind == .apiCallRateBurst }.count >= 2)
    #expect(incidents.filter { $0.kind == .apiErrorStorm }.count >= 2)
    #expect(zip(incidents, incidents.dropFirst()).allSatisfy { $0.end <= $1.start })
    // Every 8-hour block of UTC time has exactly one of each.
    let block = DateInterval(start: Date(timeIntervalSince1970: 1_710_576_000), duration: 8 * 3600)
    #expect(
      simulator.liveIncidents(in: block).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [
        .apiCallRateBurst, .apiErrorStorm,
      ])
    for incident in incidents {
      let records = simulator.liveRecords(
        from: incident.start.addingTimeInterval(-60), to: incident.end.addingTimeInterval(60), rate: 5)
      let calls = I.calls(records, of: incident)
      let own = calls.filter {
        incident.principalArns.contains($0.arn ?? "") && $0.errorCode == incident.errorCode
      }
      #expect((incident.eventCount...(incident.eventCount + 3)).contains(own.count), "\(incident.summary)")
      if let code = incident.errorCode {
        let failures = I.perMinute(calls.filter { $0.errorCode == code })
        #expect(I.minutes(incident).allSatisfy { failures[$0, default: 0] >= 5 }, "\(incident.summary)")
      } else {
        let successes = I.perMinute(calls.filter { $0.errorCode == nil })
        #expect(I.minutes(incident).allSatisfy { successes[$0, default: 0] >= 3 }, "\(incident.summary)")
      }
      // Live eventIDs keep their own UUID variant.
      #expect(
        own.allSatisfy { "ab".contains($0.eventID[$0.eventID.index($0.eventID.startIndex, offsetBy: 19)]) })
      // Slices that cut the incident mid-minute still add up to the whole.
      let from = incident.start.addingTimeInterval(-60)
      let cut = incident.start.addingTimeInterval(150.5)
      let to = incident.end.addingTimeInterval(60)
      let pieces =
        simulator.liveRecords(from: from, to: cut, rate: 5)
        + simulator.liveRecords(from: cut, to: to, rate: 5)
      #expect(pieces == records)
    }
  }

  @Test func liveModeRunsTheNightlyBatchToo() throws {
    let simulator = I.simulator(seed: 1)
    let job = try #require(simulator.recurringJobs.first)
    let run = try #require(job.runs(in: DateInterval(start: I.end, duration: 86_400)).first)
    let records = simulator.liveRecords(from: run.start, to: run.end, rate: 2)
    let calls = I.calls(
      records, account: job.accountId, region: job.region, source: job.eventSource, name: job.eventName
    ).filter { $0.arn == job.principalArn }
    let perMinute = I.perMinute(calls)
    #expect(perMinute.count == job.durationMinutes && perMinute.values.allSatisfy { $0 >= 15 })
  }

  // MARK: Determinism

  @Test func slicesThroughABurstMatchTheWholeRun() throws {
    let simulator = I.simulator(seed: 42)
    let burst = try #require(I.insights(simulator, .apiCallRateBurst).first)
    let from = burst.start.addingTimeInterval(-95.5)
    let cut = burst.start.addingTimeInterval(130.25)
    let to = burst.end.addingTimeInterval(40)
    let whole = simulator.records(in: DateInterval(start: from, end: to))
    let halves =
      simulator.records(in: DateInterval(start: from, end: cut))
      + simulator.records(in: DateInterval(start: cut, end: to))
    #expect(whole == halves)
    let times = whole.map(\.eventTime)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(whole == I.simulator(seed: 42).records(in: DateInterval(start: from, end: to)))
  }
}
