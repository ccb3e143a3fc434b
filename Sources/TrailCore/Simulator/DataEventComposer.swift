/// One data or network-activity call to be written: when, where, which API (an index into the
/// `DataEventCatalog` table of its kind), by whom, and whether it failed.
struct PlaneEvent {
  var time: Int64
  var account: Int
  var region: Int
  var api: Int
  var caller: DemoCaller
  var error: DemoError?
  /// The caller's own account when it is not the recipient (a principal from outside the organization).
  var callerAccount: DemoAccount?
}

/// Turns a data `PlaneEvent` into one CloudTrail data event record (`eventCategory: "Data"`,
/// `managementEvent: false`), fields in the order AWS writes them.
struct DataEventComposer: Sendable {
  let seed: UInt64
  let catalog: DataEventCatalog
  let accounts: [DemoAccount]
  let regionNames: [String]
  /// eventVersion per data API, fixed per seed as `EventComposer` does for management APIs.
  private let versions: [String]

  init(seed: UInt64, catalog: DataEventCatalog, accounts: [DemoAccount], regionNames: [String]) {
    self.seed = seed
    self.catalog = catalog
    self.accounts = accounts
    self.regionNames = regionNames
    let choices = ["1.08", "1.09", "1.10", "1.11", "1.11"]
    versions = catalog.dataAPIs.indices.map { index in
      choices[
        Int(StableHash.combine(seed, StableHash.label("data-version"), UInt64(index)) % UInt64(choices.count))
      ]
    }
  }

  func compose(_ event: PlaneEvent, _ random: inout SeededRandom) -> DemoRecord {
    let api = catalog.dataAPIs[event.api]
    let account = accounts[event.account]
    let region = regionNames[event.region]
    let caller = event.caller
    let tls = random.below(3)
    var body = RecordWriter(capacity: 768)
    var shape = ShapeContext(
      account: account, region: event.region, regionName: region, time: event.time, caller: caller,
      failed: event.error != nil, target: nil, random: random)
    let (resources, host) = DataEventShapes.write(api, cipher: TLSChoice.cipher(tls), &shape, &body)
    random = shape.random

    var w = RecordWriter()
    w.beginObject()
    w.field("eventVersion", versions[event.api])
    caller.writeIdentity(&w, account: account, seed: seed)
    w.timeField("eventTime", event.time)
    w.field("eventSource", api.service.eventSource)
    w.field("eventName", api.name)
    w.field("awsRegion", region)
    w.field("sourceIPAddress", caller.sourceIP)
    caller.writeUserAgent(&w, api: api)
    if let error = event.error {
      w.field("errorCode", error.code)
      EventComposer.writeMessage(
        error, api: api, caller: caller, account: account, resourceARN: resources.first?.arn, &w, &random)
    }
    w.appendMembers(of: body)
    w.key("requestID")
    if api.service == .s3 {
      // S3 request ids are 16 upper-case hex digits.
      w.string(String(StableID.hex("", 16, random.next()).uppercased()))
    } else {
      w.uuid(&random)
    }
    w.key("eventID")
    w.uuid(&random)
    w.field("readOnly", api.isReadOnly)
    w.key("resources")
    w.beginArray()
    for resource in resources {
      w.resourceEntry(accountId: resource.accountId, type: resource.type.description, arn: resource.arn)
    }
    w.endArray()
    w.field("eventType", "AwsApiCall")
    if api.service == .dynamodb { w.field("apiVersion", "2012-08-10") }
    w.field("managementEvent", false)
    w.field("recipientAccountId", account.id)
    w.field("eventCategory", "Data")
    // Services invoke over AWS's own network: CloudTrail logs TLS details only for direct clients.
    if caller.kind != .awsService { TLSChoice.write(&w, tls, host: host) }
    w.endObject()
    return DemoRecord(eventTime: event.time, accountId: account.id, awsRegion: region, json: w.bytes)
  }

  /// Errors the data APIs return, the most common first.
  static func errors(for api: DemoAPI) -> [DemoError] {
    switch (api.service, api.name) {
    case (.s3, "GetObject"), (.s3, "HeadObject"):
      return [
        DemoError("NoSuchKey", .fixed("The specified key does not exist.")),
        DemoError("AccessDenied", .fixed("Access Denied")),
      ]
    case (.s3, _): return [DemoError("AccessDenied", .fixed("Access Denied"))]
    case (.lambda, _):
      return [
        DemoError("TooManyRequestsException", .fixed("Rate Exceeded.")),
        DemoError("AccessDeniedException", .notAuthorized),
      ]
    case (_, "PutItem"), (_, "UpdateItem"):
      return [
        DemoError("ConditionalCheckFailedException", .fixed("The conditional request failed")),
        DemoError("AccessDeniedException", .notAuthorized),
      ]
    default:
      return [
        DemoError("AccessDeniedException", .notAuthorized),
        DemoError(
          "ProvisionedThroughputExceededException",
          .fixed(
            "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."
          )),
      ]
    }
  }
}

/// The TLS versions and cipher suites clients negotiate, shared by the data and network composers so a
/// record's `tlsDetails` and S3's `CipherSuite` agree.
enum TLSChoice {
  static func cipher(_ choice: Int) -> String {
    choice == 0
      ? "TLS_AES_128_GCM_SHA256" : choice == 1 ? "TLS_AES_256_GCM_SHA384" : "ECDHE-RSA-AES128-GCM-SHA256"
  }

  /// Writes `tlsDetails` for `choice` (0 and 1 are TLS 1.3, 2 is TLS 1.2) and the host the client named.
  static func write(_ w: inout RecordWriter, _ choice: Int, host: String) {
    w.key("tlsDetails")
    w.beginObject()
    w.field("tlsVersion", choice == 2 ? "TLSv1.2" : "TLSv1.3")
    w.field("cipherSuite", cipher(choice))
    w.field("clientProvidedHostHeader", host)
    w.endObject()
  }
}
