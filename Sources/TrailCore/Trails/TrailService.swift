import Foundation

/// The rules of trail configuration (spec §3): who sees which trail in which region, the 5-trail
/// limit, home-region-only changes, organization trails. Every trail operation goes through here.
///
/// Choices where AWS's documentation is silent (README "Where TrailDeck decides"):
/// - A member account changing an organization trail gets `NotOrganizationMasterAccountException`.
/// - `ListTrails` lists every trail the account sees, in every region, once each.
/// - Tags may be changed from any region.
final class TrailService {
  let store: TrailStore
  let context: StoreContext

  /// Runs between a read-modify-write's read and its write (`write(_:replacing:)`), outside the
  /// write's transaction: tests change the trail there from another connection, as a concurrent
  /// `traildeck` process would, to reach `ConflictException`.
  var beforeWriting: (() throws -> Void)?

  init(store: TrailStore, context: StoreContext) {
    self.store = store
    self.context = context
  }

  var account: String { context.account }
  var region: String { context.callerRegion }
  var now: Date { context.clock.now() }

  // MARK: Seeing and finding trails

  /// Whether the caller's account sees `trail`: it owns it, or it is an organization trail of the
  /// caller's organization.
  func isVisible(_ trail: TrailRecord, organization: OrganizationInfo?) -> Bool {
    if trail.ownerAccount == account { return true }
    guard trail.isOrganizationTrail, let organization, trail.organizationId == organization.id else {
      return false
    }
    return organization.accounts.contains(account)
  }

  /// The trails the caller sees in `region`: those whose home is there and every multi-region trail.
  func visibleTrails(in region: String) throws -> [TrailRecord] {
    let organization = try store.organization()
    return try store.allTrails().filter {
      $0.applies(in: region) && isVisible($0, organization: organization)
    }
  }

  /// The trail named by `nameOrARN` as the caller sees it in its region.
  ///
  /// - Throws: `InvalidTrailNameException`, `CloudTrailARNInvalidException`, `TrailNotFoundException`.
  func find(_ nameOrARN: String) throws -> TrailRecord {
    let reference = try TrailRules.reference(nameOrARN)
    let organization = try store.organization()
    if let arn = reference.arn {
      let full = TrailARN.make(region: arn.region, account: arn.account, name: reference.name)
      if let trail = try store.trail(arn: full), isVisible(trail, organization: organization) { return trail }
    } else {
      let named = try visibleTrails(in: region).filter { $0.name == reference.name }
      if let trail = named.first(where: { $0.homeRegion == region }) ?? named.first { return trail }
    }
    throw ServiceError("TrailNotFoundException", "Unknown trail: \(nameOrARN) for the user: \(account)")
  }

  /// Changes are made in the trail's home region only.
  func requireHomeRegion(_ trail: TrailRecord) throws {
    guard trail.homeRegion == region else {
      throw ServiceError(
        "InvalidHomeRegionException",
        "Trail \(trail.arn) was created in \(trail.homeRegion); call this operation in that region (--region \(trail.homeRegion)), not in \(region)."
      )
    }
  }

  /// Only the owner changes a trail; for an organization trail, also a delegated administrator, and
  /// only while the management account has CloudTrail's service-linked role.
  func requireOwner(_ trail: TrailRecord) throws {
    let delegated = trail.isOrganizationTrail ? try store.delegatedAdmins() : []
    guard trail.ownerAccount == account || delegated.contains(account) else {
      throw ServiceError(
        "NotOrganizationMasterAccountException",
        "Trail \(trail.arn) is an organization trail: only its management account or a delegated administrator can change it."
      )
    }
    if trail.isOrganizationTrail { try checkManagementRole(managementAccount: trail.ownerAccount) }
  }

  // MARK: Create, update, delete

