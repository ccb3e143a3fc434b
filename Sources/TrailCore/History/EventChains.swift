import Foundation

/// Links between events that CloudTrail records but does not connect: the call that caused an event
/// ("caused by") and the events a call caused ("caused").
///
/// CloudTrail has no chain id; TrailDeck follows the identity fields services set when they act on
/// someone's behalf. The rules, tried in this order for "caused by":
/// 1. **Forward access** — a call with `userIdentity.invokedBy` X (not an `AWSService` identity) made
///    with a caller's access key K was caused by the nearest earlier call to service X (`eventSource`
///    X) that K made itself (no `invokedBy`), at most `forwardWindow` before. CloudFormation's calls
///    for a stack link so to `CreateStack`.
/// 2. **Assumed-role session** — a call of an `AssumedRole` session with key K was caused by the
///    nearest earlier `AssumeRole*` whose `responseElements.credentials.accessKeyId` is K, at most
///    `longestSession` before; failing that, by the nearest earlier one of the same role
///    (`sessionIssuer.arn` = `requestParameters.roleArn`) and session name that names no key, whose
///    `durationSeconds` (3600 when absent) still covers the call. A record naming another key did not
///    issue this session.
/// 3. **Service-linked role** — an `AssumeRole` made by an `AWSService` X of a service-linked role
///    (`…:role/aws-service-role/…`) was caused by the nearest earlier write call (`readOnly` false) to X
///    in the same account made by its principal itself, at most `serviceLinkedWindow` before (Auto
///    Scaling assuming `AWSServiceRoleForAutoScaling` after `SetDesiredCapacity`).
///
/// "Caused" is the reverse: the events whose "caused by" is the given event. It is found from the
/// other side without testing every event: the key's later events (rule 1), the issued key's events
/// inside the credentials' lifetime (rule 2), and later service `AssumeRole`s (rule 3).
///
/// Every search goes through the store's postings (access key, resource name, event source, event
/// name) inside a time window, so a link costs a few small reads even among 10 million events. Only
/// management events inside Event history's 90 days are linked.
public struct EventChains {
  /// How long after a caller's request a service may still act for it with the caller's key (stacks
  /// take minutes; an hour covers large ones).
  public static let forwardWindow: Int64 = 3600
  /// How long after a capacity change Auto Scaling-like services assume their role.
  public static let serviceLinkedWindow: Int64 = 300
  /// The longest role session STS issues (12 hours): how far back a session's `AssumeRole` can lie.
  public static let longestSession: Int64 = 43_200
  /// At most this many candidates are read per rule, so a busy key cannot stall the UI.
  static let candidateLimit = 2000

  let history: any HistoryQuerying

  public init(_ history: any HistoryQuerying) { self.history = history }

  // MARK: Caused by

  /// The event that caused the stored event `rowID`, or nil when no rule finds one.
  public func causedBy(rowID: Int64) throws -> EventSummary? {
    try causedBy(facts(rowID: rowID))?.summary
  }

  func causedBy(_ event: ChainFacts) throws -> ChainFacts? {
    if let found = try forwardInitiator(of: event) { return found }
    if let found = try issuingAssumeRole(of: event) { return found }
    return try serviceLinkedInitiator(of: event)
  }

  /// Rule 1.
  private func forwardInitiator(of event: ChainFacts) throws -> ChainFacts? {
    guard let service = event.invokedBy, event.identityType != "AWSService", let key = event.accessKeyId
    else { return nil }
    return try nearestDirect(.accessKeyId, key, before: event, back: Self.forwardWindow) {
      $0.eventSource == service
    }
  }

  /// Rule 2.
  private func issuingAssumeRole(of event: ChainFacts) throws -> ChainFacts? {
    guard event.identityType == "AssumedRole", let key = event.accessKeyId, let role = event.sessionIssuerARN,
      let roleName = ResourceNameRule.name(fromARN: role)
    else { return nil }
    var found: ChainFacts?
    try scan(.resourceName, roleName, from: event, back: Self.longestSession) { summary in
      guard summary.eventSource == "sts.amazonaws.com", summary.eventName.hasPrefix("AssumeRole") else {
        return true
      }
      let candidate = try facts(summary)
      guard candidate.requestedRoleARN == role else { return true }
      if let issued = candidate.issuedAccessKeyId {
        guard issued == key else { return true }
      } else {
        guard candidate.requestedSessionName == event.sessionName,
          event.time <= candidate.time + candidate.durationSeconds
        else { return true }
      }
      found = candidate
      return false
    }
    return found
  }

  /// Rule 3.
  private func serviceLinkedInitiator(of event: ChainFacts) throws -> ChainFacts? {
    guard event.isAssumeRole, event.identityType == "AWSService", let service = event.invokedBy,
      event.requestedRoleARN?.contains(":role/aws-service-role/") == true
    else { return nil }
    return try nearestDirect(.eventSource, service, before: event, back: Self.serviceLinkedWindow) {
      $0.readOnly != true && $0.recipientAccountId == event.accountId
    }
  }

  // MARK: Caused

