extension ApiShapes {
  /// EC2's XML-derived shapes: `…Set: {items: [...]}` and a `requestId` echoed in responses.
  static func ec2(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) {
    let account = c.account
    let instance = c.random.pick(account.instances[c.region])
    w.key("requestParameters")
    w.beginObject()
    var response: (inout RecordWriter, inout ShapeContext) -> Void = { w, _ in w.null() }
    switch name {
    case "DescribeInstances":
      if c.random.chance(0.5) {
        itemSet(&w, "instancesSet") { w in w.field("instanceId", instance) }
        w.key("filterSet")
        w.beginObject()
        w.endObject()
      } else {
        w.key("instancesSet")
        w.beginObject()
        w.endObject()
        itemSet(&w, "filterSet") { w in
          w.field("name", "tag:Environment")
          itemSet(&w, "valueSet") { w in w.field("value", "prod") }
        }
      }
    case "CreateTags":
      itemSet(&w, "resourcesSet") { w in w.field("resourceId", instance) }
      let owner = c.random.pick(DemoAccount.humans).display
      itemSet(&w, "tagSet") { w in
        w.field("key", "Owner")
        w.field("value", owner)
      }
      response = ok
    case "CreateNetworkInterface":
      let subnet = c.random.pick(account.subnets[c.region])
      let group = c.random.pick(account.securityGroups[c.region])
      let eni = StableID.hex("eni-0", 16, c.random.next())
      let app = c.random.pick(DemoAccount.apps)
      let vpc = account.vpcs[c.region]
      let address = "10.0.\(c.random.below(256)).\(c.random.within(4...250))"
      let zone = c.regionName + "b"
      w.field("subnetId", subnet)
      w.field("description", "AWS Lambda VPC ENI-\(app)")
      itemSet(&w, "groupSet") { w in w.field("groupId", group) }
      response = { w, c in
        w.beginObject()
        requestId(&w, &c)
        w.key("networkInterface")
        w.beginObject()
        w.field("networkInterfaceId", eni)
        w.field("subnetId", subnet)
        w.field("vpcId", vpc)
        w.field("availabilityZone", zone)
        w.field("ownerId", c.account.id)
        w.field("status", "pending")
        w.field("privateIpAddress", address)
        w.field("interfaceType", "lambda")
        w.field("sourceDestCheck", true)
        w.endObject()
        w.endObject()
      }
    case "DeleteNetworkInterface":
      w.field("networkInterfaceId", StableID.hex("eni-0", 16, c.random.next()))
      response = ok
    case "RunInstances":
      let type = c.random.pick(["t3.micro", "m5.large", "c5.2xlarge", "r6g.xlarge"])
      let subnet = c.random.pick(account.subnets[c.region])
      let image = StableID.hex("ami-0", 16, StableHash.label(c.regionName))
      let newInstance = StableID.hex("i-0", 16, c.random.next())
      let vpc = account.vpcs[c.region]
      let zone = c.regionName + "a"
      itemSet(&w, "instancesSet") { w in
        w.field("imageId", image)
        w.field("minCount", 1)
        w.field("maxCount", 1)
      }
      w.field("instanceType", type)
      w.field("subnetId", subnet)
      w.field("disableApiTermination", false)
      w.key("metadataOptions")
      w.beginObject()
      w.field("httpTokens", "required")
      w.field("httpPutResponseHopLimit", 2)
      w.endObject()
      response = { w, c in
        w.beginObject()
        requestId(&w, &c)
        w.field("reservationId", StableID.hex("r-0", 16, c.random.next()))
        w.field("ownerId", c.account.id)
        itemSet(&w, "instancesSet") { w in
          w.field("instanceId", newInstance)
          w.field("imageId", image)
          w.key("instanceState")
          w.beginObject()
          w.field("code", 0)
          w.field("name", "pending")
          w.endObject()
          w.field("instanceType", type)
          w.key("placement")
          w.beginObject()
          w.field("availabilityZone", zone)
          w.field("tenancy", "default")
          w.endObject()
          w.field("subnetId", subnet)
          w.field("vpcId", vpc)
        }
        w.endObject()
      }
    case "StartInstances", "StopInstances", "TerminateInstances":
      itemSet(&w, "instancesSet") { w in w.field("instanceId", instance) }
      let state =
        name == "StartInstances"
        ? (0, "pending") : name == "StopInstances" ? (64, "stopping") : (32, "shutting-down")
      response = { w, c in
        w.beginObject()
        requestId(&w, &c)
        itemSet(&w, "instancesSet") { w in
          w.field("instanceId", instance)
          w.key("currentState")
          w.beginObject()
          w.field("code", state.0)
          w.field("name", state.1)
          w.endObject()
        }
        w.endObject()
      }
    case "AuthorizeSecurityGroupIngress":
      w.field("groupId", c.random.pick(account.securityGroups[c.region]))
      itemSet(&w, "ipPermissions") { w in
        w.field("ipProtocol", "tcp")
        w.field("fromPort", 443)
        w.field("toPort", 443)
        itemSet(&w, "ipRanges") { w in w.field("cidrIp", "10.0.0.0/16") }
      }
      response = ok
    case "CreateSnapshot":
      let volume = StableID.hex("vol-0", 16, c.random.next())
      w.field("volumeId", volume)
      w.field("description", "nightly backup")
      response = { w, c in
        w.beginObject()
        requestId(&w, &c)
        w.field("snapshotId", StableID.hex("snap-0", 16, c.random.next()))
        w.field("volumeId", volume)
        w.field("status", "pending")
        w.endObject()
      }
    default:  // the other Describe* calls filter on the region's VPC
      w.field("maxResults", 1000)
      let vpc = account.vpcs[c.region]
      itemSet(&w, "filterSet") { w in
        w.field("name", "vpc-id")
        itemSet(&w, "valueSet") { w in w.field("value", vpc) }
      }
    }
    w.endObject()
    w.key("responseElements")
    if c.failed { w.null() } else { response(&w, &c) }
  }

  private static func ok(_ w: inout RecordWriter, _ c: inout ShapeContext) {
    w.beginObject()
    requestId(&w, &c)
    w.field("_return", true)
    w.endObject()
  }

  private static func requestId(_ w: inout RecordWriter, _ c: inout ShapeContext) {
    w.key("requestId")
    w.uuid(&c.random)
  }

  /// `"name": {"items": [{…}]}` with one item.
  static func itemSet(_ w: inout RecordWriter, _ name: StaticString, _ item: (inout RecordWriter) -> Void) {
    w.key(name)
    w.beginObject()
    w.key("items")
    w.beginArray()
    w.beginObject()
    item(&w)
    w.endObject()
    w.endArray()
    w.endObject()
  }
}
