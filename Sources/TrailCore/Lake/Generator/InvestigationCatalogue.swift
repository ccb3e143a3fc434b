/// The generator's catalogue: the investigation questions `generate-query` answers offline, in the
/// order searches list them when they score alike. The README lists them; keep the two in step.
/// Questions over CloudTrail events are here; those over configuration items and evidence, which
/// read their stores' own columns, are in `InvestigationCatalogue+ConfigurationItems.swift` and
/// `InvestigationCatalogue+Evidence.swift`.
///
/// Each statement is plain Lake SQL over the store (`FROM <id>`), using only what TrailDeck's engine
/// runs (a test runs every one). Time ranges from the prompt become `eventTime` bounds; a question
/// whose parameter is optional narrows to it when the prompt gives it.
extension InvestigationQuestion {
  /// Every question, CloudTrail events' first: what SearchSampleQueries searches.
  public static let catalogue: [InvestigationQuestion] =
    cloudTrailQuestions + configurationItemQuestions + evidenceQuestions

  /// The questions over CloudTrail events.
  public static let cloudTrailQuestions: [InvestigationQuestion] = [
    .init(
      "who-deleted-resource", "Who deleted this resource?",
      "Delete, Terminate and Remove calls (of the resource, when the prompt names one), newest first.",
      keywords: [("delet", 3), ("deletion", 3), ("remov", 2), ("destroy", 2), ("who", 0.5)],
      example: "Who deleted the bucket my-app-logs?"
    ) { input in
      var conditions = [
        "(eventName LIKE 'Delete%' OR eventName LIKE 'Terminate%' OR eventName LIKE 'Remove%')"
      ]
      if let resource = input.parameters.resource {
        conditions.append("eventJson LIKE \(Input.containing(resource))")
      }
      return """
        SELECT eventTime, eventSource, eventName, userIdentity.arn AS principal, sourceIPAddress, errorCode
        FROM \(input.store)
        \(input.whereClause(conditions))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "resource-activity", "What happened to this resource?",
      "Every call whose record mentions the resource, newest first.",
      keywords: [("happen", 3), ("resourc", 2), ("touch", 2), ("modif", 2), ("histor", 1), ("what", 0.5)],
      requires: [.resource], example: "What happened to instance i-0123456789abcdef0?"
    ) { input in
      """
      SELECT eventTime, eventSource, eventName, userIdentity.arn AS principal, sourceIPAddress, errorCode
      FROM \(input.store)
      \(input.whereClause(["eventJson LIKE \(Input.containing(input.parameters.resource ?? ""))"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "access-key-activity", "What did this access key do?",
      "The calls signed with the access key, newest first.",
      keywords: [("access key", 3), ("key", 1), ("do", 1), ("use", 1), ("activit", 1), ("credential", 2)],
      requires: [.accessKeyId], example: "What did access key AKIAIOSFODNN7EXAMPLE do?"
    ) { input in
      """
      SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, errorCode
      FROM \(input.store)
      \(input.whereClause(["userIdentity.accessKeyId = \(Input.literal(input.parameters.accessKeyId ?? ""))"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "user-activity", "What did this user do?",
      "The calls an IAM user made, newest first.",
      keywords: [("user", 2), ("do", 1), ("activit", 1), ("action", 1), ("call", 0.5)],
      requires: [.userName], example: "What did user alice do in the last 24 hours?"
    ) { input in
      """
      SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, errorCode
      FROM \(input.store)
      \(input.whereClause(["userIdentity.userName = \(Input.literal(input.parameters.userName ?? ""))"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "role-activity", "What did this role do?",
      "The calls made with sessions of an assumed role, newest first.",
      keywords: [("role", 2), ("do", 1), ("activit", 1), ("action", 1), ("session", 1)],
      requires: [.roleName], example: "What did role Admin do yesterday?"
    ) { input in
      let role = Input.literal(input.parameters.roleName ?? "")
      return """
        SELECT eventTime, userIdentity.arn AS session, eventSource, eventName, sourceIPAddress, errorCode
        FROM \(input.store)
        \(input.whereClause(["userIdentity.sessionContext.sessionIssuer.userName = \(role)"]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "access-denied-callers", "Who gets the most AccessDenied errors?",
      "Principals by the number of calls refused for lack of permission.",
      keywords: [
        ("denied", 3), ("accessdenied", 3), ("unauthoriz", 3), ("permission", 2), ("top", 1), ("most", 1),
        ("caller", 1),
      ],
      example: "Top AccessDenied callers in the past 7 days"
    ) { input in
      let denied = Input.oneOf(
        "errorCode",
        ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Client.UnauthorizedOperation"])
      return """
        SELECT userIdentity.arn AS principal, count(*) AS denied
        FROM \(input.store)
        \(input.whereClause([denied]))
        GROUP BY userIdentity.arn
        ORDER BY denied DESC
        LIMIT 20
        """
    },
    .init(
      "console-logins-without-mfa", "Which console logins did not use MFA?",
      "ConsoleLogin events whose additionalEventData says MFAUsed No.",
      keywords: [("mfa", 3), ("without", 1), ("console", 2), ("login", 2), ("sign", 1), ("multi factor", 3)],
      example: "Console logins without MFA since 2026-11-01"
    ) { input in
      """
      SELECT eventTime, userIdentity.arn AS principal, sourceIPAddress, responseElements['ConsoleLogin'] AS result
      FROM \(input.store)
      \(input.whereClause(["eventName = 'ConsoleLogin'", "additionalEventData['MFAUsed'] = 'No'"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "failed-console-logins", "Which console logins failed?",
      "Failed console sign-ins by principal and source IP address.",
      keywords: [
        ("fail", 3), ("failur", 3), ("unsuccessful", 3), ("wrong password", 3), ("console", 2), ("login", 2),
        ("sign", 1),
      ],
      example: "Failed console logins yesterday"
    ) { input in
      let failed = "(errorMessage IS NOT NULL OR responseElements['ConsoleLogin'] = 'Failure')"
      return """
        SELECT userIdentity.arn AS principal, sourceIPAddress, count(*) AS failures, max(eventTime) AS lastFailure
        FROM \(input.store)
        \(input.whereClause(["eventName = 'ConsoleLogin'", failed]))
        GROUP BY userIdentity.arn, sourceIPAddress
        ORDER BY failures DESC
        """
    },
    .init(
      "console-logins", "Who signed in to the console?",
      "Console sign-ins with their source IP address and result, newest first.",
      keywords: [("console", 2), ("login", 2), ("signin", 2), ("sign", 1), ("log in", 1), ("logged in", 2)],
      example: "Who logged in to the console today?"
    ) { input in
      var conditions = ["eventName = 'ConsoleLogin'"]
      if let user = input.parameters.userName {
        conditions.append("userIdentity.userName = \(Input.literal(user))")
      }
      return """
        SELECT eventTime, userIdentity.arn AS principal, sourceIPAddress, responseElements['ConsoleLogin'] AS result
        FROM \(input.store)
        \(input.whereClause(conditions))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "new-ip-addresses", "Which IP addresses made calls for the first time?",
      "Source IP addresses first seen in the period (default: the last 24 hours), against all the "
        + "store's earlier events.",
      keywords: [
        ("new", 3), ("first time", 3), ("unfamiliar", 3), ("unusual", 2), ("ip", 2), ("address", 1),
        ("never seen", 3),
      ],
      example: "API calls from a new IP address in the last 24 hours"
    ) { input in
      let start = input.parameters.timeRange?.start ?? input.now.addingTimeInterval(-86_400)
      return """
        SELECT sourceIPAddress, min(eventTime) AS firstSeen, count(*) AS calls
        FROM \(input.store)
        GROUP BY sourceIPAddress
        HAVING min(eventTime) >= \(Input.timestamp(start))
        ORDER BY firstSeen DESC
        """
    },
    .init(
      "calls-from-ip", "What was done from this IP address?",
      "The calls made from one source IP address, newest first.",
      keywords: [("ip", 2), ("address", 1), ("from", 1), ("source", 1)],
      requires: [.ipAddress], example: "What was done from IP 203.0.113.7?"
    ) { input in
      """
      SELECT eventTime, userIdentity.arn AS principal, eventSource, eventName, errorCode
      FROM \(input.store)
      \(input.whereClause(["sourceIPAddress = \(Input.literal(input.parameters.ipAddress ?? ""))"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "security-group-changes", "Who changed security groups?",
      "Security group creations, deletions and rule changes, newest first.",
      keywords: [
        ("security group", 4), ("ingress", 2), ("egress", 2), ("firewall", 2), ("port", 1), ("chang", 1),
      ],
      example: "Changes to security groups in the last 7 days"
    ) { input in
      let names = Input.oneOf(
        "eventName",
        [
          "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress",
          "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup",
          "ModifySecurityGroupRules",
        ])
      return """
        SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['groupId'] AS groupId, sourceIPAddress
        FROM \(input.store)
        \(input.whereClause(["eventSource = 'ec2.amazonaws.com'", names]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "iam-policy-changes", "Who changed IAM policies?",
      "IAM policy creations, versions, attachments and inline policy changes, newest first.",
      keywords: [("iam", 2), ("policy", 3), ("chang", 1), ("permission", 1), ("attach", 2), ("detach", 2)],
      example: "IAM policy changes this week"
    ) { input in
      let names = Input.oneOf(
        "eventName",
        [
          "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
          "SetDefaultPolicyVersion",
          "AttachUserPolicy", "DetachUserPolicy", "AttachRolePolicy", "DetachRolePolicy", "AttachGroupPolicy",
          "DetachGroupPolicy", "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy", "DeleteUserPolicy",
          "DeleteRolePolicy", "DeleteGroupPolicy",
        ])
      return """
        SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['policyArn'] AS policyArn, sourceIPAddress
        FROM \(input.store)
        \(input.whereClause(["eventSource = 'iam.amazonaws.com'", names]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "trail-changes", "Who changed or stopped CloudTrail trails?",
      "Trail creations, updates, deletions, logging stops and selector changes, newest first.",
      keywords: [("trail", 3), ("cloudtrail", 3), ("logg", 2), ("stop", 2), ("disabl", 1), ("chang", 1)],
      example: "Who stopped logging on a trail?"
    ) { input in
      let names = Input.oneOf(
        "eventName",
        [
          "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging", "PutEventSelectors",
          "PutInsightSelectors",
        ])
      return """
        SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['name'] AS trail, sourceIPAddress
        FROM \(input.store)
        \(input.whereClause(["eventSource = 'cloudtrail.amazonaws.com'", names]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "s3-bucket-policy-changes", "Who changed S3 bucket policies or ACLs?",
      "Bucket policy, ACL and public access block changes, newest first.",
      keywords: [
        ("bucket policy", 4), ("bucket", 2), ("s3", 2), ("acl", 2), ("public", 2), ("chang", 1),
      ],
      example: "S3 bucket policy changes in the past 30 days"
    ) { input in
      var conditions = [
        "eventSource = 's3.amazonaws.com'",
        Input.oneOf(
          "eventName",
          [
            "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketPublicAccessBlock",
            "DeleteBucketPublicAccessBlock",
          ]),
      ]
      if let bucket = input.parameters.resource {
        conditions.append("requestParameters['bucketName'] = \(Input.literal(bucket))")
      }
      return """
        SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['bucketName'] AS bucket, sourceIPAddress
        FROM \(input.store)
        \(input.whereClause(conditions))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "root-account-usage", "When was the root user used?",
      "Calls made as the account's root user, newest first.",
      keywords: [("root", 4), ("usag", 1), ("use", 1), ("account", 0.5)],
      example: "Root account usage in the last 90 days"
    ) { input in
      """
      SELECT eventTime, recipientAccountId, eventSource, eventName, sourceIPAddress, userAgent
      FROM \(input.store)
      \(input.whereClause(["userIdentity.type = 'Root'"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "kms-key-deletions", "Which KMS keys were scheduled for deletion or disabled?",
      "KMS ScheduleKeyDeletion and DisableKey calls, newest first.",
      keywords: [("km", 3), ("schedul", 2), ("delet", 1), ("deletion", 1), ("disabl", 1), ("encryption", 1)],
      example: "KMS key deletions scheduled this month"
    ) { input in
      """
      SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['keyId'] AS keyId, requestParameters['pendingWindowInDays'] AS pendingDays
      FROM \(input.store)
      \(input.whereClause(["eventSource = 'kms.amazonaws.com'", "eventName IN ('ScheduleKeyDeletion', 'DisableKey')"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "iam-identity-creation", "Who created IAM users or access keys?",
      "CreateUser, CreateAccessKey and CreateLoginProfile calls, newest first.",
      keywords: [("creat", 2), ("iam", 1), ("user", 1), ("access key", 2), ("new", 1), ("login profil", 2)],
      example: "Who created IAM users or access keys this week?"
    ) { input in
      """
      SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['userName'] AS forUser, sourceIPAddress
      FROM \(input.store)
      \(input.whereClause(["eventSource = 'iam.amazonaws.com'", "eventName IN ('CreateUser', 'CreateAccessKey', 'CreateLoginProfile')"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "top-callers", "Who made the most API calls?",
      "The 20 busiest principals.",
      keywords: [("most", 2), ("top", 2), ("busiest", 3), ("caller", 2), ("activ", 1), ("call", 1)],
      example: "Top callers in the last 24 hours"
    ) { input in
      """
      SELECT userIdentity.arn AS principal, count(*) AS calls
      FROM \(input.store)
      \(input.whereClause([]))
      GROUP BY userIdentity.arn
      ORDER BY calls DESC
      LIMIT 20
      """
    },
    .init(
      "top-errors", "Which errors happen most often?",
      "Error codes by count, with the API calls that got them.",
      keywords: [("error", 3), ("common", 2), ("most", 1), ("top", 1), ("fail", 1)],
      example: "Most common errors since yesterday"
    ) { input in
      """
      SELECT errorCode, eventSource, eventName, count(*) AS n
      FROM \(input.store)
      \(input.whereClause(["errorCode IS NOT NULL"]))
      GROUP BY errorCode, eventSource, eventName
      ORDER BY n DESC
      LIMIT 20
      """
    },
    .init(
      "ec2-instance-changes", "Who launched, stopped or terminated EC2 instances?",
      "RunInstances, StartInstances, StopInstances and TerminateInstances calls, newest first.",
      keywords: [("ec2", 3), ("instanc", 3), ("launch", 2), ("terminat", 2), ("stop", 1), ("start", 1)],
      example: "Who terminated EC2 instances in the last 7 days?"
    ) { input in
      """
      SELECT eventTime, eventName, userIdentity.arn AS principal, awsRegion, sourceIPAddress, errorCode
      FROM \(input.store)
      \(input.whereClause(["eventSource = 'ec2.amazonaws.com'", "eventName IN ('RunInstances', 'StartInstances', 'StopInstances', 'TerminateInstances')"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "network-changes", "Who changed VPCs, routes, gateways or network ACLs?",
      "VPC, route table, internet gateway and network ACL changes, newest first.",
      keywords: [("vpc", 3), ("network", 3), ("rout", 2), ("gateway", 2), ("nacl", 3), ("acl", 1)],
      example: "Network ACL and route changes today"
    ) { input in
      let names = Input.oneOf(
        "eventName",
        [
          "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "CreateRoute", "DeleteRoute", "ReplaceRoute",
          "CreateRouteTable", "DeleteRouteTable", "AttachInternetGateway", "DetachInternetGateway",
          "CreateNetworkAcl", "DeleteNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAclEntry",
          "ReplaceNetworkAclEntry",
        ])
      return """
        SELECT eventTime, eventName, userIdentity.arn AS principal, awsRegion, sourceIPAddress
        FROM \(input.store)
        \(input.whereClause(["eventSource = 'ec2.amazonaws.com'", names]))
        ORDER BY eventTime DESC
        """
    },
    .init(
      "mfa-device-changes", "Who changed MFA devices?",
      "MFA devices created, enabled, deactivated or deleted, newest first.",
      keywords: [("mfa", 2), ("devic", 3), ("deactivat", 2), ("token", 1)],
      example: "Who deactivated an MFA device?"
    ) { input in
      """
      SELECT eventTime, eventName, userIdentity.arn AS principal, requestParameters['userName'] AS forUser, sourceIPAddress
      FROM \(input.store)
      \(input.whereClause(["eventSource = 'iam.amazonaws.com'", "eventName IN ('CreateVirtualMFADevice', 'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice', 'ResyncMFADevice')"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "assumed-roles", "Who assumed which roles?",
      "AssumeRole calls by caller and role (of the role named in the prompt, if any).",
      keywords: [("assum", 4), ("role", 1), ("sts", 2), ("switch", 2)],
      example: "Who assumed role Admin in the last 24 hours?"
    ) { input in
      var conditions = ["eventSource = 'sts.amazonaws.com'", "eventName LIKE 'AssumeRole%'"]
      if let role = input.parameters.roleName {
        conditions.append("requestParameters['roleArn'] LIKE \(Input.literal("%/" + role))")
      }
      return """
        SELECT userIdentity.arn AS caller, requestParameters['roleArn'] AS role, count(*) AS times, max(eventTime) AS lastTime
        FROM \(input.store)
        \(input.whereClause(conditions))
        GROUP BY userIdentity.arn, requestParameters['roleArn']
        ORDER BY times DESC
        """
    },
    .init(
      "region-activity", "Which regions were used?",
      "Calls per region, to spot activity in regions nobody should use.",
      keywords: [("region", 3), ("where", 1), ("unused", 2)],
      example: "Which regions had activity in the past 7 days?"
    ) { input in
      """
      SELECT awsRegion, count(*) AS calls, min(eventTime) AS firstCall, max(eventTime) AS lastCall
      FROM \(input.store)
      \(input.whereClause([]))
      GROUP BY awsRegion
      ORDER BY calls DESC
      """
    },
  ]
}
