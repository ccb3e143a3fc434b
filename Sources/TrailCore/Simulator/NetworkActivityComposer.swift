/// Turns a network `PlaneEvent` into one CloudTrail network activity record: a call that passed
/// through (or was refused at) an interface VPC endpoint.
///
/// Field set, as far as sources go: the spec names `eventCategory: "NetworkActivity"` and
/// `vpcEndpointId` (§1.2) and the selector fields (§4.2); the rest follows records AWS publishes for
/// network activity events: `eventType: "AwsVpceEvent"`, no `userAgent`, `requestParameters`,
/// `responseElements`, `readOnly` or `managementEvent`, a `sharedEventID`, and `vpcEndpointAccountId`
/// (the endpoint's owner). Denials carry `errorCode: "VpceAccessDenied"` and the endpoint-policy message.
/// Inferred: every event is delivered to the endpoint owner (`recipientAccountId`), and `requestID`
/// has the service's usual format.
struct NetworkActivityComposer: Sendable {
  let seed: UInt64
  let catalog: DataEventCatalog
  let accounts: [DemoAccount]
  let regionNames: [String]

  /// What a VPC endpoint policy denial says.
  static let denial = DemoError(
    "VpceAccessDenied", .fixed("The request was denied due to a VPC endpoint policy"))

  func compose(_ event: PlaneEvent, _ random: inout SeededRandom) -> DemoRecord {
    let api = catalog.networkAPIs[event.api]
    let account = accounts[event.account]
    let region = regionNames[event.region]
    var w = RecordWriter(capacity: 1024)
    w.beginObject()
    // Network activity events started with eventVersion 1.09, after the 1.08 generation.
    w.field("eventVersion", random.chance(0.5) ? "1.09" : "1.11")
    event.caller.writeIdentity(&w, account: event.callerAccount ?? account, seed: seed)
    w.timeField("eventTime", event.time)
    w.field("eventSource", api.service.eventSource)
    w.field("eventName", api.name)
    w.field("awsRegion", region)
    w.field("sourceIPAddress", event.caller.sourceIP)
    if let error = event.error, case .fixed(let message) = error.message {
      w.field("errorCode", error.code)
      w.field("errorMessage", message)
    }
    w.key("requestID")
    if api.service == .s3 {
      w.string(String(StableID.hex("", 16, random.next()).uppercased()))
    } else {
      w.uuid(&random)
    }
    w.key("eventID")
    w.uuid(&random)
    w.field("eventType", "AwsVpceEvent")
    w.field("recipientAccountId", account.id)
    w.key("sharedEventID")
    w.uuid(&random)
    w.field("vpcEndpointId", Self.endpointId(seed: seed, account: account, region: event.region, api.service))
    w.field("vpcEndpointAccountId", account.id)
    w.field("eventCategory", "NetworkActivity")
    w.endObject()
    return DemoRecord(eventTime: event.time, accountId: account.id, awsRegion: region, json: w.bytes)
  }

  /// One interface endpoint per account, region and service, as a VPC with private subnets has.
  static func endpointId(seed: UInt64, account: DemoAccount, region: Int, _ service: DemoService) -> String {
    StableID.hex(
      "vpce-0", 16, seed, StableHash.label("vpce"), StableHash.label(account.id), UInt64(region),
      UInt64(service.rawValue))
  }

  /// A private address in the account's VPC of `region` (10.x/16 per account and region).
  static func privateAddress(account: Int, region: Int, _ random: inout SeededRandom) -> String {
    "10.\((account * 8 + region) % 256).\(random.below(4) * 64 + random.below(16)).\(random.within(4...250))"
  }
}
