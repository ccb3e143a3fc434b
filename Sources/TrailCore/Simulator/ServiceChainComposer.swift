/// Writes the records of service call chains whose APIs the background catalog does not have
/// (CloudFormation, Auto Scaling, the EC2/IAM/S3 calls a stack makes, a service's `AssumeRole`), in the
/// field order `EventComposer` uses.
///
/// The identity comes from a `DemoCaller`: a direct call carries the caller's own address, agent and
/// `tlsDetails`; a call a service makes with the caller's credentials has the caller's `userIdentity`
/// plus `invokedBy`, and the service's name as `sourceIPAddress` and `userAgent`, without `tlsDetails`.
struct ServiceChainComposer: Sendable {
  let seed: UInt64
  let accounts: [DemoAccount]
  let regionNames: [String]

  /// One call that is not in the catalog.
  struct Call {
    var time: Int64
    var account: Int
    var region: Int
    /// `eventSource`, e.g. `cloudformation.amazonaws.com`.
    var source: String
    var name: String
    /// The aws CLI's spelling, for a CLI caller's user agent (`cloudformation.create-stack`).
    var cliCommand: String
    var isReadOnly = false
    var caller: DemoCaller
    /// Writes the members of `requestParameters` (an object).
    var request: (inout RecordWriter) -> Void
    /// Writes the members of `responseElements`; nil writes `null`.
    var response: ((inout RecordWriter) -> Void)?
    var resource: DemoResource?
  }

  func compose(_ call: Call, _ random: inout SeededRandom, isLive: Bool) -> DemoRecord {
    let account = accounts[call.account]
    let region = regionNames[call.region]
    let caller = call.caller
    var w = RecordWriter()
    w.beginObject()
    w.field("eventVersion", "1.11")
    caller.writeIdentity(&w, account: account, seed: seed)
    w.timeField("eventTime", call.time)
    w.field("eventSource", call.source)
    w.field("eventName", call.name)
    w.field("awsRegion", region)
    w.field("sourceIPAddress", caller.sourceIP)
    w.key("userAgent")
    switch caller.agent {
    case .cli(let index):
      w.beginString()
      w.fragment(DemoNetwork.cli[index])
      w.fragment(call.cliCommand)
      w.endString()
    case .sdk(let index): w.string(DemoNetwork.sdks[index])
    case .browser(let index): w.string(DemoNetwork.browsers[index])
    case .awsInternal: w.string("AWS Internal")
    case .service: w.string(caller.invokedBy)
    }
    w.key("requestParameters")
    w.beginObject()
    call.request(&w)
    w.endObject()
    w.key("responseElements")
    if let response = call.response {
      w.beginObject()
      response(&w)
      w.endObject()
    } else {
      w.null()
    }
    w.key("requestID")
    w.uuid(&random)
    w.key("eventID")
    w.uuid(&random, isLive: isLive)
    w.field("readOnly", call.isReadOnly)
    if let resource = call.resource {
      w.key("resources")
      w.beginArray()
      w.resourceEntry(accountId: account.id, type: resource.type.description, arn: resource.arn)
      w.endArray()
    }
    w.managementCallClosing(eventType: "AwsApiCall", account: account.id, caller: caller, &random)
    if caller.kind != .awsService && caller.invokedBy.isEmpty {
      w.key("tlsDetails")
      w.beginObject()
      w.field("tlsVersion", "TLSv1.3")
      w.field("cipherSuite", "TLS_AES_128_GCM_SHA256")
      w.field("clientProvidedHostHeader", "\(call.source.prefix { $0 != "." }).\(region).amazonaws.com")
      w.endObject()
    }
    w.endObject()
    return DemoRecord(eventTime: call.time, accountId: account.id, awsRegion: region, json: w.bytes)
  }

  /// A service assuming `session.role` (`userIdentity` `AWSService` with `invokedBy`): the response hands
  /// out the key `session` then signs with, and lasts `seconds`.
  func assumeRole(
    by service: String, for session: DemoCaller, time: Int64, account: Int, region: Int, seconds: Int64,
    _ random: inout SeededRandom, isLive: Bool
  ) -> DemoRecord {
    let role = session.role!
    let accountID = accounts[account].id
    let key = session.sessionAccessKeyId(seed: seed)
    let tokenSeed = random.next()
    let call = Call(
      time: time, account: account, region: region, source: "sts.amazonaws.com", name: "AssumeRole",
      cliCommand: "sts.assume-role", isReadOnly: true, caller: .service(service),
      request: { w in
        w.field("roleArn", role.arn)
        w.field("roleSessionName", session.session)
        w.field("durationSeconds", Int(seconds))
      },
      response: { w in
        w.key("credentials")
        w.beginObject()
        w.field("accessKeyId", key)
        w.key("sessionToken")
        w.beginString()
        w.fragment("IQoJb3JpZ2luX2VjE")
        var token = SeededRandom(seed: tokenSeed)
        ApiShapes.randomText(&w, &token, 48)
        w.endString()
        w.key("expiration")
        w.beginString()
        w.fragmentIAMDate(time + seconds)
        w.endString()
        w.endObject()
        w.key("assumedRoleUser")
        w.beginObject()
        w.field("assumedRoleId", "\(role.principalId):\(session.session)")
        w.field("arn", "arn:aws:sts::\(accountID):assumed-role/\(role.name)/\(session.session)")
        w.endObject()
      },
      resource: DemoResource(arn: role.arn, type: "AWS::IAM::Role"))
    return compose(call, &random, isLive: isLive)
  }
}
