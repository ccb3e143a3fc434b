import Foundation

/// The parameter rules of CreateTrail and UpdateTrail (spec §3.1, §3.3), each failure in CloudTrail's
/// exception with a message that quotes the value and says what is expected.
enum TrailRules {
  /// 3–128 ASCII letters, digits, `.`, `_`, `-`; starting and ending with a letter or digit; no two of
  /// `._-` side by side; not shaped like an IP address. Checked in CloudTrail's order, with its texts
  /// (as the real service answers the aws CLI).
  static func checkName(_ name: String) throws(ServiceError) {
    func invalid(_ message: String) -> ServiceError { ServiceError("InvalidTrailNameException", message) }
    guard name.count >= 3 else {
      throw invalid(
        "Trail name too short. Minimum allowed length: 3 characters. Specified name length: \(name.count) characters."
      )
    }
    guard name.count <= 128 else {
      throw invalid(
        "Trail name too long. Maximum allowed length: 128 characters. Specified name length: \(name.count) characters."
      )
    }
    func isAlphanumeric(_ c: Character?) -> Bool {
      c.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false
    }
    guard isAlphanumeric(name.first) else { throw invalid("Trail name must starts with a letter or number.") }
    guard isAlphanumeric(name.last) else { throw invalid("Trail name must ends with a letter or number.") }
    let allowed = name.allSatisfy { isAlphanumeric($0) || $0 == "." || $0 == "-" || $0 == "_" }
    let adjacent = name.range(of: #"[._-][._-]"#, options: .regularExpression) != nil
    let ipShaped = name.range(of: #"^\d{1,3}(\.\d{1,3}){3}$"#, options: .regularExpression) != nil
    guard allowed, !adjacent, !ipShaped else {
      throw invalid(
        "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."
      )
    }
  }

  /// A trail given by name or ARN: the name checked, or the ARN parsed.
  static func reference(_ text: String) throws(ServiceError) -> (
    name: String, arn: (region: String, account: String)?
  ) {
    if text.hasPrefix("arn:") {
      guard let parsed = TrailARN.parse(text) else {
        throw ServiceError(
          "CloudTrailARNInvalidException",
          "'\(text)' is not a valid trail ARN; expected arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME.")
      }
      return (parsed.name, (parsed.region, parsed.account))
    }
    try checkName(text)
    return (text, nil)
  }

  /// S3's bucket naming rules: 3–63 lower-case letters, digits, `.` and `-`, starting and ending
  /// with a letter or digit, no `..`, not an IP address.
  static func checkBucketName(_ name: String) throws(ServiceError) {
    let pattern = #"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"#
    guard (3...63).contains(name.count), name.range(of: pattern, options: .regularExpression) != nil,
      !name.contains(".."), name.range(of: #"^\d+\.\d+\.\d+\.\d+$"#, options: .regularExpression) == nil
    else {
      throw ServiceError(
        "InvalidS3BucketNameException",
        "Bucket name '\(name)' is not valid: use 3 to 63 lower-case letters, digits, periods and dashes, starting and ending with a letter or digit."
      )
    }
  }

  /// The bucket must exist: a folder under the buckets directory (`traildeck mb s3://NAME` makes one),
  /// that TrailDeck can write to, and whose policy, when it has one, lets CloudTrail deliver the
  /// trail's logs under `prefix` for the caller's account (`BucketPolicies.allowsCloudTrail`).
  static func checkBucketExists(_ name: String, prefix: String? = nil, in context: StoreContext)
    throws(ServiceError)
  {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: context.bucketPath(name), isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw ServiceError(
        "S3BucketDoesNotExistException",
        "S3 bucket \(name) does not exist!"
      )
    }
    // The folder's permissions stand for the bucket policy that lets CloudTrail write (spec §5.2).
    guard FileManager.default.isWritableFile(atPath: context.bucketPath(name)) else {
      throw ServiceError(
        "InsufficientS3BucketPolicyException",
        "Incorrect S3 bucket policy is detected for bucket: \(name) (TrailDeck cannot write to \(context.bucketPath(name)))."
      )
    }
    // No policy lets the owner's services write, as TrailDeck's buckets always have; a policy must say so.
    if let text = BucketPolicies(context).policy(of: name) {
      let policy = (try? JSONValue(parsing: text)) ?? .null
      guard
        BucketPolicies.allowsCloudTrail(policy, bucket: name, prefix: prefix, account: context.account)
      else {
        throw ServiceError(
          "InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: \(name)")
      }
    }
  }

  static func checkPrefix(_ prefix: String) throws(ServiceError) {
    guard prefix.count <= 200 else {
      throw ServiceError(
        "InvalidS3PrefixException",
        "S3 key prefix is \(prefix.count) characters long; at most 200 are allowed.")
    }
  }

  /// A topic name (1–256 of letters, digits, `_`, `-`) or an SNS topic ARN.
  static func checkTopic(_ topic: String) throws(ServiceError) {
    let name = topic.hasPrefix("arn:") ? String(topic.split(separator: ":").last ?? "") : topic
    let isARN = !topic.hasPrefix("arn:") || topic.split(separator: ":").count == 6 && topic.contains(":sns:")
    guard isARN, (1...256).contains(name.count),
      name.range(of: #"^[A-Za-z0-9_-]+$"#, options: .regularExpression) != nil
    else {
      throw ServiceError(
        "InvalidSnsTopicNameException",
        "SNS topic '\(topic)' is not valid: give a topic name of 1 to 256 letters, digits, underscores or dashes, or its ARN."
      )
    }
  }

  /// The topic must exist in the trail's account and home region (`traildeck create-topic` makes
  /// one): a name is looked up there, an ARN must point there. TrailDeck gives topics the default
  /// policy, which lets CloudTrail publish to any topic of the trail's own account; another account's
  /// or region's topic is refused, as its policy would have to say so.
  static func checkTopicExists(
    _ topic: String, account: String, region: String, in context: StoreContext
  ) throws(ServiceError) {
    let arn = topic.hasPrefix("arn:") ? topic : SnsTopics.arn(name: topic, account: account, region: region)
    let place = SnsTopics.parse(arn)
    guard place?.account == account, place?.region == region, SnsTopics(context).exists(arn: arn) else {
      throw ServiceError(
        "InsufficientSnsTopicPolicyException", "SNS Topic does not exist or the topic policy is incorrect!")
    }
  }

  /// CloudWatch Logs: a role needs a log group and a log group needs a role, both well-formed ARNs.
  static func checkCloudWatchLogs(group: String?, role: String?) throws(ServiceError) {
    switch (group, role) {
    case (nil, nil): return
    case (_?, nil), (nil, _?):
      throw ServiceError(
        "InvalidParameterCombinationException",
        "CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn must be given together.")
    case (let group?, let role?):
      guard
        group.range(
          of: #"^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-/.#]{1,512}:\*$"#,
          options: .regularExpression) != nil
      else {
        throw ServiceError(
          "InvalidCloudWatchLogsLogGroupArnException",
          "'\(group)' is not a log group ARN; expected arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*.")
      }
      guard
        role.range(of: #"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$"#, options: .regularExpression) != nil
      else {
        throw ServiceError(
          "InvalidCloudWatchLogsRoleArnException",
          "'\(role)' is not an IAM role ARN; expected arn:aws:iam::ACCOUNT:role/NAME.")
      }
    }
  }

  /// KMS keys: an alias (`alias/NAME`), an alias or key ARN, or a key id, resolved against TrailDeck's
  /// key ring (`traildeck create-key`) in the caller's account and region; the trail keeps the key's
  /// full ARN, which is what CloudTrail returns whatever form was given (spec §3.3).
  ///
  /// - Returns: the key's ARN.
  /// - Throws: `InvalidKmsKeyIdException` (malformed), `KmsKeyNotFoundException` (not in the ring).
  static func checkKmsKey(_ key: String, in context: StoreContext) throws(ServiceError) -> String {
    let shapes = [
      #"^alias/[A-Za-z0-9/_-]{1,250}$"#, #"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"#,
      #"^mrk-[0-9a-f]{32}$"#, #"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$"#,
    ]
    guard shapes.contains(where: { key.range(of: $0, options: .regularExpression) != nil }) else {
      throw ServiceError(
        "InvalidKmsKeyIdException",
        "KmsKeyId '\(key)' is not valid: give alias/NAME, a key id, or an alias or key ARN.")
    }
    let ring = KmsKeyRing(context)
    guard let found = try? ring.resolve(key, account: context.account, region: context.callerRegion) else {
      throw ServiceError(
        "KmsKeyNotFoundException",
        "KMS key '\(key)' does not exist in TrailDeck's key ring (\(ring.directory)) for account \(context.account) in \(context.callerRegion); make one with `traildeck create-key`."
      )
    }
    // `KmsKeyDisabledException` is "no longer in use" (SM); AWS reports a disabled key as `KmsException`.
    guard found.enabled else {
      throw ServiceError("KmsException", "KMS key \(found.arn) is disabled; a trail cannot encrypt with it.")
    }
    try checkKeyPolicy(found)
    return found.arn
  }

  /// The key's policy must let CloudTrail use it (`KmsKeyPolicy.allowsCloudTrail`); a key the ring no
  /// longer holds is left to delivery, which reports it.
  static func checkKeyPolicy(_ keyARN: String, in context: StoreContext) throws(ServiceError) {
    guard let key = try? KmsKeyRing(context).resolve(keyARN, account: "", region: "") else { return }
    try checkKeyPolicy(key)
  }

  private static func checkKeyPolicy(_ key: KmsKey) throws(ServiceError) {
    guard KmsKeyPolicy.allowsCloudTrail(key) else {
      throw ServiceError(
        "InsufficientEncryptionPolicyException",
        "Insufficient permissions to access KMS key \(key.arn): its key policy does not allow cloudtrail.amazonaws.com kms:GenerateDataKey* (see get-key-policy)."
      )
    }
  }

  /// CloudTrail must be able to deliver to the log group: TrailDeck's log group is a folder under
  /// `logs/` (`TrailNotifications.logGroupPath`) that delivery creates and appends stream files to,
  /// so a folder it cannot write — or a file where a folder must be — is
  /// `CloudWatchLogsDeliveryUnavailableException`, as an unwritable bucket folder is
  /// `InsufficientS3BucketPolicyException`.
  static func checkLogGroupDeliverable(_ group: String, in context: StoreContext) throws(ServiceError) {
    guard let folder = TrailNotifications(context).logGroupPath(group) else { return }
    // The folder itself when it exists, else the nearest folder above it, which delivery creates it in.
    var path = folder
    var isFolder: ObjCBool = false
    while !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), path.count > 1 {
      path = (path as NSString).deletingLastPathComponent
    }
    guard isFolder.boolValue, FileManager.default.isWritableFile(atPath: path) else {
      throw ServiceError(
        "CloudWatchLogsDeliveryUnavailableException",
        "Cannot deliver logs to the CloudWatch Logs log group \(group): TrailDeck cannot write \(path) (the log group's folder is \(folder))."
      )
    }
  }

  /// At most 50 tags on a resource; keys 1–128 characters, values at most 256.
  static func checkTags(_ tags: [Tag], existing: Int = 0) throws(ServiceError) {
    for tag in tags {
      guard (1...128).contains(tag.key.count), (tag.value ?? "").count <= 256 else {
        throw ServiceError(
          "InvalidTagParameterException",
          "Tag '\(tag.key)' is not valid: keys are 1 to 128 characters, values at most 256.")
      }
    }
    let keys = Set(tags.map(\.key))
    guard existing + keys.count <= 50 else {
      throw ServiceError(
        "TagsLimitExceededException",
        "A resource can have at most 50 tags; this would make \(existing + keys.count).")
    }
  }
}
