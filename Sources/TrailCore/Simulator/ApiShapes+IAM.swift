extension ApiShapes {
  static let managedPolicies = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
  static let inlinePolicy =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}"#
  static let trustPolicy =
    #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

  /// IAM: role and user administration. `c.target` names the user an incident creates.
  static func iam(_ name: String, _ c: inout ShapeContext, _ w: inout RecordWriter) {
    let account = c.account
    let role = c.random.pick(account.roles).name
    let userName = c.target ?? c.random.pick(account.users).name
    w.key("requestParameters")
    var response: ((inout RecordWriter, inout ShapeContext) -> Void)?
    switch name {
    case "ListRoles", "ListUsers":
      if c.random.chance(0.5) {
        w.beginObject()
        w.field("maxItems", 100)
        w.endObject()
      } else {
        w.null()
      }
    case "GetRole", "ListAttachedRolePolicies":
      w.beginObject()
      w.field("roleName", role)
      w.endObject()
    case "AttachRolePolicy", "PutRolePolicy":
      w.beginObject()
      w.field("roleName", role)
      if name == "AttachRolePolicy" {
        w.field("policyArn", c.random.pick(managedPolicies))
      } else {
        w.field("policyName", "inline-s3")
        w.field("policyDocument", inlinePolicy)
      }
      w.endObject()
    case "CreateRole":
      let newRole = "svc-\(StableID.hex("", 6, c.random.next()))-role"
      let roleId = StableID.base32("AROA", 17, c.random.next())
      w.beginObject()
      w.field("roleName", newRole)
      w.field("path", "/")
      w.field("assumeRolePolicyDocument", trustPolicy)
      w.endObject()
      response = { w, c in
        w.beginObject()
        w.key("role")
        w.beginObject()
        w.field("path", "/")
        w.field("roleName", newRole)
        w.field("roleId", roleId)
        w.field("arn", "arn:aws:iam::\(c.account.id):role/\(newRole)")
        iamDate(&w, c.time)
        w.endObject()
        w.endObject()
      }
    case "GetPolicy", "GetPolicyVersion":
      w.beginObject()
      w.field(
        "policyArn",
        "arn:aws:iam::\(account.id):policy/\(c.random.pick(["ci-deploy", "data-read", "boundary"]))")
      if name == "GetPolicyVersion" { w.field("versionId", "v\(c.random.within(1...5))") }
      w.endObject()
    case "CreateUser":
      let display = c.target == nil ? c.random.pick(DemoAccount.humans).display : "Backup Service"
      let newUser = c.target ?? "svc-\(StableID.hex("", 6, c.random.next()))"
      let userId = StableID.base32("AIDA", 17, c.random.next())
      w.beginObject()
      w.field("userName", newUser)
      w.key("tags")
      w.beginArray()
      w.beginObject()
      w.field("key", "DisplayName")
      w.field("value", display)
      w.endObject()
      w.endArray()
      w.endObject()
      response = { w, c in
        w.beginObject()
        w.key("user")
        w.beginObject()
        w.field("path", "/")
        w.field("userName", newUser)
        w.field("userId", userId)
        w.field("arn", "arn:aws:iam::\(c.account.id):user/\(newUser)")
        iamDate(&w, c.time)
        w.endObject()
        w.endObject()
      }
    case "CreateAccessKey":
      let key = StableID.base32("AKIA", 16, c.random.next())
      w.beginObject()
      w.field("userName", userName)
      w.endObject()
      response = { w, c in
        w.beginObject()
        w.key("accessKey")
        w.beginObject()
        w.field("userName", userName)
        w.field("accessKeyId", key)
        w.field("status", "Active")
        iamDate(&w, c.time)
        w.endObject()
        w.endObject()
      }
    case "CreateLoginProfile":
      w.beginObject()
      w.field("userName", userName)
      w.field("passwordResetRequired", false)
      w.endObject()
      response = { w, c in
        w.beginObject()
        w.key("loginProfile")
        w.beginObject()
        w.field("userName", userName)
        iamDate(&w, c.time)
        w.field("passwordResetRequired", false)
        w.endObject()
        w.endObject()
      }
    default:  // GetUser, ListAccessKeys, DeleteAccessKey, AttachUserPolicy, PutUserPolicy, AddUserToGroup
      w.beginObject()
      w.field("userName", userName)
      switch name {
      case "DeleteAccessKey": w.field("accessKeyId", StableID.base32("AKIA", 16, c.random.next()))
      case "AttachUserPolicy":
        w.field("policyArn", c.target == nil ? c.random.pick(managedPolicies) : managedPolicies[2])
      case "PutUserPolicy":
        w.field("policyName", "inline-s3")
        w.field("policyDocument", inlinePolicy)
      case "AddUserToGroup": w.field("groupName", "Admins")
      default: break
      }
      w.endObject()
    }
    w.key("responseElements")
    if c.failed || response == nil { w.null() } else { response?(&w, &c) }
  }

  private static func iamDate(_ w: inout RecordWriter, _ time: Int64) {
    w.key("createDate")
    w.beginString()
    w.fragmentIAMDate(time)
    w.endString()
  }
}
