/// An AWS service as the simulator knows it: event source, whether it is global, and its error codes.
enum DemoService: Int, Sendable, CaseIterable {
  case sts, kms, ec2, s3, iam, lambda, dynamodb, logs, ssm, secretsmanager, ecr, rds, monitoring
  case cloudtrail, signin

  var eventSource: String { Self.sources[rawValue] }
  /// The IAM action prefix, e.g. `secretsmanager` in `secretsmanager:GetSecretValue`.
  var prefix: String { Self.prefixes[rawValue] }
  /// Global services are recorded in us-east-1 only.
  var isGlobal: Bool { self == .iam || self == .sts || self == .signin }

  private static let prefixes = DemoService.allCases.map { "\($0)" }
  private static let sources = DemoService.allCases.map { "\($0).amazonaws.com" }

  /// Error codes this service really returns, the access denial first.
  var errors: [DemoError] {
    switch self {
    case .ec2:
      return [
        DemoError("Client.UnauthorizedOperation", .ec2Encoded),
        DemoError("Client.RequestLimitExceeded", .fixed("Request limit exceeded.")),
        DemoError("Client.InvalidInstanceID.NotFound", .fixed("The instance ID does not exist")),
      ]
    case .s3:
      return [
        DemoError("AccessDenied", .fixed("Access Denied")),
        DemoError("NoSuchBucketPolicy", .fixed("The bucket policy does not exist")),
        DemoError("NoSuchBucket", .fixed("The specified bucket does not exist")),
      ]
    case .iam:
      return [
        DemoError("AccessDenied", .notAuthorized),
        DemoError("NoSuchEntityException", .fixed("The user with name svc-legacy cannot be found.")),
        DemoError("ThrottlingException", .fixed("Rate exceeded")),
      ]
    case .sts:
      return [
        DemoError("AccessDenied", .notAuthorized),
        DemoError("ExpiredTokenException", .fixed("The security token included in the request is expired")),
      ]
    case .rds, .monitoring:
      return [
        DemoError("AccessDenied", .notAuthorized), DemoError("Throttling", .fixed("Rate exceeded")),
      ]
    case .logs:
      return [
        DemoError("AccessDeniedException", .notAuthorized),
        DemoError("ResourceAlreadyExistsException", .fixed("The specified log stream already exists")),
        DemoError("ThrottlingException", .fixed("Rate exceeded")),
      ]
    case .ssm:
      return [
        DemoError("AccessDeniedException", .notAuthorized), DemoError("ParameterNotFound", .fixed("")),
        DemoError("ThrottlingException", .fixed("Rate exceeded")),
      ]
    case .secretsmanager:
      return [
        DemoError("AccessDeniedException", .notAuthorized),
        DemoError("ResourceNotFoundException", .fixed("Secrets Manager can't find the specified secret.")),
      ]
    case .signin:
      return [DemoError("", .fixed("Failed authentication"))]
    case .kms, .lambda, .dynamodb, .ecr, .cloudtrail:
      return [
        DemoError("AccessDeniedException", .notAuthorized),
        DemoError("ThrottlingException", .fixed("Rate exceeded")),
        DemoError("ResourceNotFoundException", .fixed("Requested resource not found")),
      ]
    }
  }
}

/// One error a service returns: `errorCode` plus how its `errorMessage` is written.
struct DemoError: Sendable {
  enum Message: Sendable {
    /// Written verbatim.
    case fixed(String)
    /// `User: <arn> is not authorized to perform: <svc>:<Action> on resource: <res> because no
    /// identity-based policy allows the <svc>:<Action> action`.
    case notAuthorized
    /// EC2's opaque "Encoded authorization failure message".
    case ec2Encoded
  }
  var code: String
  var message: Message
  init(_ code: String, _ message: Message) {
    self.code = code
    self.message = message
  }

