/// The service-linked channel of the demo organization: Amazon Security Lake, turned on in the
/// management account's `us-east-1` shortly after the span starts, has CloudTrail make a channel that
/// hands it the region's management events (G:SLC). CloudTrail logs that as the `AwsServiceEvent`
/// `CreateServiceLinkedChannel`, which this plan writes as the guide's example record; `DemoLoader`
/// makes the channel itself through `ServiceLinkedChannels.create` at the record's time, with the
/// ID the record names.
///
/// A span shorter than the channel's moment has neither the channel nor the record.
struct ServiceLinkedChannelPlan: Sendable {
  /// One channel an AWS service makes during the span, and the record that logs it.
  struct Creation: Sendable, Equatable {
    /// The owner: the management account.
    let account: String
    let region: String
    /// Epoch seconds of the `CreateServiceLinkedChannel` record.
    let time: Int64
    let request: ServiceLinkedChannelRequest
    let record: DemoRecord

    /// The channel's ARN, as the record's resource names it.
    var arn: String { ChannelARN(region: region, account: account, id: request.channelID ?? "").text }
  }

  /// The service and what it asks for: Security Lake collects CloudTrail management events per region.
  static let service = "securitylake"
  static let suffix = "management-events"
  static let sourceConfig = SourceConfig(
    applyToAllRegions: false,
    advancedEventSelectors: [
      AdvancedEventSelector(
        name: "Management events",
        fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])])
    ])

  /// At most one, in time order.
  let creations: [Creation]

  init(seed: UInt64, span: (start: Int64, end: Int64), accounts: [DemoAccount], regionNames: [String]) {
    guard let owner = accounts.first, let region = regionNames.first else {
      creations = []
      return
    }
    let hash = StableHash.combine(
      seed, StableHash.label("service-linked-channel"), StableHash.label(owner.id))
    // 10 to 40 minutes into the span: inside even the API suite's two-hour demo.
    let time = span.start + 600 + Int64(hash % 1800)
    guard time < span.end else {
      creations = []
      return
    }
    let id = StableUUID.from("demo:seed=\(seed)/service-linked-channel/\(Self.service)/\(owner.id)")
    let request = ServiceLinkedChannelRequest(
      service: Self.service, suffix: Self.suffix, sourceConfig: Self.sourceConfig, channelID: id)
    var random = SeededRandom(keys: hash, UInt64(bitPattern: time))
    let arn = ChannelARN(region: region, account: owner.id, id: id).text
    creations = [
      Creation(
        account: owner.id, region: region, time: time, request: request,
        record: Self.record(account: owner.id, region: region, arn: arn, time, &random))
    ]
  }

  /// The records with `from <= eventTime < to`, in time order.
  func records(from: Int64, to: Int64) -> [DemoRecord] {
    creations.filter { $0.time >= from && $0.time < to }.map(\.record)
  }

  /// The user guide's `CreateServiceLinkedChannel` example, field for field: only `accountId` and
  /// `invokedBy: "AWS Internal"` as the identity, `AWS Internal` as address and agent, null request and
  /// response, the channel as the one resource. The guide's resource names another account id (an
  /// example's leftover, we read it); TrailDeck names the owner, as every other resource entry does.
  static func record(
    account: String, region: String, arn: String, _ time: Int64, _ random: inout SeededRandom
  ) -> DemoRecord {
    var w = RecordWriter(capacity: 900)
    w.serviceEventOpening(
      account: account, invokedBy: "AWS Internal", time: time, source: "cloudtrail.amazonaws.com",
      name: "CreateServiceLinkedChannel", region: region)
    w.key("requestID")
    w.uuid(&random)
    w.key("eventID")
    w.uuid(&random)
    w.field("readOnly", false)
    w.key("resources")
    w.beginArray()
    w.resourceEntry(accountId: account, type: "AWS::CloudTrail::Channel", arn: arn)
    w.endArray()
    w.field("eventType", "AwsServiceEvent")
    w.field("managementEvent", true)
    w.field("recipientAccountId", account)
    w.field("eventCategory", "Management")
    w.endObject()
    return DemoRecord(eventTime: time, accountId: account, awsRegion: region, json: w.bytes)
  }
}
