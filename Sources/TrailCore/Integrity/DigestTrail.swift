/// Who and where a digest is for: the trail, the account and region whose logs it covers, and the
/// bucket (and key prefix) the trail delivers to.
public struct DigestTrail: Equatable, Sendable {
  /// The account whose logs these are (for organization trails, the member account).
  public var accountID: String
  /// The organization id (`o-…`) of an organization trail; nil for an account's own trail.
  public var organizationID: String?
  /// The trail's name (last part of its ARN).
  public var trailName: String
  /// The region the trail was created in.
  public var homeRegion: String
  /// The region whose logs the digest covers (each region of a multi-region trail digests its own).
  public var region: String
  /// The bucket logs and digests go to.
  public var bucket: String
  /// The trail's `S3KeyPrefix`; nil or empty for none.
  public var keyPrefix: String?

  public init(
    accountID: String, organizationID: String? = nil, trailName: String, homeRegion: String,
    region: String? = nil, bucket: String, keyPrefix: String? = nil
  ) {
    self.accountID = accountID
    self.organizationID = organizationID
    self.trailName = trailName
    self.homeRegion = homeRegion
    self.region = region ?? homeRegion
    self.bucket = bucket
    self.keyPrefix = keyPrefix
  }
}