  var isAccessDenied: Bool { code.hasPrefix("AccessDenied") || code == "Client.UnauthorizedOperation" }
}

/// One management API call the organization makes, with its share of background traffic.
struct DemoAPI: Sendable {
  var service: DemoService
  var name: String
  var isReadOnly: Bool
  /// Relative frequency (per mille of background calls).
  var weight: Double
  /// AWS services that make this call on the customer's behalf (`userIdentity.type` `AWSService`).
  var serviceCallers: [String]
  /// The CLI's command spelling, for `aws-cli/… command/<service>.<name>` user agents; stored because
  /// lower-casing per record showed up in profiles.
  let cliCommand: String

  init(service: DemoService, name: String, isReadOnly: Bool, weight: Double, serviceCallers: [String] = []) {
    self.service = service
    self.name = name
    self.isReadOnly = isReadOnly
    self.weight = weight
    self.serviceCallers = serviceCallers
    cliCommand = "\(service.prefix).\(name.lowercased())"
  }
}

/// The background API mix and weighted picking from it.
struct ServiceCatalog: Sendable {
  let apis: [DemoAPI]
  private let cumulative: [Double]

  init() {
    apis = Self.table
    var total = 0.0
    cumulative = apis.map {
      total += $0.weight
      return total
    }
  }