  func create(_ request: CreateTrailRequest) throws -> TrailRecord {
    try TrailRules.checkName(request.name)
    let kmsKeyARN = try checkDestinations(
      bucket: request.s3BucketName, prefix: request.s3KeyPrefix, topic: request.snsTopicName,
      logGroup: request.cloudWatchLogsLogGroupArn, role: request.cloudWatchLogsRoleArn,
      kmsKey: request.kmsKeyId)
    try TrailRules.checkTags(request.tagsList ?? [])
    if request.isMultiRegionTrail == true && request.includeGlobalServiceEvents == false {
      throw ServiceError(
        "InvalidParameterCombinationException", "Multi-Region trail must include global service events.")
    }
    var owner = account
    var organizationId: String?
    if request.isOrganizationTrail == true {
      let organization = try requireOrganizationAdministrator()
      owner = organization.managementAccount
      organizationId = organization.id
    }
    // The owner is known only now: an organization trail belongs to the management account.
    if let topic = request.snsTopicName {
      try checkTopicAccountActive(topic, owner: owner)
      try TrailRules.checkTopicExists(topic, account: owner, region: region, in: context)
    }
    let trail = TrailRecord(
      name: request.name, ownerAccount: owner, homeRegion: region, s3BucketName: request.s3BucketName,
      s3KeyPrefix: request.s3KeyPrefix, snsTopicName: request.snsTopicName,
      includeGlobalServiceEvents: request.includeGlobalServiceEvents ?? true,
      isMultiRegionTrail: request.isMultiRegionTrail ?? false,
      logFileValidationEnabled: request.enableLogFileValidation ?? false,
      cloudWatchLogsLogGroupArn: request.cloudWatchLogsLogGroupArn,
      cloudWatchLogsRoleArn: request.cloudWatchLogsRoleArn, kmsKeyId: kmsKeyARN,
      isOrganizationTrail: request.isOrganizationTrail ?? false, organizationId: organizationId,
      isLogging: false)
    try store.connection.transaction {
      let existing = try store.allTrails().filter { $0.ownerAccount == owner }
      if existing.contains(where: {
        $0.name == trail.name && ($0.applies(in: region) || trail.isMultiRegionTrail)
      }) {
        throw ServiceError(
          "TrailAlreadyExistsException", "Trail \(trail.name) already exists for customer: \(owner)")
      }
      try checkLimit(adding: trail, to: existing)
      try store.save(trail)
      try store.setTags(request.tagsList ?? [], on: trail.arn)
    }
    return trail
  }

  func update(_ request: UpdateTrailRequest) throws -> TrailRecord {
    let original = try find(request.name)
    var trail = original
    try requireHomeRegion(trail)
    try requireOwner(trail)
    if let bucket = request.s3BucketName { trail.s3BucketName = bucket }
    if let prefix = request.s3KeyPrefix { trail.s3KeyPrefix = prefix.isEmpty ? nil : prefix }
    if let topic = request.snsTopicName { trail.snsTopicName = topic.isEmpty ? nil : topic }
    if let group = request.cloudWatchLogsLogGroupArn {
      trail.cloudWatchLogsLogGroupArn = group.isEmpty ? nil : group
    }
    if let role = request.cloudWatchLogsRoleArn { trail.cloudWatchLogsRoleArn = role.isEmpty ? nil : role }
    if let key = request.kmsKeyId { trail.kmsKeyId = key.isEmpty ? nil : key }
    if let validation = request.enableLogFileValidation { trail.logFileValidationEnabled = validation }
    if let global = request.includeGlobalServiceEvents { trail.includeGlobalServiceEvents = global }
    if let multi = request.isMultiRegionTrail, multi != trail.isMultiRegionTrail {
      // Spec §3.2: single → multi turns global service events on, multi → single off.
      trail.isMultiRegionTrail = multi
      if request.includeGlobalServiceEvents == nil { trail.includeGlobalServiceEvents = multi }
    }
    // Turning an organization trail on, or keeping it on, needs what creating one needs.
    if request.isOrganizationTrail ?? trail.isOrganizationTrail {
      let organization = try requireOrganizationAdministrator()
      if !trail.isOrganizationTrail { trail.organizationId = organization.id }
      trail.isOrganizationTrail = true
    } else {
      trail.organizationId = nil
      trail.isOrganizationTrail = false
    }
    if let kmsKeyARN = try checkDestinations(
      bucket: trail.s3BucketName, prefix: trail.s3KeyPrefix, topic: trail.snsTopicName,
      logGroup: trail.cloudWatchLogsLogGroupArn, role: trail.cloudWatchLogsRoleArn,
      kmsKey: request.kmsKeyId.flatMap { $0.isEmpty ? nil : $0 })
    {
      trail.kmsKeyId = kmsKeyARN
    }
    // Only a topic this call names must exist: a trail keeps working (and reports the failed
    // notification) when its topic is deleted later, as in CloudTrail.
    if let topic = request.snsTopicName, !topic.isEmpty {
      try checkTopicAccountActive(topic, owner: trail.ownerAccount)
      try TrailRules.checkTopicExists(
        topic, account: trail.ownerAccount, region: trail.homeRegion, in: context)
    }
    if !trail.includeGlobalServiceEvents && trail.isMultiRegionTrail {
      throw ServiceError(
        "InvalidParameterCombinationException",
        "Multi-Region trail must include global service events.")
    }
    let updated = trail
    try write(updated, replacing: original) {
      let others = try store.allTrails().filter {
        $0.ownerAccount == updated.ownerAccount && $0.arn != updated.arn
      }
      try checkLimit(adding: updated, to: others)
    }
    return updated
  }

