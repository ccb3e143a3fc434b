/// A person or robot with an IAM user in one account.
struct DemoUser: Sendable {
  var name: String
  /// Shown in tags, never as the IAM user name (IAM names are ASCII); carries the accents and CJK
  /// the UI tests need.
  var displayName: String
  var principalId: String
  var accessKeyId: String
  var arn: String
  /// The one address this user works from: keeps `sourceIPAddress` stable per user.
  var homeIP: String
  var country: String
  var isBot: Bool
  var browser: Int
}

/// An IAM role that sessions are assumed from.
struct DemoRole: Sendable {
  enum Use: Sendable, Equatable {
    case lambda(app: Int), ec2, ecs, ci, admin, pipeline
  }
  var name: String
  var principalId: String
  var arn: String
  var use: Use
}

/// An IAM Identity Center permission set, seen in CloudTrail as an `AWSReservedSSO_…` role.
struct DemoPermissionSet: Sendable {
  var name: String
  var role: DemoRole
}

/// One simulated account: its people, roles and resources. A pure function of (seed, account index).
///
/// A class because every record refers to its account: copying a struct of a dozen arrays per record
/// cost a retain/release per array.
final class DemoAccount: Sendable {
  static let humans: [(name: String, display: String)] = [
    ("alice", "Alice Martin"), ("bob", "Bob Chen"), ("carol", "Carol Dubois"), ("dave", "Dave O'Brien"),
    ("erin", "Erin Johansson"), ("frank", "Frank Weiß"), ("grace", "Grace Okafor"), ("heidi", "Heidi Müller"),
    ("ivan", "Ivan Petrov"), ("jose", "José García"), ("hanako", "山田 花子"), ("zoe", "Zoë Lefèvre"),
  ]
  static let bots = ["deploy-bot", "ci-runner", "backup-svc", "terraform", "monitoring-exporter"]
  static let apps = [
    "orders-api", "payments-worker", "image-resizer", "report-builder", "auth-service", "notifications",
  ]
  static let tables = ["orders", "payments", "sessions", "customers", "inventory"]
  static let secrets = ["prod/db/master", "prod/stripe/api-key", "staging/db/master", "ci/github-token"]

  let index: Int
  let id: String
  let users: [DemoUser]
  let roles: [DemoRole]
  let permissionSets: [DemoPermissionSet]
  let buckets: [String]
  /// Per region index.
  let instances: [[String]]
  let kmsKeys: [[String]]
  let vpcs: [String]
  let subnets: [[String]]
  let securityGroups: [[String]]
  let secretSuffix: [String]
  let rootARN: String

  var humanCount: Int { Self.humans.count }

  init(seed: UInt64, index: Int, id: String, regionCount: Int) {
    self.index = index
    self.id = id
    let base = StableHash.combine(seed, StableHash.label("org"), UInt64(index))
    var random = SeededRandom(seed: base)
    var users: [DemoUser] = []
    for (name, display) in Self.humans {
      let place = DemoNetwork.officeRanges[random.below(DemoNetwork.officeRanges.count)]
      users.append(
        Self.user(
          name, display, base, id: id, ip: DemoNetwork.address(in: place.prefix, &random),
          country: place.country,
          isBot: false, browser: random.below(3)))
    }
    for name in Self.bots {
      let place = DemoNetwork.awsRanges[random.below(DemoNetwork.awsRanges.count)]
      users.append(
        Self.user(
          name, name, base, id: id, ip: DemoNetwork.address(in: place.prefix, &random),
          country: place.country,
          isBot: true, browser: 0))
    }
    self.users = users
    var roles: [DemoRole] = Self.apps.indices.map { app in
      Self.role("\(Self.apps[app])-lambda-role", .lambda(app: app), id: id, base)
    }
    roles.append(Self.role("eks-node-role", .ec2, id: id, base))
    roles.append(Self.role("ecsTaskExecutionRole", .ecs, id: id, base))
    roles.append(Self.role("GitHubActionsDeployRole", .ci, id: id, base))
    roles.append(Self.role("OrganizationAccountAccessRole", .admin, id: id, base))
    roles.append(Self.role("DataPipelineRole", .pipeline, id: id, base))
    self.roles = roles
    permissionSets = ["AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess"].map { set in
      let name = StableID.hex("AWSReservedSSO_\(set)_", 16, base, StableHash.label(set))
      var role = Self.role(name, .admin, id: id, base)
      role.arn = "arn:aws:iam::\(id):role/aws-reserved/sso.amazonaws.com/\(name)"
      return DemoPermissionSet(name: set, role: role)
    }
    buckets = ["acme-data", "acme-logs", "acme-artifacts", "acme-backups", "acme-web"].flatMap { prefix in
      ["prod", "staging"].map { "\(prefix)-\(id)-\($0)" }
    }
    let regions = 0..<regionCount
    instances = regions.map { r in (0..<12).map { StableID.hex("i-0", 16, base, 1, UInt64(r), UInt64($0)) } }
    kmsKeys = regions.map { r in
      (0..<5).map { k in
        let keys: [UInt64] = [base, 2, UInt64(r), UInt64(k)]
        let h = StableID.hex("", 32, StableHash.combine(keys))
        let c = Array(h)
        return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-"
          + String(c[20..<32])
      }
    }
    vpcs = regions.map { StableID.hex("vpc-0", 16, base, 3, UInt64($0)) }
    subnets = regions.map { r in (0..<4).map { StableID.hex("subnet-0", 16, base, 4, UInt64(r), UInt64($0)) }
    }
    securityGroups = regions.map { r in
      (0..<6).map { StableID.hex("sg-0", 16, base, 5, UInt64(r), UInt64($0)) }
    }
    secretSuffix = Self.secrets.indices.map { StableID.base32("", 6, base, 6, UInt64($0)) }
    rootARN = "arn:aws:iam::\(id):root"
  }