  /// Index of the API called `name`; a missing name is a mistake in our own tables.
  func index(of name: String) -> Int {
    guard let index = apis.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("ServiceCatalog has no API named \(name)")
    }
    return index
  }

  /// A weighted random API index.
  func pick(_ random: inout SeededRandom) -> Int {
    let target = random.unit() * (cumulative.last ?? 0)
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
    }
    return low
  }

  // The mix follows what busy AWS accounts log: STS and KMS dominate, then EC2 polling, agents
  // (SSM, CloudWatch Logs), and rare IAM writes. Weights are per mille; writes make up about 30%.
  private static let table: [DemoAPI] = {
    let lambdaEtc = ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com"]
    let keyUsers = [
      "secretsmanager.amazonaws.com", "s3.amazonaws.com", "ec2.amazonaws.com", "lambda.amazonaws.com",
    ]
    return [
      DemoAPI(service: .sts, name: "AssumeRole", isReadOnly: true, weight: 75, serviceCallers: lambdaEtc),
      DemoAPI(service: .sts, name: "GetCallerIdentity", isReadOnly: true, weight: 25),
      DemoAPI(service: .sts, name: "AssumeRoleWithWebIdentity", isReadOnly: true, weight: 6),
      DemoAPI(service: .sts, name: "GetSessionToken", isReadOnly: true, weight: 1),
      DemoAPI(service: .kms, name: "Decrypt", isReadOnly: true, weight: 80, serviceCallers: keyUsers),
      DemoAPI(
        service: .kms, name: "GenerateDataKey", isReadOnly: true, weight: 35,
        serviceCallers: ["s3.amazonaws.com", "dynamodb.amazonaws.com"]),
      DemoAPI(service: .kms, name: "DescribeKey", isReadOnly: true, weight: 10),
      DemoAPI(service: .kms, name: "Encrypt", isReadOnly: true, weight: 8),
      DemoAPI(
        service: .kms, name: "CreateGrant", isReadOnly: false, weight: 12,
        serviceCallers: ["ec2.amazonaws.com", "rds.amazonaws.com"]),
      DemoAPI(
        service: .kms, name: "RetireGrant", isReadOnly: false, weight: 8,
        serviceCallers: ["ec2.amazonaws.com"]),
      DemoAPI(service: .ec2, name: "DescribeInstances", isReadOnly: true, weight: 30),
      DemoAPI(service: .ec2, name: "DescribeSecurityGroups", isReadOnly: true, weight: 10),
      DemoAPI(service: .ec2, name: "DescribeVolumes", isReadOnly: true, weight: 7),
      DemoAPI(service: .ec2, name: "DescribeSubnets", isReadOnly: true, weight: 7),
      DemoAPI(service: .ec2, name: "DescribeVpcs", isReadOnly: true, weight: 5),
      DemoAPI(service: .ec2, name: "DescribeNetworkInterfaces", isReadOnly: true, weight: 9),
      DemoAPI(service: .ec2, name: "DescribeInstanceStatus", isReadOnly: true, weight: 7),
      DemoAPI(service: .ec2, name: "CreateTags", isReadOnly: false, weight: 20),
      DemoAPI(service: .ec2, name: "CreateNetworkInterface", isReadOnly: false, weight: 14),
      DemoAPI(service: .ec2, name: "DeleteNetworkInterface", isReadOnly: false, weight: 14),
      DemoAPI(service: .ec2, name: "RunInstances", isReadOnly: false, weight: 3),
      DemoAPI(service: .ec2, name: "TerminateInstances", isReadOnly: false, weight: 1.5),
      DemoAPI(service: .ec2, name: "StartInstances", isReadOnly: false, weight: 0.8),
      DemoAPI(service: .ec2, name: "StopInstances", isReadOnly: false, weight: 0.8),
      DemoAPI(service: .ec2, name: "AuthorizeSecurityGroupIngress", isReadOnly: false, weight: 0.6),
      DemoAPI(service: .ec2, name: "CreateSnapshot", isReadOnly: false, weight: 1.5),
      DemoAPI(service: .s3, name: "GetBucketAcl", isReadOnly: true, weight: 9),
      DemoAPI(service: .s3, name: "GetBucketLocation", isReadOnly: true, weight: 10),
      DemoAPI(service: .s3, name: "ListBuckets", isReadOnly: true, weight: 5),
      DemoAPI(service: .s3, name: "GetBucketPolicy", isReadOnly: true, weight: 5),
      DemoAPI(service: .s3, name: "GetBucketVersioning", isReadOnly: true, weight: 4),
      DemoAPI(service: .s3, name: "PutBucketPolicy", isReadOnly: false, weight: 0.3),
      DemoAPI(service: .s3, name: "CreateBucket", isReadOnly: false, weight: 0.3),
      DemoAPI(service: .s3, name: "PutBucketTagging", isReadOnly: false, weight: 0.6),
      DemoAPI(service: .iam, name: "GetRole", isReadOnly: true, weight: 9),
      DemoAPI(service: .iam, name: "ListRoles", isReadOnly: true, weight: 4),
      DemoAPI(service: .iam, name: "ListUsers", isReadOnly: true, weight: 3),
      DemoAPI(service: .iam, name: "GetPolicy", isReadOnly: true, weight: 4),
      DemoAPI(service: .iam, name: "GetPolicyVersion", isReadOnly: true, weight: 4),
      DemoAPI(service: .iam, name: "ListAttachedRolePolicies", isReadOnly: true, weight: 5),
      DemoAPI(service: .iam, name: "GetUser", isReadOnly: true, weight: 3),
      DemoAPI(service: .iam, name: "ListAccessKeys", isReadOnly: true, weight: 2),
      DemoAPI(service: .iam, name: "CreateRole", isReadOnly: false, weight: 0.4),
      DemoAPI(service: .iam, name: "AttachRolePolicy", isReadOnly: false, weight: 0.5),
      DemoAPI(service: .iam, name: "PutRolePolicy", isReadOnly: false, weight: 0.4),
      DemoAPI(service: .iam, name: "CreateUser", isReadOnly: false, weight: 0.1),
      DemoAPI(service: .iam, name: "CreateAccessKey", isReadOnly: false, weight: 0.1),
      DemoAPI(service: .iam, name: "DeleteAccessKey", isReadOnly: false, weight: 0.1),
      DemoAPI(service: .iam, name: "AttachUserPolicy", isReadOnly: false, weight: 0.1),
      DemoAPI(service: .iam, name: "PutUserPolicy", isReadOnly: false, weight: 0.05),
      DemoAPI(service: .iam, name: "CreateLoginProfile", isReadOnly: false, weight: 0.05),
      DemoAPI(service: .iam, name: "AddUserToGroup", isReadOnly: false, weight: 0.05),
      DemoAPI(service: .lambda, name: "ListFunctions20150331", isReadOnly: true, weight: 5),
      DemoAPI(service: .lambda, name: "GetFunction20150331v2", isReadOnly: true, weight: 5),
      DemoAPI(service: .lambda, name: "UpdateFunctionCode20150331v2", isReadOnly: false, weight: 1),
      DemoAPI(
        service: .lambda, name: "UpdateFunctionConfiguration20150331v2", isReadOnly: false, weight: 0.8),
      DemoAPI(service: .dynamodb, name: "DescribeTable", isReadOnly: true, weight: 14),
      DemoAPI(service: .dynamodb, name: "ListTables", isReadOnly: true, weight: 4),
      DemoAPI(service: .dynamodb, name: "UpdateTable", isReadOnly: false, weight: 0.3),
      DemoAPI(service: .logs, name: "CreateLogStream", isReadOnly: false, weight: 55),
      DemoAPI(service: .logs, name: "DescribeLogGroups", isReadOnly: true, weight: 7),
      DemoAPI(service: .logs, name: "DescribeLogStreams", isReadOnly: true, weight: 5),
      DemoAPI(service: .logs, name: "CreateLogGroup", isReadOnly: false, weight: 1.5),
      DemoAPI(service: .ssm, name: "UpdateInstanceInformation", isReadOnly: false, weight: 45),
      DemoAPI(service: .ssm, name: "GetParameter", isReadOnly: true, weight: 12),
      DemoAPI(service: .ssm, name: "GetParameters", isReadOnly: true, weight: 6),
      DemoAPI(service: .ssm, name: "DescribeInstanceInformation", isReadOnly: true, weight: 3),
      DemoAPI(service: .ssm, name: "PutParameter", isReadOnly: false, weight: 0.5),
      DemoAPI(service: .ssm, name: "SendCommand", isReadOnly: false, weight: 0.5),
      DemoAPI(service: .secretsmanager, name: "GetSecretValue", isReadOnly: true, weight: 14),
      DemoAPI(service: .secretsmanager, name: "ListSecrets", isReadOnly: true, weight: 3),
      DemoAPI(service: .secretsmanager, name: "PutSecretValue", isReadOnly: false, weight: 0.3),
      DemoAPI(service: .ecr, name: "GetAuthorizationToken", isReadOnly: true, weight: 9),
      DemoAPI(service: .ecr, name: "BatchGetImage", isReadOnly: true, weight: 6),
      DemoAPI(service: .ecr, name: "PutImage", isReadOnly: false, weight: 1),
      DemoAPI(service: .rds, name: "DescribeDBInstances", isReadOnly: true, weight: 6),
      DemoAPI(service: .rds, name: "CreateDBSnapshot", isReadOnly: false, weight: 0.3),
      DemoAPI(service: .monitoring, name: "DescribeAlarms", isReadOnly: true, weight: 8),
      DemoAPI(service: .monitoring, name: "GetMetricData", isReadOnly: true, weight: 6),
      DemoAPI(service: .monitoring, name: "PutMetricAlarm", isReadOnly: false, weight: 0.5),
      DemoAPI(service: .cloudtrail, name: "LookupEvents", isReadOnly: true, weight: 3),
      DemoAPI(service: .cloudtrail, name: "DescribeTrails", isReadOnly: true, weight: 3),
      DemoAPI(service: .cloudtrail, name: "GetTrailStatus", isReadOnly: true, weight: 2),
      DemoAPI(service: .signin, name: "ConsoleLogin", isReadOnly: false, weight: 1.2),
    ]
  }()
}
