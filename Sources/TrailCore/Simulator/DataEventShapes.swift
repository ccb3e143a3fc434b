/// One entry of a data event's `resources[]`; S3 lists the object without `accountId`, then the bucket.
struct PlaneResource {
  var arn: String
  var type: StaticString
  var accountId: String?
}

/// Writes `requestParameters`, `responseElements` and `additionalEventData` of data events (S3 object
/// calls, Lambda `Invoke`, DynamoDB item calls), shaped as the services log them, and says which
/// resources the record lists and which host the client connected to.
enum DataEventShapes {
  /// The three body fields; returns the resources and the TLS host header. `cipher` is the suite the
  /// connection used: S3 repeats it in `additionalEventData`.
  static func write(
    _ api: DemoAPI, cipher: String, _ c: inout ShapeContext, _ w: inout RecordWriter
  ) -> (resources: [PlaneResource], host: String) {
    switch api.service {
    case .s3: return s3Object(api.name, cipher: cipher, &c, &w)
    case .lambda: return invoke(&c, &w)
    default: return dynamoItem(api.name, &c, &w)
    }
  }

  // MARK: S3 objects

  private static func s3Object(
    _ name: String, cipher: String, _ c: inout ShapeContext, _ w: inout RecordWriter
  ) -> (resources: [PlaneResource], host: String) {
    let bucketIndex = c.random.below(c.account.buckets.count)
    let bucket = c.account.buckets[bucketIndex]
    let (key, size) = objectKey(family: bucketIndex / 2, &c)
    let host = "\(bucket).s3.\(c.regionName).amazonaws.com"
    w.key("requestParameters")
    w.beginObject()
    w.field("bucketName", bucket)
    w.field("Host", host)
    w.field("key", key)
    w.endObject()
    w.key("responseElements")
    // PutObject answers with the encryption applied (buckets default to SSE-S3); the others log null.
    let encrypted = name == "PutObject" && !c.failed
    if encrypted {
      w.beginObject()
      w.field("x-amz-server-side-encryption", "AES256")
      w.endObject()
    } else {
      w.null()
    }
    w.key("additionalEventData")
    w.beginObject()
    w.field("SignatureVersion", "SigV4")
    w.field("CipherSuite", cipher)
    w.field("bytesTransferredIn", name == "PutObject" && !c.failed ? size : 0)
    if encrypted { w.field("SSEApplied", "Default_SSE_S3") }
    w.field("AuthenticationMethod", "AuthHeader")
    w.key("x-amz-id-2")
    w.beginString()
    ApiShapes.randomText(&w, &c.random, 76)
    w.endString()
    w.field("bytesTransferredOut", name == "GetObject" && !c.failed ? size : 0)
    w.endObject()
    return (
      [
        PlaneResource(arn: "arn:aws:s3:::\(bucket)/\(key)", type: "AWS::S3::Object", accountId: nil),
        PlaneResource(arn: "arn:aws:s3:::\(bucket)", type: "AWS::S3::Bucket", accountId: c.account.id),
      ], host
    )
  }

  /// A key and object size typical of each bucket family (data, logs, artifacts, backups, web).
  private static func objectKey(family: Int, _ c: inout ShapeContext) -> (String, Int) {
    let day = CivilTime(epochSeconds: c.time)
    let date = "\(day.year)/\(pad(day.month))/\(pad(day.day))"
    let app = c.random.pick(DemoAccount.apps)
    let tag = StableID.hex("", 8, c.random.next())
    switch family {
    case 0:
      return (
        "exports/\(app)/\(date)/part-\(String(10_000 + c.random.below(90_000))).snappy.parquet",
        c.random.within(1_000_000...64_000_000)
      )
    case 1:
      return ("app/\(app)/\(date)/\(pad(day.hour))/events-\(tag).json.gz", c.random.within(8_000...2_000_000))
    case 2:
      return (
        "builds/\(app)/\(StableID.hex("", 12, c.random.next())).zip", c.random.within(2_000_000...48_000_000)
      )
    case 3:
      let table = c.random.pick(DemoAccount.tables)
      return ("dynamodb/\(table)/\(date)/export-\(tag).json.gz", c.random.within(20_000_000...900_000_000))
    default:
      return c.random.chance(0.6)
        ? ("static/js/app.\(tag).js", c.random.within(2_000...400_000))
        : (
          "images/products/\(c.random.within(1000...9999))-\(c.random.below(6)).jpg",
          c.random.within(20_000...900_000)
        )
    }
  }

  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

