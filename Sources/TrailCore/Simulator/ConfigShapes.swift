import Foundation

/// The demo resources' names and their configuration as AWS Config describes each resource type
/// (`configuration`, `supplementaryConfiguration`, `relationships`, `tags` of a configuration item),
/// built from a resource and its state only, so an item can be made without the ones before it.
enum ConfigShapes {
  /// Ingress rules a security group may hold: (port, CIDR, description). Rule 0, SSH from anywhere, is
  /// what the `restricted-ssh` control flags.
  static let ingressRules: [(port: Int, cidr: String, description: String)] = [
    (22, "0.0.0.0/0", "ssh from anywhere"), (443, "0.0.0.0/0", "https"), (80, "0.0.0.0/0", "http"),
    (5432, "10.0.0.0/16", "postgres from the vpc"), (22, "10.0.0.0/8", "ssh from the corporate network"),
    (6379, "10.0.0.0/16", "redis from the vpc"),
  ]
  static let instanceTypes = ["t3.micro", "t3.large", "m5.large", "c5.xlarge"]
  static let runtimes = ["python3.11", "python3.12", "nodejs20.x"]
  /// Managed policies the role attaches and detaches; the last is the account's own policy.
  static func rolePolicies(account: String, app: String) -> [(name: String, arn: String)] {
    [
      ("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
      ("AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
      (policyName(app), "arn:aws:iam::\(account):policy/\(policyName(app))"),
    ]
  }
  static let rolePolicyCount = 3

  static func policyName(_ app: String) -> String { "\(app)-etl-access" }

  /// `resourceId`, `resourceName` and ARN of a new resource.
  static func identity(
    _ kind: ConfigResource.Kind, account: DemoAccount, regionName: String, app: String, hash: UInt64,
    slot: Int
  ) -> (id: String, name: String, arn: String) {
    let id = account.id
    switch kind {
    case .securityGroup:
      let group = StableID.hex("sg-0", 16, hash)
      return (
        group, slot == 0 ? "\(app)-workers" : "\(app)-bastion",
        "arn:aws:ec2:\(regionName):\(id):security-group/\(group)"
      )
    case .instance:
      let instance = StableID.hex("i-0", 16, hash)
      return (instance, "\(app)-worker", "arn:aws:ec2:\(regionName):\(id):instance/\(instance)")
    case .bucket:
      let name = "\(app)-exports-\(id)-\(regionName)"
      return (name, name, "arn:aws:s3:::\(name)")
    case .role:
      let name = "\(app)-etl-role"
      return (StableID.base32("AROA", 17, hash), name, "arn:aws:iam::\(id):role/\(name)")
    case .policy:
      let name = policyName(app)
      return (StableID.base32("ANPA", 17, hash), name, "arn:aws:iam::\(id):policy/\(name)")
    case .key:
      let c = Array(StableID.hex("", 32, hash))
      let key =
        "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
      return (key, key, "arn:aws:kms:\(regionName):\(id):key/\(key)")
    case .function:
      let name = "\(app)-etl"
      return (name, name, "arn:aws:lambda:\(regionName):\(id):function:\(name)")
    }
  }

  /// The resource's tags after a change (instances, groups, roles, keys and functions keep theirs;
  /// a bucket's come and go with `PutBucketTagging`). Team and app follow `DemoResourceTags`.
  static func tags(_ r: ConfigResource, _ s: ConfigState) -> [(key: String, value: String)] {
    let team = DemoResourceTags.appTeams[r.app] ?? "platform"
    switch r.kind {
    case .securityGroup, .role, .function: return [("app", r.app), ("team", team)]
    case .instance: return [("Name", r.name), ("app", r.app), ("team", team)]
    case .key: return [("env", "prod"), ("team", "security")]
    case .policy: return []
    case .bucket:
      guard s.tagSet > 0 else { return [] }
      return [("env", "prod"), ("owner", DemoAccount.humans[s.tagSet - 1].display), ("team", team)]
    }
  }

  // MARK: Helpers

  static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
  static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }
  static func time(_ seconds: Int64) -> JSONValue {
    .string(ISO8601Time.format(milliseconds: seconds * 1000))
  }

  /// IAM documents as AWS Config records them: URL-encoded JSON text.
  static func urlEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  static let trustPolicy =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

  /// The policy document of version `v`: each version allows one more or one fewer action.
  static func policyDocument(_ v: Int) -> String {
    let actions = ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "logs:PutLogEvents", "kms:Decrypt"]
    let list = actions.prefix(1 + v % actions.count).map { "\"\($0)\"" }.joined(separator: ",")
    return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["# + list
      + #"],"Resource":"*"}]}"#
  }

  /// Bucket policy statement sets: 1 lets CloudFront read, 2 denies plain HTTP.
  static func bucketPolicy(_ set: Int, bucket: String) -> JSONValue {
    let statement: JSONValue =
      set == 1
      ? .object([
        ("Sid", .string("AllowCloudFrontRead")), ("Effect", .string("Allow")),
        ("Principal", .object([("Service", .string("cloudfront.amazonaws.com"))])),
        ("Action", .string("s3:GetObject")), ("Resource", .string("arn:aws:s3:::\(bucket)/*")),
      ])
      : .object([
        ("Sid", .string("DenyInsecureTransport")), ("Effect", .string("Deny")), ("Principal", .string("*")),
        ("Action", .string("s3:*")),
        ("Resource", .array([.string("arn:aws:s3:::\(bucket)"), .string("arn:aws:s3:::\(bucket)/*")])),
        ("Condition", .object([("Bool", .object([("aws:SecureTransport", .string("false"))]))])),
      ])
    return .object([("Version", .string("2012-10-17")), ("Statement", .array([statement]))])
  }

  static func vpc(_ r: ConfigResource, _ account: DemoAccount) -> String { account.vpcs[r.region] }
  static func subnet(_ r: ConfigResource, _ account: DemoAccount) -> String {
    account.subnets[r.region][Int(r.hash % UInt64(account.subnets[r.region].count))]
  }
  static func privateAddress(_ r: ConfigResource) -> String {
    "10.0.\(Int((r.hash >> 8) & 255)).\(4 + Int((r.hash >> 16) & 127))"
  }
  static func imageId(_ regionName: String) -> String {
    StableID.hex("ami-0", 16, StableHash.label(regionName))
  }
  static let versioningStatus = ["Off", "Enabled", "Suspended"]
}
