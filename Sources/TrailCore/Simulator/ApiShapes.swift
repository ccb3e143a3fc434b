/// What a request shape writer needs to know about one call.
struct ShapeContext {
  let account: DemoAccount
  let region: Int
  let regionName: String
  let time: Int64
  let caller: DemoCaller
  /// A failed call has `responseElements: null` (except sign-ins, which report the failure there).
  let failed: Bool
  /// Names the object an incident works on (a new user name) instead of a random one.
  var target: String?
  var random: SeededRandom
}

/// A resource CloudTrail lists in `resources[]` for this call.
struct DemoResource {
  var arn: String
  var type: StaticString
}

/// Writes `requestParameters`, `responseElements` and `additionalEventData` shaped per API, small but
/// shaped the way the real services log them.
enum ApiShapes {
  /// Writes the three fields and returns the resource to list, if CloudTrail lists one for this API.
  static func write(_ api: DemoAPI, _ c: inout ShapeContext, _ w: inout RecordWriter) -> DemoResource? {
    switch api.service {
    case .sts: return sts(api.name, &c, &w)
    case .kms: return kms(api.name, &c, &w)
    case .ec2:
      ec2(api.name, &c, &w)
      return nil
    case .s3: return s3(api.name, &c, &w)
    case .signin:
      signin(&c, &w)
      return nil
    case .iam:
      iam(api.name, &c, &w)
      return nil
    default: return other(api, &c, &w)
    }
  }

  // MARK: STS

  private static func sts(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) -> DemoResource? {
    let account = c.account
    switch name {
    case "AssumeRole", "AssumeRoleWithWebIdentity":
      let isWeb = name == "AssumeRoleWithWebIdentity"
      let role = isWeb ? account.roles[account.roles.count - 3] : c.random.pick(account.roles)
      let session =
        isWeb
        ? "GitHubActions-\(8_400_000_000 + c.random.below(5000))"
        : "\(c.caller.invokedBy.isEmpty ? "session" : c.caller.invokedBy.prefix { $0 != "." })-\(c.random.below(1 << 30))"
      w.key("requestParameters")
      w.beginObject()
      w.field("roleArn", role.arn)
      w.field("roleSessionName", session)
      if !isWeb { w.field("durationSeconds", 3600) }
      w.endObject()
      w.key("responseElements")
      if c.failed {
        w.null()
      } else {
        w.beginObject()
        credentials(&c, &w, seconds: 3600)
        w.key("assumedRoleUser")
        w.beginObject()
        w.field("assumedRoleId", "\(role.principalId):\(session)")
        w.field("arn", "arn:aws:sts::\(account.id):assumed-role/\(role.name)/\(session)")
        w.endObject()
        if isWeb {
          w.field("provider", "arn:aws:iam::\(account.id):oidc-provider/token.actions.githubusercontent.com")
          w.field("audience", "sts.amazonaws.com")
        }
        w.endObject()
      }
      if isWeb {
        w.key("additionalEventData")
        w.beginObject()
        w.field("identityProviderConnectionVerificationMethod", "IdPThumbprint")
        w.endObject()
      }
      return DemoResource(arn: role.arn, type: "AWS::IAM::Role")
    case "GetSessionToken":
      w.key("requestParameters")
      w.beginObject()
      w.field("durationSeconds", 43_200)
      w.endObject()
      w.key("responseElements")
      if c.failed {
        w.null()
      } else {
        w.beginObject()
        credentials(&c, &w, seconds: 43_200)
        w.endObject()
      }
    default:
      nulls(&w)
    }
    return nil
  }

  private static func credentials(_ c: inout ShapeContext, _ w: inout RecordWriter, seconds: Int64) {
    w.key("credentials")
    w.beginObject()
    w.field("accessKeyId", StableID.base32("ASIA", 16, c.random.next()))
    w.key("sessionToken")
    w.beginString()
    w.fragment("IQoJb3JpZ2luX2VjE")
    randomText(&w, &c.random, 48)
    w.endString()
    w.key("expiration")
    w.beginString()
    w.fragmentIAMDate(c.time + seconds)
    w.endString()
    w.endObject()
  }

  // MARK: KMS

  private static func kms(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) -> DemoResource {
    let key = c.random.pick(c.account.kmsKeys[c.region])
    let arn = "arn:aws:kms:\(c.regionName):\(c.account.id):key/\(key)"
    w.key("requestParameters")
    w.beginObject()
    switch name {
    case "Decrypt", "Encrypt", "GenerateDataKey":
      if name == "Decrypt" {
        w.field("encryptionAlgorithm", "SYMMETRIC_DEFAULT")
      } else {
        w.field("keyId", arn)
      }
      if name == "GenerateDataKey" { w.field("keySpec", "AES_256") }
      if c.random.chance(0.6) {
        w.key("encryptionContext")
        w.beginObject()
        if c.random.chance(0.5) {
          w.field("aws:s3:arn", "arn:aws:s3:::\(c.random.pick(c.account.buckets))")
        } else {
          let secret = c.random.below(DemoAccount.secrets.count)
          w.field(
            "SecretARN",
            "arn:aws:secretsmanager:\(c.regionName):\(c.account.id):secret:\(DemoAccount.secrets[secret])-\(c.account.secretSuffix[secret])"
          )
        }
        w.endObject()
      }
    case "CreateGrant":
      w.field("keyId", arn)
      w.field("granteePrincipal", "ec2.amazonaws.com")
      w.key("operations")
      w.beginArray()
      w.string("Decrypt")
      w.string("GenerateDataKeyWithoutPlaintext")
      w.string("ReEncryptFrom")
      w.endArray()
    case "RetireGrant":
      w.key("grantId")
      w.beginString()
      w.fragmentHex(c.random.next(), 16)
      w.fragmentHex(c.random.next(), 16)
      w.endString()
      w.field("keyId", arn)
    default:
      w.field("keyId", arn)
    }
    w.endObject()
    w.key("responseElements")
    if name == "CreateGrant" && !c.failed {
      w.beginObject()
      w.key("grantId")
      w.beginString()
      w.fragmentHex(c.random.next(), 16)
      w.fragmentHex(c.random.next(), 16)
      w.endString()
      w.key("keyId")
      w.string(arn)
      w.endObject()
    } else {
      w.null()
    }
    return DemoResource(arn: arn, type: "AWS::KMS::Key")
  }

