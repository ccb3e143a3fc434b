// A CloudFormation stack operation and the calls CloudFormation then makes with the caller's
// credentials (see `ServiceChainPlan`).
extension ServiceChainPlan {
  func cloudFormation(account index: Int, start: Int64, _ random: inout SeededRandom) -> [Step] {
    let account = events.accounts[index]
    let region = pickRegion(&random)
    let regionName = events.regionNames[region]
    let human = random.below(account.humanCount)
    var caller: DemoCaller
    if random.chance(0.5) {
      caller = .iamUser(human, in: account, &random)
    } else {
      caller = .sso(human, in: account, at: start, &random)
      caller.agent = .cli(random.below(2))
      caller.fromConsole = false
    }
    let service = "cloudformation.amazonaws.com"
    var forwarded = caller
    forwarded.invokedBy = service
    forwarded.sourceIP = service
    forwarded.agent = .service

    let app = DemoAccount.apps[random.below(DemoAccount.apps.count)]
    let stack = "\(app)-\(random.chance(0.5) ? "prod" : "staging")"
    let stackKey = StableHash.combine(seed, StableHash.label(account.id), StableHash.label(stack))
    let id = StableID.hex("", 32, stackKey)
    let chars = Array(id)
    let stackID =
      "arn:aws:cloudformation:\(regionName):\(account.id):stack/\(stack)/"
      + "\(String(chars[0..<8]))-\(String(chars[8..<12]))-\(String(chars[12..<16]))-\(String(chars[16..<20]))-\(String(chars[20..<32]))"
    let group = StableID.hex("sg-0", 16, stackKey, 1)
    let role = "\(stack)-InstanceRole-\(StableID.base32("", 12, stackKey, 2))"
    let bucket = "\(stack)-artifacts-\(StableID.hex("", 12, stackKey, 3))"
    let policy = "\(stack)-artifacts-read"
    let template = "https://acme-artifacts-\(account.id)-prod.s3.amazonaws.com/templates/\(app).yaml"
    let vpc = account.vpcs[region]

    let roll = random.unit()
    let operation = roll < 0.5 ? "CreateStack" : roll < 0.8 ? "UpdateStack" : "DeleteStack"
    var time = start
    var steps: [Step] = [
      ownStep(
        .init(
          time: time, account: index, region: region, source: service, name: operation,
          cliCommand: operation == "CreateStack"
            ? "cloudformation.create-stack"
            : operation == "UpdateStack" ? "cloudformation.update-stack" : "cloudformation.delete-stack",
          caller: caller,
          request: { w in
            w.field("stackName", stack)
            guard operation != "DeleteStack" else { return }
            w.field("templateURL", template)
            w.key("capabilities")
            w.beginArray()
            w.string("CAPABILITY_NAMED_IAM")
            w.endArray()
          },
          response: operation == "DeleteStack" ? nil : { w in w.field("stackId", stackID) },
          resource: nil))
    ]
    /// One call CloudFormation makes, `gap` seconds after the previous one.
    func next(
      _ gap: ClosedRange<Int>, _ name: String, source: String, global: Bool = false,
      request: @escaping (inout RecordWriter) -> Void, response: ((inout RecordWriter) -> Void)? = nil,
      resource: DemoResource? = nil
    ) {
      time += Int64(random.within(gap))
      steps.append(
        ownStep(
          .init(
            time: time, account: index, region: global ? 0 : region, source: source, name: name,
            cliCommand: "", caller: forwarded, request: request, response: response, resource: resource)))
    }
    let bucketARN = DemoResource(arn: "arn:aws:s3:::\(bucket)", type: "AWS::S3::Bucket")
    let host = "\(bucket).s3.\(regionName).amazonaws.com"
    switch operation {
    case "CreateStack":
      next(3...8, "CreateSecurityGroup", source: "ec2.amazonaws.com") { w in
        w.field("groupName", "\(stack)-InstanceSecurityGroup")
        w.field("groupDescription", "Enable HTTPS access")
        w.field("vpcId", vpc)
      } response: { w in
        w.field("_return", true)
        w.field("groupId", group)
      }
      next(2...6, "CreateRole", source: "iam.amazonaws.com", global: true) { w in
        w.field("roleName", role)
        w.field("path", "/")
        w.field(
          "assumeRolePolicyDocument",
          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        )
      } response: { w in
        w.key("role")
        w.beginObject()
        w.field("path", "/")
        w.field("roleName", role)
        w.field("roleId", StableID.base32("AROA", 17, stackKey, 4))
        w.field("arn", "arn:aws:iam::\(account.id):role/\(role)")
        w.endObject()
      }
      next(2...5, "PutRolePolicy", source: "iam.amazonaws.com", global: true) { w in
        w.field("roleName", role)
        w.field("policyName", policy)
        w.field(
          "policyDocument",
          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"#
            + bucket + #"/*"}]}"#)
      }
      next(
        2...6, "CreateBucket", source: "s3.amazonaws.com",
        request: { w in
          w.field("bucketName", bucket)
          w.field("Host", host)
          w.key("CreateBucketConfiguration")
          w.beginObject()
          w.field("LocationConstraint", regionName)
          w.endObject()
        }, resource: bucketARN)
      time += Int64(random.within(20...90))
      steps.append(catalogStep("RunInstances", at: time, account: index, region: region, caller: forwarded))
    case "UpdateStack":
      next(4...20, "AuthorizeSecurityGroupIngress", source: "ec2.amazonaws.com") { w in
        w.field("groupId", group)
        w.key("ipPermissions")
        w.beginObject()
        ApiShapes.itemSet(&w, "items") { w in
          w.field("ipProtocol", "tcp")
          w.field("fromPort", 443)
          w.field("toPort", 443)
        }
        w.endObject()
      } response: { w in
        w.field("_return", true)
      }
      next(2...8, "PutRolePolicy", source: "iam.amazonaws.com", global: true) { w in
        w.field("roleName", role)
        w.field("policyName", policy)
        w.field(
          "policyDocument",
          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::"#
            + bucket + #"/*"}]}"#)
      }
    default:
      time += Int64(random.within(3...10))
      steps.append(
        catalogStep("TerminateInstances", at: time, account: index, region: region, caller: forwarded))
      next(
        30...120, "DeleteBucket", source: "s3.amazonaws.com",
        request: { w in
          w.field("bucketName", bucket)
          w.field("Host", host)
        }, resource: bucketARN)
      next(2...6, "DeleteRolePolicy", source: "iam.amazonaws.com", global: true) { w in
        w.field("roleName", role)
        w.field("policyName", policy)
      }
      next(2...6, "DeleteRole", source: "iam.amazonaws.com", global: true) { w in
        w.field("roleName", role)
      }
      next(5...30, "DeleteSecurityGroup", source: "ec2.amazonaws.com") { w in
        w.field("groupId", group)
      } response: { w in
        w.field("_return", true)
      }
    }
    return steps
  }
}
