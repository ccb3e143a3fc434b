extension ApiShapes {
  /// Lambda, DynamoDB, Logs, SSM, Secrets Manager, ECR, RDS, CloudWatch and CloudTrail.
  static func other(_ api: DemoAPI, _ c: inout ShapeContext, _ w: inout RecordWriter) -> DemoResource? {
    let account = c.account
    let region = c.regionName
    let app = c.random.pick(DemoAccount.apps)
    var resource: DemoResource?
    var response: ((inout RecordWriter, inout ShapeContext) -> Void)?
    w.key("requestParameters")
    switch api.name {
    case "ListFunctions20150331", "GetAuthorizationToken", "DescribeAlarms":
      w.null()
    case "GetFunction20150331v2", "UpdateFunctionCode20150331v2", "UpdateFunctionConfiguration20150331v2":
      let arn = "arn:aws:lambda:\(region):\(account.id):function:\(app)"
      w.beginObject()
      w.field("functionName", app)
      if api.name.hasPrefix("UpdateFunctionCode") {
        w.field("s3Bucket", account.buckets[4])
        w.field("s3Key", "lambda/\(app)/\(StableID.hex("", 8, c.random.next())).zip")
        w.field("publish", false)
      } else if api.name.hasPrefix("UpdateFunctionConfiguration") {
        w.field("timeout", 30)
        w.field("memorySize", 512)
      }
      w.endObject()
      if !api.isReadOnly {
        response = { w, c in
          w.beginObject()
          w.field("functionName", app)
          w.field("functionArn", arn)
          w.field("runtime", "python3.12")
          w.field("role", "arn:aws:iam::\(c.account.id):role/\(app)-lambda-role")
          w.field("handler", "app.handler")
          w.field("codeSize", c.random.within(10_000...50_000_000))
          w.field("timeout", 30)
          w.field("memorySize", 512)
          w.field("version", "$LATEST")
          w.field("state", "Active")
          w.field("lastUpdateStatus", "InProgress")
          w.endObject()
        }
      }
    case "DescribeTable", "UpdateTable":
      let table = c.random.pick(DemoAccount.tables)
      w.beginObject()
      w.field("tableName", table)
      if api.name == "UpdateTable" { w.field("billingMode", "PAY_PER_REQUEST") }
      w.endObject()
      let arn = "arn:aws:dynamodb:\(region):\(account.id):table/\(table)"
      resource = DemoResource(arn: arn, type: "AWS::DynamoDB::Table")
      if api.name == "UpdateTable" {
        response = { w, _ in
          w.beginObject()
          w.key("tableDescription")
          w.beginObject()
          w.field("tableName", table)
          w.field("tableStatus", "UPDATING")
          w.field("tableArn", arn)
          w.endObject()
          w.endObject()
        }
      }
    case "CreateLogStream":
      w.beginObject()
      w.field("logGroupName", "/aws/lambda/\(app)")
      w.key("logStreamName")
      w.beginString()
      let day = CivilTime(epochSeconds: c.time)
      w.fragment(
        "\(day.year)/\(day.month < 10 ? "0" : "")\(day.month)/\(day.day < 10 ? "0" : "")\(day.day)/[$LATEST]")
      w.fragmentHex(c.random.next(), 16)
      w.fragmentHex(c.random.next(), 16)
      w.endString()
      w.endObject()
    case "CreateLogGroup", "DescribeLogStreams":
      w.beginObject()
      w.field("logGroupName", "/aws/lambda/\(app)")
      if api.name == "DescribeLogStreams" {
        w.field("orderBy", "LastEventTime")
        w.field("descending", true)
        w.field("limit", 1)
      }
      w.endObject()
    case "DescribeLogGroups":
      w.beginObject()
      w.field("logGroupNamePrefix", "/aws/")
      w.endObject()
    case "UpdateInstanceInformation":
      let instance = c.random.pick(account.instances[c.region])
      w.beginObject()
      w.field("instanceId", instance)
      w.field("agentVersion", "3.3.40.0")
      w.field("agentStatus", "Active")
      w.field("platformType", "Linux")
      w.field("platformName", "Amazon Linux")
      w.field("platformVersion", "2023")
      w.field("iPAddress", "10.0.\(c.random.below(256)).\(c.random.within(4...250))")
      w.field("agentName", "amazon-ssm-agent")
      w.field("availabilityZone", region + "a")
      w.endObject()
    case "GetParameter", "GetParameters", "PutParameter":
      let stage = c.random.chance(0.7) ? "prod" : "staging"
      let name = "/\(stage)/\(app)/\(c.random.pick(["db_url", "feature_flags", "api_endpoint"]))"
      w.beginObject()
      if api.name == "GetParameters" {
        w.key("names")
        w.beginArray()
        w.string(name)
        w.endArray()
      } else {
        w.field("name", name)
      }
      if api.name == "PutParameter" {
        w.field("type", "SecureString")
        w.field("overwrite", true)
        w.field("value", "HIDDEN_DUE_TO_SECURITY_REASONS")
        response = { w, c in
          w.beginObject()
          w.field("version", c.random.within(2...40))
          w.field("tier", "Standard")
          w.endObject()
        }
      } else {
        w.field("withDecryption", api.name == "GetParameter")
      }
      w.endObject()
    case "SendCommand":
      w.beginObject()
      w.key("instanceIds")
      w.beginArray()
      w.string(c.random.pick(account.instances[c.region]))
      w.endArray()
      w.field("documentName", "AWS-RunShellScript")
      w.field("interactive", false)
      w.endObject()
      response = { w, c in
        w.beginObject()
        w.key("command")
        w.beginObject()
        w.key("commandId")
        w.uuid(&c.random)
        w.field("documentName", "AWS-RunShellScript")
        w.field("status", "Pending")
        w.endObject()
        w.endObject()
      }
    case "GetSecretValue", "PutSecretValue":
      let index = c.random.below(DemoAccount.secrets.count)
      let name = DemoAccount.secrets[index]
      let arn = "arn:aws:secretsmanager:\(region):\(account.id):secret:\(name)-\(account.secretSuffix[index])"
      w.beginObject()
      w.field("secretId", c.random.chance(0.5) ? arn : name)
      if api.name == "PutSecretValue" {
        w.key("clientRequestToken")
        w.uuid(&c.random)
        response = { w, c in
          w.beginObject()
          w.field("arn", arn)
          w.field("name", name)
          w.key("versionId")
          w.uuid(&c.random)
          w.endObject()
        }
      }
      w.endObject()
    case "BatchGetImage", "PutImage":
      w.beginObject()
      w.field("repositoryName", app)
      w.field("registryId", account.id)
      w.key("imageIds")
      w.beginArray()
      w.beginObject()
      w.field("imageTag", "v1.\(c.random.below(200)).0")
      w.endObject()
      w.endArray()
      w.endObject()
      resource = DemoResource(
        arn: "arn:aws:ecr:\(region):\(account.id):repository/\(app)", type: "AWS::ECR::Repository")
    case "CreateDBSnapshot":
      let snapshot = "manual-\(c.time / 86_400)"
      w.beginObject()
      w.field("dBSnapshotIdentifier", snapshot)
      w.field("dBInstanceIdentifier", "prod-postgres")
      w.endObject()
      response = { w, _ in
        w.beginObject()
        w.field("dBSnapshotIdentifier", snapshot)
        w.field("dBInstanceIdentifier", "prod-postgres")
        w.field("engine", "postgres")
        w.field("status", "creating")
        w.endObject()
      }
    case "GetMetricData", "PutMetricAlarm":
      w.beginObject()
      if api.name == "PutMetricAlarm" {
        w.field("alarmName", "\(app)-5xx")
        w.field("metricName", "HTTPCode_Target_5XX_Count")
        w.field("namespace", "AWS/ApplicationELB")
        w.field("threshold", 10)
        w.field("comparisonOperator", "GreaterThanThreshold")
      } else {
        w.key("metricDataQueries")
        w.beginArray()
        w.beginObject()
        w.field("id", "m1")
        w.field("expression", "SEARCH('{AWS/EC2,InstanceId} CPUUtilization', 'Average', 300)")
        w.endObject()
        w.endArray()
        w.timeField("startTime", c.time - 3600)
        w.timeField("endTime", c.time)
      }
      w.endObject()
    case "LookupEvents":
      w.beginObject()
      w.key("lookupAttributes")
      w.beginArray()
      w.beginObject()
      w.field("attributeKey", "EventName")
      w.field("attributeValue", "ConsoleLogin")
      w.endObject()
      w.endArray()
      w.field("maxResults", 50)
      w.endObject()
    case "GetTrailStatus":
      w.beginObject()
      w.field("name", "arn:aws:cloudtrail:us-east-1:\(account.id):trail/org-trail")
      w.endObject()
    case "DescribeTrails":
      w.beginObject()
      w.field("includeShadowTrails", true)
      w.endObject()
    default:  // List*/Describe* calls that page
      w.beginObject()
      w.field("maxResults", 100)
      w.endObject()
    }
    w.key("responseElements")
    if c.failed || response == nil { w.null() } else { response?(&w, &c) }
    return resource
  }
}
