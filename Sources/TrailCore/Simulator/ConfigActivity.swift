/// The demo's AWS Config and Audit Manager activity: the calls that change the demo resources
/// (`ConfigResourcePlan`), the configuration item Config records 1–10 minutes after each, and the
/// Audit Manager evidence about the checked resources (daily, and when a change flips compliance),
/// with the `AWS::Config::ResourceCompliance` item Config records for each flip before that evidence.
///
/// Every record is a function of (seed, resource, change number) or (seed, resource, day), so any slice
/// of the span writes the same bytes as a full run; live mode continues the same sequences past the
/// span. Its random streams are its own, so the rest of the simulator's output does not move.
struct ConfigActivity: Sendable {
  /// What one record is: a call, the item after change `k`, or evidence while in change `k`'s state.
  struct Entry: Sendable {
    enum Kind: Int8, Sendable { case call, item, evidence, compliance }
    var time: Int64
    var kind: Kind
    var resource: Int32
    var k: Int32
    /// Evidence's collection time, or a compliance item's capture time, in milliseconds.
    var milliseconds: Int64 = 0

    static func < (a: Entry, b: Entry) -> Bool {
      (a.time, a.kind.rawValue, a.resource, a.k) < (b.time, b.kind.rawValue, b.resource, b.k)
    }
  }

  let plan: ConfigResourcePlan
  let calls: ConfigChangeCalls
  let items: ConfigItemComposer
  let evidence: AuditEvidenceComposer
  let compliance: ComplianceItemComposer
  /// The history span's entries in time order.
  private let history: [Entry]

  init(seed: UInt64, span: (start: Int64, end: Int64), accounts: [DemoAccount], regionNames: [String]) {
    let plan = ConfigResourcePlan(seed: seed, span: span, accounts: accounts, regionNames: regionNames)
    self.plan = plan
    calls = ConfigChangeCalls(seed: seed, accounts: accounts, regionNames: regionNames, plan: plan)
    items = ConfigItemComposer(accounts: accounts, regionNames: regionNames, plan: plan)
    evidence = AuditEvidenceComposer(seed: seed, accounts: accounts, regionNames: regionNames, plan: plan)
    compliance = ComplianceItemComposer(accounts: accounts, regionNames: regionNames, plan: plan)
    var entries: [Entry] = []
    for index in plan.resources.indices {
      Self.entries(
        of: index, plan.resources[index], plan.changes[index], from: span.start, to: span.end, into: &entries)
    }
    history = entries.sorted(by: <)
  }

  /// The entries of one resource whose time lies in `from..<to`.
  static func entries(
    of index: Int, _ r: ConfigResource, _ changes: [ConfigChange], from: Int64, to: Int64,
    into out: inout [Entry]
  ) {
    let resource = Int32(index)
    for (k, change) in changes.enumerated() {
      if change.time >= from && change.time < to {
        out.append(Entry(time: change.time, kind: .call, resource: resource, k: Int32(k)))
      }
      let captured = change.capture / 1000
      if captured >= from && captured < to {
        out.append(Entry(time: captured, kind: .item, resource: resource, k: Int32(k)))
      }
    }
    guard let control = AuditControl.control(for: r.kind), !changes.isEmpty else { return }
    // A change that flips compliance (or the first evaluation) is reported 2–5 minutes after its item.
    for (k, change) in changes.enumerated() where !change.state.deleted {
      guard k == 0 || control.isCompliant(change.state) != control.isCompliant(changes[k - 1].state) else {
        continue
      }
      var random = SeededRandom(keys: r.hash, StableHash.label("flip"), UInt64(k))
      let ms = change.capture + 120_000 + Int64(random.below(180_000))
      if ms / 1000 >= from && ms / 1000 < to {
        out.append(Entry(time: ms / 1000, kind: .evidence, resource: resource, k: Int32(k), milliseconds: ms))
      }
      // Config records the rule's new result 30–90 s after the item it evaluated (a stream of its
      // own, so the evidence times above do not move).
      var evaluation = SeededRandom(keys: r.hash, StableHash.label("compliance"), UInt64(k))
      let recorded = change.capture + 30_000 + Int64(evaluation.below(60_000))
      if recorded / 1000 >= from && recorded / 1000 < to {
        out.append(
          Entry(
            time: recorded / 1000, kind: .compliance, resource: resource, k: Int32(k), milliseconds: recorded)
        )
      }
    }
    // Daily evaluation at the resource's own time of day, over the state Config last recorded.
    let offset = 3600 + Int64(r.hash % (22 * 3600))
    var day = DemoSimulator.floorDiv(from - offset, 86_400)
    while day * 86_400 + offset < to {
      let time = day * 86_400 + offset
      day += 1
      guard time >= from else { continue }
      let ms = time * 1000 + Int64((r.hash >> 20) % 1000)
      guard let k = changes.lastIndex(where: { $0.capture <= ms }), !changes[k].state.deleted else {
        continue
      }
      out.append(Entry(time: time, kind: .evidence, resource: resource, k: Int32(k), milliseconds: ms))
    }
  }

  /// History records with `from <= eventTime < to`, in time order (calls, then items, then evidence
  /// within a second).
  func records(from: Int64, to: Int64) -> [DemoRecord] {
    var low = 0
    var high = history.count
    while low < high {
      let mid = (low + high) / 2
      if history[mid].time < from { low = mid + 1 } else { high = mid }
    }
    var out: [DemoRecord] = []
    while low < history.count && history[low].time < to {
      let entry = history[low]
      out.append(render(entry, changes: plan.changes[Int(entry.resource)]))
      low += 1
    }
    return out
  }

  /// Live records with `from <= eventTime < to` (after the span), in the same order.
  func liveRecords(from: Int64, to: Int64) -> [DemoRecord] {
    let from = max(from, plan.span.end)
    guard from < to else { return [] }
    var entries: [Entry] = []
    var changes: [[ConfigChange]] = []
    for index in plan.resources.indices {
      let list = plan.changes(of: index, before: to)
      changes.append(list)
      Self.entries(of: index, plan.resources[index], list, from: from, to: to, into: &entries)
    }
    return entries.sorted(by: <).map { render($0, changes: changes[Int($0.resource)]) }
  }

  private func render(_ entry: Entry, changes: [ConfigChange]) -> DemoRecord {
    let index = Int(entry.resource)
    let k = Int(entry.k)
    let history = changes[0...k]
    switch entry.kind {
    case .call:
      return calls.record(index, history: history)
    case .item:
      let item = items.item(
        index, history: history, causedBy: calls.eventID(index, k: k, time: changes[k].time))
      return DemoRecord(
        eventTime: item.captureTime / 1000, accountId: item.accountId, awsRegion: item.awsRegion,
        json: item.json)
    case .evidence:
      // Only resources with a control get evidence entries.
      return evidence.record(index, state: changes[k].state, time: entry.milliseconds)!
    case .compliance:
      // Only resources with a control get compliance entries.
      let control = AuditControl.control(for: plan.resources[index].kind)!
      let item = compliance.item(
        index, control: control, state: changes[k].state, time: entry.milliseconds, isFirst: k == 0)
      return DemoRecord(
        eventTime: item.captureTime / 1000, accountId: item.accountId, awsRegion: item.awsRegion,
        json: item.json)
    }
  }
}
