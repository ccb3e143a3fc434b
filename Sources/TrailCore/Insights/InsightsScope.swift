import Foundation

/// Where Insights are on: which accounts, regions, insight types and event categories, and from when
/// an Insights event may start (36 hours of the clock after a trail turned the type on, spec §7.2).
///
/// CloudTrail only looks for Insights where they are enabled; live detection asks this scope which
/// APIs to judge and which periods to write.
public struct InsightsScope: Sendable {
  /// One source of permission: a trail with Insights selectors, or everything (the demo's simulated
  /// organization, whose history is as if an organization trail had Insights on from its start).
  public struct Grant: Sendable {
    /// Nil: every account.
    public var accounts: Set<String>?
    /// Nil: every region.
    public var regions: Set<String>?
    /// `ApiCallRateInsight/Management` → the earliest start of a period of that type and category.
    public var startsFrom: [String: Date]
  }

  public var grants: [Grant]

  /// How long after Insights are turned on on a trail before the first Insights event.
  public static let trailWait: TimeInterval = 36 * 3600

  /// Every account, region, type and category, from `since`.
  public static func everything(since: Date) -> InsightsScope {
    var keys: [String: Date] = [:]
    for type in InsightType.allKnown {
      for category in ["Management", "Data"] { keys[Self.key(type, category)] = since }
    }
    return InsightsScope(grants: [Grant(accounts: nil, regions: nil, startsFrom: keys)])
  }

  static func key(_ type: InsightType, _ category: String) -> String { "\(type.rawValue)/\(category)" }

  static func key(_ subject: InsightSubject) -> String {
    key(subject.type, subject.category == .data ? "Data" : "Management")
  }

  /// The scope of the logging trails with Insights selectors (an organization trail covers every
  /// account of `organization`).
  static func of(_ trails: [TrailRecord], organization: OrganizationInfo?) -> InsightsScope {
    InsightsScope(grants: trails.compactMap { grant(of: $0, organization: organization) })
  }

  /// The scope of the logging trails and the ingesting event data stores with Insights on.
  static func current(_ trails: TrailStore) throws -> InsightsScope {
    let organization = try trails.organization()
    var scope = of(try trails.allTrails(), organization: organization)
    for (store, settings) in try EventDataStoreInsights.all(connection: trails.connection) {
      scope.grants.append(EventDataStoreInsights.grant(of: store, settings, organization: organization))
    }
    return scope
  }

  static func grant(of trail: TrailRecord, organization: OrganizationInfo?) -> Grant? {
    guard trail.isLogging, let times = trail.insightsEnabledTimes, !times.isEmpty else { return nil }
    let accounts =
      trail.isOrganizationTrail ? Set(organization?.accounts ?? [trail.ownerAccount]) : [trail.ownerAccount]
    return Grant(
      accounts: accounts, regions: trail.isMultiRegionTrail ? nil : [trail.homeRegion],
      startsFrom: times.mapValues { $0.addingTimeInterval(trailWait) })
  }

  public var isEmpty: Bool { grants.isEmpty }

  /// Whether any grant covers the account and region (the detector judges only those APIs).
  func covers(account: String, region: String) -> Bool {
    grants.contains { grant in
      (grant.accounts?.contains(account) ?? true) && (grant.regions?.contains(region) ?? true)
    }
  }

  /// Whether a period of `subject` starting at `start` may be written.
  func allows(_ subject: InsightSubject, startingAt start: Date) -> Bool {
    let key = Self.key(subject)
    return grants.contains { grant in
      (grant.accounts?.contains(subject.accountId) ?? true)
        && (grant.regions?.contains(subject.region) ?? true)
        && (grant.startsFrom[key].map { start >= $0 } ?? false)
    }
  }

  /// The event categories some grant judges.
  var categories: Set<EventCategory> {
    var out: Set<EventCategory> = []
    for grant in grants {
      for key in grant.startsFrom.keys {
        out.insert(key.hasSuffix("/Data") ? .data : .management)
      }
    }
    return out
  }

  /// The insight types some grant judges.
  var types: Set<InsightType> {
    Set(grants.flatMap { $0.startsFrom.keys.map { InsightType(rawValue: String($0.prefix { $0 != "/" })) } })
  }
}
