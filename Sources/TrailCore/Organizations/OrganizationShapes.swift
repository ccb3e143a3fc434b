import Foundation

// The output shapes of the Organizations calls TrailDeck answers, as `aws organizations …` prints them
// (botocore `organizations/2016-11-28/service-2.json`), with only the members TrailDeck can fill
// truthfully: no e-mail addresses, no policy types.

/// Organizations' `Organization`.
public struct OrganizationShape: Codable, Equatable, Sendable {
  public var id: String
  public var arn: String
  public var featureSet: String
  public var masterAccountArn: String
  public var masterAccountId: String

  /// The shape of `organization`, with Organizations' ARNs (global: no region).
  public init(_ organization: OrganizationInfo) {
    let management = organization.managementAccount
    id = organization.id
    arn = "arn:\(Partition.name):organizations::\(management):organization/\(organization.id)"
    featureSet = organization.featureSet.rawValue
    masterAccountArn =
      "arn:\(Partition.name):organizations::\(management):account/\(organization.id)/\(management)"
    masterAccountId = management
  }

  enum CodingKeys: String, CodingKey {
    case id = "Id"
    case arn = "Arn"
    case featureSet = "FeatureSet"
    case masterAccountArn = "MasterAccountArn"
    case masterAccountId = "MasterAccountId"
  }
}

/// `DescribeOrganization`'s and `CreateOrganization`'s output: `{"Organization": {…}}`.
public struct DescribeOrganizationResponse: Codable, Equatable, Sendable {
  public var organization: OrganizationShape

  public init(organization: OrganizationShape) { self.organization = organization }

  enum CodingKeys: String, CodingKey { case organization = "Organization" }
}

/// `EnableAllFeatures`' output: the handshake, already accepted.
public struct EnableAllFeaturesResponse: Codable, Equatable, Sendable {
  /// Organizations' `Handshake`, the members TrailDeck knows.
  public struct Handshake: Codable, Equatable, Sendable {
    public var action: String
    public var state: String
    public var requestedTimestamp: Date

    enum CodingKeys: String, CodingKey {
      case action = "Action"
      case state = "State"
      case requestedTimestamp = "RequestedTimestamp"
    }
  }

  public var handshake: Handshake

  enum CodingKeys: String, CodingKey { case handshake = "Handshake" }
}

/// `ListAWSServiceAccessForOrganization`'s output (one page: TrailDeck's lists are short).
public struct ListAWSServiceAccessResponse: Codable, Equatable, Sendable {
  /// One trusted service.
  public struct EnabledServicePrincipal: Codable, Equatable, Sendable {
    public var servicePrincipal: String

    enum CodingKeys: String, CodingKey { case servicePrincipal = "ServicePrincipal" }
  }

  public var enabledServicePrincipals: [EnabledServicePrincipal]

  enum CodingKeys: String, CodingKey { case enabledServicePrincipals = "EnabledServicePrincipals" }
}

/// `ListAccounts`' output: each member's id, ARN and status (no names or e-mail addresses).
public struct ListAccountsResponse: Codable, Equatable, Sendable {
  /// Organizations' `Account`, the members TrailDeck knows.
  public struct Account: Codable, Equatable, Sendable {
    public var id: String
    public var arn: String
    /// ACTIVE or SUSPENDED.
    public var status: String

    enum CodingKeys: String, CodingKey {
      case id = "Id"
      case arn = "Arn"
      case status = "Status"
    }
  }

  public var accounts: [Account]

  enum CodingKeys: String, CodingKey { case accounts = "Accounts" }
}
