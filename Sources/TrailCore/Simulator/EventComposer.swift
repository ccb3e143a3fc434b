/// One call to be written: when, where, which API, by whom, and whether it failed.
struct DemoEvent {
  var time: Int64
  var account: Int
  var region: Int
  var api: Int
  var caller: DemoCaller
  var error: DemoError?
  /// The object an incident works on (see `ShapeContext.target`).
  var target: String?
}

/// Turns a `DemoEvent` into the bytes of one CloudTrail record, fields in the order AWS writes them.
struct EventComposer: Sendable {
  let seed: UInt64
  let catalog: ServiceCatalog
  let accounts: [DemoAccount]
  let regionNames: [String]
  /// eventVersion per API: each service moves to a new version on its own schedule, so one demo
  /// holds a stable mix of 1.08…1.11.
  private let versions: [String]

  init(seed: UInt64, catalog: ServiceCatalog, accounts: [DemoAccount], regionNames: [String]) {
    self.seed = seed
    self.catalog = catalog
    self.accounts = accounts
    self.regionNames = regionNames
    let choices = ["1.08", "1.09", "1.09", "1.10", "1.11", "1.11"]
    versions = catalog.apis.indices.map { index in
      choices[
        Int(StableHash.combine(seed, StableHash.label("version"), UInt64(index)) % UInt64(choices.count))]
    }
  }

  /// Writes the record for `event`; `isLive` selects live mode's disjoint eventID space.
  func compose(_ event: DemoEvent, _ random: inout SeededRandom, isLive: Bool = false) -> DemoRecord {
    let api = catalog.apis[event.api]
    let account = accounts[event.account]
    let region = regionNames[event.region]
    let caller = event.caller
    let failed = event.error != nil
    let isSignIn = api.service == .signin

    // The body is written first because an access-denied message quotes the resource it names.
    var body = RecordWriter(capacity: 768)
    var shape = ShapeContext(
      account: account, region: event.region, regionName: region, time: event.time, caller: caller,
      failed: failed, target: event.target, random: random)
    let resource = ApiShapes.write(api, &shape, &body)
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
      if !error.code.isEmpty { w.field("errorCode", error.code) }
      Self.writeMessage(
        error, api: api, caller: caller, account: account, resourceARN: resource?.arn, &w, &random)
    }
    w.appendMembers(of: body)
    if !isSignIn {
      w.key("requestID")
      if api.service == .s3 {
        w.beginString()
        w.fragmentHex(random.next(), 16)
        w.endString()
      } else {
        w.uuid(&random)
      }
    }
    w.key("eventID")
    w.uuid(&random, isLive: isLive)
    w.field("readOnly", api.isReadOnly)
    if let resource {
      w.key("resources")
      w.beginArray()
      w.resourceEntry(accountId: account.id, type: resource.type.description, arn: resource.arn)
      w.endArray()
    }
    w.managementCallClosing(
      eventType: isSignIn ? "AwsConsoleSignIn" : "AwsApiCall", account: account.id, caller: caller, &random)
    // AWS services call over their own channel, and console pages reach APIs through AWS's own
    // front end: CloudTrail logs TLS details only for the caller's direct connection (a service acting
    // with the caller's credentials, `invokedBy`, is not that connection either).
    if caller.kind != .awsService && caller.invokedBy.isEmpty && (!caller.fromConsole || isSignIn) {
      w.key("tlsDetails")
      w.beginObject()
      let tls = isSignIn ? 2 : random.below(3)
      w.field("tlsVersion", tls == 2 ? "TLSv1.2" : "TLSv1.3")
      w.field(
        "cipherSuite",
        tls == 0
          ? "TLS_AES_128_GCM_SHA256" : tls == 1 ? "TLS_AES_256_GCM_SHA384" : "ECDHE-RSA-AES128-GCM-SHA256")
      w.key("clientProvidedHostHeader")
      w.beginString()
      if isSignIn {
        w.fragment("signin.aws.amazon.com")
      } else {
        w.fragment(api.service.prefix)
        if !api.service.isGlobal {
          w.fragment(".")
          w.fragment(region)
        }
        w.fragment(".amazonaws.com")
      }
      w.endString()
      w.endObject()
    }
    if caller.fromConsole && !isSignIn { w.field("sessionCredentialFromConsole", "true") }
    w.endObject()
    return DemoRecord(eventTime: event.time, accountId: account.id, awsRegion: region, json: w.bytes)
  }

  /// Writes `errorMessage` as the service words it; data events share it with management calls.
  static func writeMessage(
    _ error: DemoError, api: DemoAPI, caller: DemoCaller, account: DemoAccount, resourceARN: String?,
    _ w: inout RecordWriter, _ random: inout SeededRandom
  ) {
    switch error.message {
    case .fixed(let text):
      if !text.isEmpty { w.field("errorMessage", text) }
    case .ec2Encoded:
      w.key("errorMessage")
      w.beginString()
      w.fragment("You are not authorized to perform this operation. Encoded authorization failure message: ")
      ApiShapes.randomText(&w, &random, 120)
      w.endString()
    case .notAuthorized:
      w.key("errorMessage")
      w.beginString()
      w.fragment("User: ")
      caller.writeARN(&w, account: account)
      w.fragment(" is not authorized to perform: ")
      w.fragment(api.service.prefix)
      w.fragment(":")
      w.fragment(api.name)
      w.fragment(" on resource: ")
      w.fragment(resourceARN ?? "*")
      w.fragment(" because no identity-based policy allows the ")
      w.fragment(api.service.prefix)
      w.fragment(":")
      w.fragment(api.name)
      w.fragment(" action")
      w.endString()
    }
  }
}

extension RecordWriter {
  /// The members after `resources` that every management call has, in CloudTrail's order:
  /// `eventType`, `managementEvent`, `recipientAccountId`, a service's `sharedEventID` (drawn from
  /// `random`), `eventCategory`.
  mutating func managementCallClosing(
    eventType: String, account: String, caller: DemoCaller, _ random: inout SeededRandom
  ) {
    field("eventType", eventType)
    field("managementEvent", true)
    field("recipientAccountId", account)
    if caller.kind == .awsService {
      key("sharedEventID")
      uuid(&random)
    }
    field("eventCategory", "Management")
  }
}
