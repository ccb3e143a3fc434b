import Foundation

// The ListPublicKeys operation's shapes, as CloudTrail's service model defines them: members in the model's
// order under the model's names, every member optional.

/// The model's `ListPublicKeysRequest`.
public struct ListPublicKeysRequest: Codable, Equatable, Sendable {
  /// `StartTime`: start of the range; the current time when absent (so the current key is returned).
  public var startTime: Date?
  /// `EndTime`: end of the range; the current time when absent.
  public var endTime: Date?
  /// `NextToken`: "reserved for future use" in the model; every key fits in one response.
  public var nextToken: String?

  /// A request with the given members; omitted ones are absent.
  public init(startTime: Date? = nil, endTime: Date? = nil, nextToken: String? = nil) {
    self.startTime = startTime
    self.endTime = endTime
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case startTime = "StartTime"
    case endTime = "EndTime"
    case nextToken = "NextToken"
  }
}

/// The model's `ListPublicKeysResponse`.
public struct ListPublicKeysResponse: Codable, Equatable, Sendable {
  /// `PublicKeyList`, newest window first; windows may overlap.
  public var publicKeyList: [PublicKey]?
  /// `NextToken`: reserved, never set.
  public var nextToken: String?

  /// A response with the given members.
  public init(publicKeyList: [PublicKey]? = nil, nextToken: String? = nil) {
    self.publicKeyList = publicKeyList
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case publicKeyList = "PublicKeyList"
    case nextToken = "NextToken"
  }
}

/// The model's `PublicKey`.
public struct PublicKey: Codable, Equatable, Sendable {
  /// `Value`: the DER PKCS#1 public key (a blob: base64 in JSON).
  public var value: Data?
  /// `ValidityStartTime`.
  public var validityStartTime: Date?
  /// `ValidityEndTime`.
  public var validityEndTime: Date?
  /// `Fingerprint`: hex MD5 of `Value`, as digests name their key.
  public var fingerprint: String?

  /// A key with the given members.
  public init(
    value: Data? = nil, validityStartTime: Date? = nil, validityEndTime: Date? = nil,
    fingerprint: String? = nil
  ) {
    self.value = value
    self.validityStartTime = validityStartTime
    self.validityEndTime = validityEndTime
    self.fingerprint = fingerprint
  }

  /// The shape of a stored key.
  public init(_ key: PublicSigningKey) {
    self.init(
      value: Data(key.der), validityStartTime: key.validFrom, validityEndTime: key.validUntil,
      fingerprint: key.fingerprint)
  }

  private enum CodingKeys: String, CodingKey {
    case value = "Value"
    case validityStartTime = "ValidityStartTime"
    case validityEndTime = "ValidityEndTime"
    case fingerprint = "Fingerprint"
  }
}
