/// The `AwsServiceEvent` records of the span: things AWS services do on their own schedule, not in
/// answer to a caller's request. Management events, so Event history shows them.
///
/// - KMS rotates each customer managed key once a year (`RotateKey`), on a per-key anniversary; the
///   record is the documented one (spec §1.5, `non-api-aws-service-events`): `userIdentity` with only
///   `accountId` and `invokedBy: "AWS Internal"`, `AWS Internal` as address and agent, `null` request
///   and response, `serviceEventDetails` with `rotationType` and `keyId`.
/// - Secrets Manager rotates the database secrets every 30 days (`RotationStarted`, then
///   `RotationSucceeded` a minute later), with `invokedBy: "secretsmanager.amazonaws.com"` and the
///   secret in `additionalEventData.SecretId` as Secrets Manager's guide shows them (inferred: not in
///   our spec's sources).
///
/// Every record is keyed by what it is about and when, so any span holding that instant writes the same
/// bytes.
struct ServiceEventPlan: Sendable {
  /// Sorted by time.
  let records: [DemoRecord]

  init(seed: UInt64, span: (start: Int64, end: Int64), accounts: [DemoAccount], regionNames: [String]) {
    var out: [DemoRecord] = []
    for account in accounts {
      for region in regionNames.indices {
        for (k, key) in account.kmsKeys[region].enumerated() {
          let keyHash = StableHash.combine(seed, StableHash.label("rotate"), StableHash.label(key))
          for time in Self.occurrences(every: 365, hash: keyHash, in: span) {
            var random = SeededRandom(keys: keyHash, UInt64(bitPattern: time))
            out.append(
              Self.rotateKey(
                account, key: account.kmsKeys[region][k], regionName: regionNames[region], time, &random))
          }
        }
      }
      for secret in [0, 2] {  // prod/db/master and staging/db/master have rotation functions
        let secretHash = StableHash.combine(
          seed, StableHash.label("rotation"), StableHash.label(account.id), UInt64(secret))
        for time in Self.occurrences(every: 30, hash: secretHash, in: (span.start - 120, span.end)) {
          var random = SeededRandom(keys: secretHash, UInt64(bitPattern: time))
          let done = time + Int64(random.within(20...90))
          for (name, at) in [("RotationStarted", time), ("RotationSucceeded", done)]
          where at >= span.start && at < span.end {
            out.append(
              Self.secretRotation(name, account, secret: secret, regionName: regionNames[0], at, &random))
          }
        }
      }
    }
    records = out.sorted { $0.eventTime < $1.eventTime }
  }

  /// The instants in `span` of a schedule that repeats every `days` days at a time of day and phase
  /// taken from `hash`.
  static func occurrences(every days: Int64, hash: UInt64, in span: (start: Int64, end: Int64)) -> [Int64] {
    let period = days * 86_400
    let offset = Int64(hash % UInt64(period))
    var time = span.start - DemoSimulator.floorMod(span.start - offset, period)
    if time < span.start { time += period }
    var out: [Int64] = []
    while time < span.end {
      out.append(time)
      time += period
    }
    return out
  }

  private static func rotateKey(
    _ account: DemoAccount, key: String, regionName: String, _ time: Int64, _ random: inout SeededRandom
  ) -> DemoRecord {
    var w = RecordWriter(capacity: 900)
    w.serviceEventOpening(
      account: account.id, invokedBy: "AWS Internal", time: time, source: "kms.amazonaws.com",
      name: "RotateKey", region: regionName)
    w.key("eventID")
    w.uuid(&random)
    w.field("readOnly", false)
    w.key("resources")
    w.beginArray()
    w.resourceEntry(
      accountId: account.id, type: "AWS::KMS::Key", arn: "arn:aws:kms:\(regionName):\(account.id):key/\(key)")
    w.endArray()
    w.field("eventType", "AwsServiceEvent")
    w.field("managementEvent", true)
    w.field("recipientAccountId", account.id)
    w.key("serviceEventDetails")
    w.beginObject()
    w.field("rotationType", "AUTOMATIC")
    w.field("keyId", key)
    w.endObject()
    w.field("eventCategory", "Management")
    w.endObject()
    return DemoRecord(eventTime: time, accountId: account.id, awsRegion: regionName, json: w.bytes)
  }

  private static func secretRotation(
    _ name: String, _ account: DemoAccount, secret: Int, regionName: String, _ time: Int64,
    _ random: inout SeededRandom
  ) -> DemoRecord {
    let service = "secretsmanager.amazonaws.com"
    var w = RecordWriter(capacity: 900)
    w.serviceEventOpening(
      account: account.id, invokedBy: service, time: time, source: service, name: name, region: regionName)
    w.key("additionalEventData")
    w.beginObject()
    w.field(
      "SecretId",
      "arn:aws:secretsmanager:\(regionName):\(account.id):secret:\(DemoAccount.secrets[secret])-\(account.secretSuffix[secret])"
    )
    w.endObject()
    w.key("requestID")
    w.uuid(&random)
    w.key("eventID")
    w.uuid(&random)
    w.field("readOnly", false)
    w.field("eventType", "AwsServiceEvent")
    w.field("managementEvent", true)
    w.field("recipientAccountId", account.id)
    w.field("eventCategory", "Management")
    w.endObject()
    return DemoRecord(eventTime: time, accountId: account.id, awsRegion: regionName, json: w.bytes)
  }
}

extension ServiceEventPlan {
  /// The records with `from <= eventTime < to`, in time order.
  func records(from: Int64, to: Int64) -> [DemoRecord] {
    var low = 0
    var high = records.count
    while low < high {
      let mid = (low + high) / 2
      if records[mid].eventTime < from { low = mid + 1 } else { high = mid }
    }
    var out: [DemoRecord] = []
    while low < records.count && records[low].eventTime < to {
      out.append(records[low])
      low += 1
    }
    return out
  }
}

extension RecordWriter {
  /// The opening of an `AwsServiceEvent` a service records on its own: `eventVersion`, a `userIdentity`
  /// of `account` and `invokedBy`, `eventTime`, source, name and region, `invokedBy` again as address and
  /// user agent, and null request and response.
  mutating func serviceEventOpening(
    account: String, invokedBy: String, time: Int64, source: String, name: String, region: String
  ) {
    beginObject()
    field("eventVersion", "1.08")
    key("userIdentity")
    beginObject()
    field("accountId", account)
    field("invokedBy", invokedBy)
    endObject()
    timeField("eventTime", time)
    field("eventSource", source)
    field("eventName", name)
    field("awsRegion", region)
    field("sourceIPAddress", invokedBy)
    field("userAgent", invokedBy)
    ApiShapes.nulls(&self)
  }
}