  // MARK: S3 (management calls on buckets)

  private static func s3(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) -> DemoResource? {
    let bucket = c.random.pick(c.account.buckets)
    w.key("requestParameters")
    w.beginObject()
    if name == "ListBuckets" {
      w.field("Host", "s3.amazonaws.com")
    } else {
      w.field("bucketName", bucket)
      w.field("Host", "\(bucket).s3.\(c.regionName).amazonaws.com")
      switch name {
      case "GetBucketAcl": w.field("acl", "")
      case "GetBucketLocation": w.field("location", "")
      case "GetBucketPolicy": w.field("policy", "")
      case "GetBucketVersioning": w.field("versioning", "")
      case "PutBucketPolicy":
        w.field("policy", "")
        w.key("bucketPolicy")
        w.beginObject()
        w.field("Version", "2012-10-17")
        w.key("Statement")
        w.beginArray()
        w.beginObject()
        w.field("Sid", "AllowCloudFrontRead")
        w.field("Effect", "Allow")
        w.key("Principal")
        w.beginObject()
        w.field("Service", "cloudfront.amazonaws.com")
        w.endObject()
        w.field("Action", "s3:GetObject")
        w.field("Resource", "arn:aws:s3:::\(bucket)/*")
        w.endObject()
        w.endArray()
        w.endObject()
      case "CreateBucket":
        w.key("CreateBucketConfiguration")
        w.beginObject()
        w.field("LocationConstraint", c.regionName)
        w.field("xmlns", "http://s3.amazonaws.com/doc/2006-03-01/")
        w.endObject()
      default:  // PutBucketTagging: owner tags carry people's display names
        w.field("tagging", "")
        w.key("Tagging")
        w.beginObject()
        w.key("TagSet")
        w.beginObject()
        w.key("Tag")
        w.beginObject()
        w.field("Key", "owner")
        w.field("Value", c.random.pick(DemoAccount.humans).display)
        w.endObject()
        w.endObject()
        w.endObject()
      }
    }
    w.endObject()
    w.key("responseElements")
    w.null()
    w.key("additionalEventData")
    w.beginObject()
    w.field("SignatureVersion", "SigV4")
    w.field("CipherSuite", "TLS_AES_128_GCM_SHA256")
    w.field("bytesTransferredIn", 0)
    w.field("AuthenticationMethod", "AuthHeader")
    w.key("x-amz-id-2")
    w.beginString()
    randomText(&w, &c.random, 76)
    w.endString()
    w.field("bytesTransferredOut", 0)
    w.endObject()
    return name == "ListBuckets" ? nil : DemoResource(arn: "arn:aws:s3:::\(bucket)", type: "AWS::S3::Bucket")
  }

  // MARK: Sign-in

  private static func signin(_ c: inout ShapeContext, _ w: inout RecordWriter) {
    w.key("requestParameters")
    w.null()
    w.key("responseElements")
    w.beginObject()
    w.field("ConsoleLogin", c.failed ? "Failure" : "Success")
    w.endObject()
    w.key("additionalEventData")
    w.beginObject()
    w.key("LoginTo")
    w.beginString()
    w.fragment(
      "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_"
    )
    w.fragmentHex(c.random.next(), 16)
    w.endString()
    w.field("MobileVersion", "No")
    w.field("MFAUsed", c.caller.mfaAuthenticated ? "Yes" : "No")
    w.endObject()
  }

  // MARK: Helpers

  static func nulls(_ w: inout RecordWriter) {
    w.key("requestParameters")
    w.null()
    w.key("responseElements")
    w.null()
  }

  private static let textAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Appends `count` base64-looking characters inside an open string (tokens, `x-amz-id-2`).
  static func randomText(_ w: inout RecordWriter, _ random: inout SeededRandom, _ count: Int) {
    var bits: UInt64 = 0
    var left = 0
    var text = [UInt8]()
    text.reserveCapacity(count)
    for _ in 0..<count {
      if left < 6 {
        bits = random.next()
        left = 64
      }
      text.append(textAlphabet[Int(bits & 63)])
      bits >>= 6
      left -= 6
    }
    w.fragment(String(decoding: text, as: UTF8.self))
  }
}