  func delete(_ nameOrARN: String) throws {
    let trail = try find(nameOrARN)
    try requireHomeRegion(trail)
    try requireOwner(trail)
    try write(nil, replacing: trail)
  }

  func setLogging(_ nameOrARN: String, on: Bool) throws {
    let original = try find(nameOrARN)
    try requireHomeRegion(original)
    try requireOwner(original)
    guard original.isLogging != on else { return }
    var trail = original
    trail.isLogging = on
    if on { trail.startLoggingTime = now } else { trail.stopLoggingTime = now }
    // Insights start over after logging stops and starts again: another 36 hours (spec §7.2).
    if on, let times = trail.insightsEnabledTimes {
      trail.insightsEnabledTimes = times.mapValues { _ in now }
    }
    try write(trail, replacing: original)
  }

  // MARK: Checks

  /// Checks a trail's destinations; returns the KMS key's full ARN when a key is given.
  @discardableResult
  private func checkDestinations(
    bucket: String, prefix: String?, topic: String?, logGroup: String?, role: String?, kmsKey: String?
  ) throws -> String? {
    try TrailRules.checkBucketName(bucket)
    try TrailRules.checkBucketExists(bucket, prefix: prefix, in: context)
    if let prefix { try TrailRules.checkPrefix(prefix) }
    if let topic { try TrailRules.checkTopic(topic) }
    try TrailRules.checkCloudWatchLogs(group: logGroup, role: role)
    if let logGroup { try TrailRules.checkLogGroupDeliverable(logGroup, in: context) }
    guard let kmsKey else { return nil }
    return try TrailRules.checkKmsKey(kmsKey, in: context)
  }

  /// 5 trails per region and account; a multi-region trail counts in every region.
  private func checkLimit(adding trail: TrailRecord, to existing: [TrailRecord]) throws {
    let regions = trail.isMultiRegionTrail ? Partition.regions : [trail.homeRegion]
    for region in regions where existing.filter({ $0.applies(in: region) }).count >= 5 {
      throw ServiceError(
        "MaximumNumberOfTrailsExceededException",
        "User: \(trail.ownerAccount) already has 5 trails in \(region).")
    }
  }

  /// The caller's organization, when the caller may make organization trails in it.
  private func requireOrganizationAdministrator() throws -> OrganizationInfo {
    guard let organization = try store.organization() else {
      throw ServiceError(
        "OrganizationsNotInUseException",
        "Account \(account) is not in an organization (TrailDeck's demo organization comes with `traildeck demo`)."
      )
    }
    let delegated = try store.delegatedAdmins()
    guard organization.managementAccount == account || delegated.contains(account) else {
      throw ServiceError(
        "NotOrganizationMasterAccountException",
        "Account \(account) is neither the management account (\(organization.managementAccount)) nor a delegated administrator of organization \(organization.id)."
      )
    }
    try checkOrganizationTrailsAllowed(in: organization)
    return organization
  }
}