  private static func user(
    _ name: String, _ display: String, _ base: UInt64, id: String, ip: String, country: String, isBot: Bool,
    browser: Int
  ) -> DemoUser {
    let key = StableHash.label(name)
    return DemoUser(
      name: name, displayName: display, principalId: StableID.base32("AIDA", 17, base, key),
      accessKeyId: StableID.base32("AKIA", 16, base, key, 1), arn: "arn:aws:iam::\(id):user/\(name)",
      homeIP: ip, country: country,
      isBot: isBot, browser: browser)
  }

  private static func role(_ name: String, _ use: DemoRole.Use, id: String, _ base: UInt64) -> DemoRole {
    DemoRole(
      name: name, principalId: StableID.base32("AROA", 17, base, StableHash.label(name)),
      arn: "arn:aws:iam::\(id):role/\(name)", use: use)
  }

  func user(named name: String) -> Int {
    guard let index = users.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("DemoAccount has no user named \(name)")
    }
    return index
  }

}

/// Address ranges with the country they belong to, so incidents can state "two countries".
enum DemoNetwork {
  /// Where the organization's people work from.
  static let officeRanges: [(prefix: String, country: String)] = [
    ("81.2.69.", "GB"), ("91.64.", "DE"), ("90.84.", "FR"), ("73.162.", "US"), ("145.53.", "NL"),
    ("126.72.", "JP"),
  ]
  /// AWS-hosted workloads (bots, Lambda, CI runners).
  static let awsRanges: [(prefix: String, country: String)] = [
    ("3.91.", "US"), ("18.204.", "US"), ("34.228.", "US"), ("52.23.", "US"), ("54.159.", "US"),
  ]
  /// Addresses no background traffic ever uses: only incidents come from here.
  static let foreignRanges: [(prefix: String, country: String)] = [
    ("189.6.", "BR"), ("41.216.186.", "ZA"), ("103.6.", "SG"),
  ]

  /// A host address inside `prefix` (which ends with a dot after two or three octets).
  static func address(in prefix: String, _ random: inout SeededRandom) -> String {
    let octets = prefix.split(separator: ".").count
    var text = prefix
    if octets == 2 { text += "\(random.below(256))." }
    return text + "\(random.within(2...254))"
  }

  static let browsers = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
  ]
  static let cli = [
    "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off command/",
    "aws-cli/2.17.4 Python/3.11.9 Darwin/23.5.0 exe/x86_64 prompt/off command/",
  ]
  static let sdks = [
    "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.69",
    "aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64",
    "aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
    "aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213-224.857.amzn2.x86_64 lang/js md/nodejs#20.11.1 exec-env/AWS_Lambda_nodejs20.x",
    "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1",
    "amazon-ssm-agent/3.3.40.0",
  ]
}
