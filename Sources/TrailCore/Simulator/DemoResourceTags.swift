/// The tags of the demo organization's resources, as the Resource Groups Tagging API would list them:
/// what enriched events (`eventContext.tagContext`, `aws:PrincipalTag/…`) read. A pure function of the
/// accounts, written into the store when the demo is seeded.
///
/// - S3 buckets: `env` (prod, staging), `team` (by the bucket's use), `cost-center`.
/// - IAM roles: `team`, and `app` for the applications' Lambda roles; IAM users: `department`,
///   `display-name` (people's names with their accents).
/// - KMS keys: `env`, `team` security; DynamoDB tables: `team`, `data-classification`; ECR repositories:
///   `app`, `team`.
enum DemoResourceTags {
  static let bucketTeams = [
    "acme-data": "data-platform", "acme-logs": "platform", "acme-artifacts": "ci", "acme-backups": "platform",
    "acme-web": "web",
  ]
  static let appTeams = [
    "orders-api": "commerce", "payments-worker": "payments", "image-resizer": "media",
    "report-builder": "data-platform",
    "auth-service": "identity", "notifications": "growth",
  ]
  static let departments = ["engineering", "finance", "security", "operations"]

  static func tags(of account: DemoAccount, regions: [String]) -> [(arn: String, tags: [(String, String)])] {
    var found: [(arn: String, tags: [(String, String)])] = []
    for (n, bucket) in account.buckets.enumerated() {
      let use = String(bucket.prefix { $0 != "-" }) + "-" + bucket.split(separator: "-")[1]
      found.append(
        (
          "arn:aws:s3:::\(bucket)",
          [
            ("env", bucket.hasSuffix("-prod") ? "prod" : "staging"), ("team", bucketTeams[use] ?? "platform"),
            ("cost-center", "CC-\(1000 + account.index * 100 + n / 2)"),
          ]
        ))
    }
    for role in account.roles {
      var tags = [("team", "platform")]
      if case .lambda(let app) = role.use {
        let name = DemoAccount.apps[app]
        tags = [("team", appTeams[name] ?? "platform"), ("app", name)]
      }
      found.append((role.arn, tags))
    }
    for (n, user) in account.users.enumerated() {
      found.append(
        (
          user.arn,
          [
            ("department", user.isBot ? "automation" : departments[n % departments.count]),
            ("display-name", user.displayName),
          ]
        ))
    }
    for (r, region) in regions.enumerated() where r < account.kmsKeys.count {
      for (k, key) in account.kmsKeys[r].enumerated() {
        found.append(
          (
            "arn:aws:kms:\(region):\(account.id):key/\(key)",
            [("env", k < 3 ? "prod" : "staging"), ("team", "security")]
          ))
      }
      for table in DemoAccount.tables {
        let confidential = table == "customers" || table == "payments"
        found.append(
          (
            "arn:aws:dynamodb:\(region):\(account.id):table/\(table)",
            [("team", "commerce"), ("data-classification", confidential ? "confidential" : "internal")]
          ))
      }
      for app in DemoAccount.apps {
        found.append(
          (
            "arn:aws:ecr:\(region):\(account.id):repository/\(app)",
            [("app", app), ("team", appTeams[app] ?? "platform")]
          ))
      }
    }
    return found
  }
}

extension DemoSimulator {
  /// The tags of every resource of the organization (see `DemoResourceTags`).
  var resourceTags: [(arn: String, tags: [(String, String)])] {
    composer.accounts.flatMap { DemoResourceTags.tags(of: $0, regions: regions) }
  }
}
