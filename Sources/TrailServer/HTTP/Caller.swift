/// Who sent a request and from where, as CloudTrail records it: the SigV4 access key id and the
/// identity it stands for, the region of the signature's scope, the peer's address and user agent.
public struct Caller: Sendable, Equatable {
  /// The access key id of the request's signature (empty for an unsigned request).
  public var accessKeyID: String
  /// The caller's account: the credentials file's for that key, else the store's default account.
  public var account: String
  /// The IAM user name of the key (credentials file), else nil: the caller is then the account's root.
  public var userName: String?
  /// The region of the signature's credential scope (`us-east-1` when unsigned).
  public var region: String
  /// The peer's IP address.
  public var sourceIPAddress: String
  /// The `User-Agent` header (empty when absent).
  public var userAgent: String

  public init(
    accessKeyID: String, account: String, userName: String? = nil, region: String,
    sourceIPAddress: String = "127.0.0.1", userAgent: String = ""
  ) {
    self.accessKeyID = accessKeyID
    self.account = account
    self.userName = userName
    self.region = region
    self.sourceIPAddress = sourceIPAddress
    self.userAgent = userAgent
  }
}