  // MARK: Lambda

  private static func invoke(_ c: inout ShapeContext, _ w: inout RecordWriter) -> (
    resources: [PlaneResource], host: String
  ) {
    let app = function(invokedBy: c.caller, &c)
    let arn = "arn:aws:lambda:\(c.regionName):\(c.account.id):function:\(app)"
    w.key("requestParameters")
    w.beginObject()
    w.field("functionName", arn)
    // A service invoking on an event source names it, so the function's owner sees the trigger.
    switch c.caller.invokedBy {
    case "apigateway.amazonaws.com":
      w.field(
        "sourceArn",
        "arn:aws:execute-api:\(c.regionName):\(c.account.id):\(StableID.hex("", 10, StableHash.label(c.account.id)))/prod/POST/\(app)"
      )
    case "events.amazonaws.com":
      w.field("sourceArn", "arn:aws:events:\(c.regionName):\(c.account.id):rule/nightly-\(app)")
    case "s3.amazonaws.com":
      w.field("sourceArn", "arn:aws:s3:::\(c.account.buckets[8])")
    default: break
    }
    w.endObject()
    w.key("responseElements")
    w.null()
    w.key("additionalEventData")
    w.beginObject()
    w.field("functionVersion", "\(arn):$LATEST")
    w.endObject()
    return (
      [PlaneResource(arn: arn, type: "AWS::Lambda::Function", accountId: c.account.id)],
      "lambda.\(c.regionName).amazonaws.com"
    )
  }

  /// Which function a caller invokes: each trigger has its own functions.
  private static func function(invokedBy caller: DemoCaller, _ c: inout ShapeContext) -> String {
    switch caller.invokedBy {
    case "apigateway.amazonaws.com": return c.random.pick(["orders-api", "auth-service"])
    case "events.amazonaws.com": return "report-builder"
    case "s3.amazonaws.com": return "image-resizer"
    case "sns.amazonaws.com": return "notifications"
    default: return c.random.pick(["payments-worker", "notifications", "image-resizer"])
    }
  }

  // MARK: DynamoDB

  private static func dynamoItem(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) -> (
    resources: [PlaneResource], host: String
  ) {
    let table = c.random.pick(DemoAccount.tables)
    let id = "\(table.prefix(3))-\(StableID.hex("", 10, c.random.next()))"
    w.key("requestParameters")
    w.beginObject()
    w.field("tableName", table)
    // CloudTrail logs key values and attribute names, never the values of other attributes.
    switch name {
    case "Query":
      w.field("indexName", "by-customer")
      w.field("keyConditionExpression", "customerId = :c")
      w.field("limit", 25)
    default:
      w.key("key")
      w.beginObject()
      w.field("id", id)
      w.endObject()
      if name == "GetItem" { w.field("consistentRead", c.random.chance(0.2)) }
      if name == "PutItem" {
        w.key("item")
        w.beginArray()
        for attribute in ["id", "customerId", "status", "total", "createdAt"] { w.string(attribute) }
        w.endArray()
        w.field("conditionExpression", "attribute_not_exists(id)")
      }
      if name == "UpdateItem" {
        w.field("updateExpression", "SET #s = :s, updatedAt = :now")
        w.field("conditionExpression", "attribute_exists(id)")
        w.field("returnValues", "UPDATED_NEW")
      }
    }
    w.endObject()
    w.key("responseElements")
    w.null()
    return (
      [
        PlaneResource(
          arn: "arn:aws:dynamodb:\(c.regionName):\(c.account.id):table/\(table)",
          type: "AWS::DynamoDB::Table",
          accountId: c.account.id)
      ], "dynamodb.\(c.regionName).amazonaws.com"
    )
  }
}
