import Foundation

/// KMS key policies of TrailDeck's keys: `create-key --policy`, `put-key-policy`, `get-key-policy`,
/// and the check CloudTrail makes before it encrypts a trail's files with a key.
///
/// A key without a put policy has TrailDeck's default (`defaultPolicy`): the account's root may do
/// anything, and CloudTrail may `kms:GenerateDataKey*` — the statement CloudTrail's console adds to a
/// key it creates — so such a key is allowed, as a bucket without a policy is (README "Where
/// TrailDeck decides").
public enum KmsKeyPolicy {
  /// KMS keys have one policy, named `default`.
  public static let policyName = "default"

  /// The policy of a key nobody put one on.
  public static func defaultPolicy(account: String) -> String {
    """
    {
      "Version" : "2012-10-17",
      "Id" : "key-traildeck-default",
      "Statement" : [ {
        "Sid" : "Enable IAM User Permissions",
        "Effect" : "Allow",
        "Principal" : {
          "AWS" : "arn:\(Partition.name):iam::\(account):root"
        },
        "Action" : "kms:*",
        "Resource" : "*"
      }, {
        "Sid" : "Allow CloudTrail to encrypt logs",
        "Effect" : "Allow",
        "Principal" : {
          "Service" : "cloudtrail.amazonaws.com"
        },
        "Action" : "kms:GenerateDataKey*",
        "Resource" : "*"
      } ]
    }
    """
  }

  /// The policy in force on `key`: the one put, else the default.
  public static func policy(of key: KmsKey) -> String { key.policy ?? defaultPolicy(account: key.account) }

  /// Whether `key`'s policy lets CloudTrail generate data keys with it (`kms:GenerateDataKey*`, which
  /// `kms:*`, `*` and other patterns cover) and no statement denies it.
  public static func allowsCloudTrail(_ key: KmsKey) -> Bool {
    let document = (try? JSONValue(parsing: Data(policy(of: key).utf8))) ?? .null
    return PolicyDocument(document).allowsCloudTrail("kms:GenerateDataKey", on: key.arn)
  }

  /// A policy KMS would take: a JSON object with a `Statement`.
  ///
  /// - Throws: `KmsError` `MalformedPolicyDocumentException`.
  public static func validate(_ text: String) throws {
    guard case .object(let members)? = try? JSONValue(parsing: Data(text.utf8)),
      members.contains(where: { $0.key == "Statement" })
    else {
      throw KmsError(
        code: "MalformedPolicyDocumentException", keyId: nil,
        message: "The new key policy is not a JSON policy document with a Statement.")
    }
  }

  /// `PutKeyPolicy`: replaces the policy of `keyId` (a key id or ARN of `account` and `region`).
  ///
  /// - Throws: `KmsError`: `NotFoundException`, `ValidationException` (a policy name other than
  ///   `default`), `MalformedPolicyDocumentException`.
  public static func put(
    _ text: String, keyId: String, policyName: String?, account: String, region: String, in ring: KmsKeyRing
  ) throws {
    var key = try find(keyId, policyName: policyName, account: account, region: region, in: ring)
    try validate(text)
    key.policy = text
    try ring.save(key)
  }

  /// `GetKeyPolicy`: the policy of `keyId` (the default when none was put).
  public static func get(
    keyId: String, policyName: String?, account: String, region: String, in ring: KmsKeyRing
  ) throws -> GetKeyPolicyResponse {
    let key = try find(keyId, policyName: policyName, account: account, region: region, in: ring)
    return GetKeyPolicyResponse(policy: policy(of: key), policyName: policyName ?? Self.policyName)
  }

  private static func find(
    _ keyId: String, policyName: String?, account: String, region: String, in ring: KmsKeyRing
  ) throws -> KmsKey {
    guard (policyName ?? Self.policyName) == Self.policyName else {
      throw KmsError(
        code: "ValidationException", keyId: keyId,
        message: "PolicyName '\(policyName ?? "")' is not valid: a key's only policy is named default.")
    }
    guard let key = try ring.resolve(keyId, account: account, region: region) else {
      throw KmsError(
        code: "NotFoundException", keyId: keyId,
        message: "Key '\(keyId)' does not exist in TrailDeck's key ring (\(ring.directory)).")
    }
    return key
  }
}

/// KMS's `GetKeyPolicy` output: `{"Policy": "…", "PolicyName": "default"}`.
public struct GetKeyPolicyResponse: Codable, Equatable, Sendable {
  public var policy: String
  public var policyName: String

  enum CodingKeys: String, CodingKey {
    case policy = "Policy"
    case policyName = "PolicyName"
  }
}