  /// The events the stored event `rowID` caused, oldest first, at most `limit`.
  public func caused(rowID: Int64, limit: Int = 200) throws -> [EventSummary] {
    let source = try facts(rowID: rowID)
    var out: [ChainFacts] = []
    // Rule 1 reversed: the key's later calls through the service this call went to, up to the key's
    // next own call to that service (which then owns the ones after it).
    if source.isDirect, let key = source.accessKeyId {
      try scan(.accessKeyId, key, from: source, forward: Self.forwardWindow) { summary in
        // A service acting with the key writes its own name as the address (CloudTrail's rule), so
        // only those records and the key's own calls to the service need reading.
        guard summary.eventSource == source.eventSource || summary.sourceIPAddress == source.eventSource
        else { return true }
        let candidate = try facts(summary)
        if candidate.invokedBy == source.eventSource && candidate.identityType != "AWSService" {
          out.append(candidate)
        } else if candidate.isDirect && candidate.eventSource == source.eventSource {
          return false
        }
        return out.count < limit
      }
    }
    // Rule 2 reversed: the calls signed with the key this AssumeRole handed out, in its lifetime.
    if source.isAssumeRole, let issued = source.issuedAccessKeyId {
      try scan(.accessKeyId, issued, from: source, forward: source.durationSeconds) { summary in
        let candidate = try facts(summary)
        if candidate.identityType == "AssumedRole" { out.append(candidate) }
        return out.count < limit
      }
    }
    // Rule 3 reversed: service AssumeRoles shortly after a write call to that service whose nearest
    // initiator is this call.
    if source.isDirect, source.readOnly != true {
      try scan(.eventName, "AssumeRole", from: source, forward: Self.serviceLinkedWindow) { summary in
        let candidate = try facts(summary)
        if candidate.invokedBy == source.eventSource, candidate.identityType == "AWSService",
          try serviceLinkedInitiator(of: candidate)?.rowID == source.rowID
        {
          out.append(candidate)
        }
        return out.count < limit
      }
    }
    // One event answers one rule at most in practice; the set keeps a record that two rules reach
    // from being listed twice.
    var seen: Set<Int64> = []
    return out.filter { seen.insert($0.rowID).inserted }.sorted { $0.cursor < $1.cursor }.prefix(limit)
      .compactMap(\.summary)
  }

  // MARK: Reading

  func facts(_ summary: EventSummary) throws -> ChainFacts {
    ChainFacts(rowID: summary.rowID, record: try history.record(rowID: summary.rowID), summary: summary)
  }

  func facts(rowID: Int64) throws -> ChainFacts {
    ChainFacts(rowID: rowID, record: try history.record(rowID: rowID))
  }

  /// Visits the events with `key` = `value` older than `event`, newest first, back to `back` seconds
  /// before it, until `visit` returns false or `candidateLimit` were seen.
  private func scan(
    _ key: LookupAttributeKey, _ value: String, from event: ChainFacts, back: Int64,
    _ visit: (EventSummary) throws -> Bool
  ) throws {
    try scan(key, value, from: event, within: (event.time - back, event.time), direction: .older, visit)
  }

  /// Visits the events with `key` = `value` newer than `event`, oldest first, up to `forward` seconds
  /// after it, until `visit` returns false or `candidateLimit` were seen.
  private func scan(
    _ key: LookupAttributeKey, _ value: String, from event: ChainFacts, forward: Int64,
    _ visit: (EventSummary) throws -> Bool
  ) throws {
    try scan(key, value, from: event, within: (event.time, event.time + forward), direction: .newer, visit)
  }

  /// Pages away from `event` in `direction` inside `bounds` (epoch seconds), each event once, in time
  /// order away from it.
  private func scan(
    _ key: LookupAttributeKey, _ value: String, from event: ChainFacts, within bounds: (Int64, Int64),
    direction: PageDirection, _ visit: (EventSummary) throws -> Bool
  ) throws {
    let filter = HistoryFilter(
      attribute: LookupAttribute(key, value), startTime: Date(timeIntervalSince1970: Double(bounds.0)),
      endTime: Date(timeIntervalSince1970: Double(bounds.1)))
    var cursor: HistoryCursor? = event.cursor
    var seen = 0
    while seen < Self.candidateLimit {
      // An `.older` page runs newest first, a `.newer` one too: reversed, it continues in time order.
      let page = try history.summaries(filter, from: cursor, direction: direction, limit: 100)
      for summary in direction == .older ? page : page.reversed() {
        seen += 1
        guard try visit(summary) else { return }
      }
      guard page.count == 100, let next = direction == .older ? page.last : page.first else { return }
      cursor = next.cursor
    }
  }

  /// The nearest earlier event with `key` = `value` within `back` seconds that passes `accepts` and
  /// was made directly (no `invokedBy`): rules 1 and 3.
  private func nearestDirect(
    _ key: LookupAttributeKey, _ value: String, before event: ChainFacts, back: Int64,
    where accepts: (EventSummary) -> Bool
  ) throws -> ChainFacts? {
    var found: ChainFacts?
    try scan(key, value, from: event, back: back) { summary in
      guard accepts(summary) else { return true }
      let candidate = try facts(summary)
      guard candidate.isDirect else { return true }
      found = candidate
      return false
    }
    return found
  }
}
