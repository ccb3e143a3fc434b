import LakeSQL

/// What Tab offers in the Lake editor: Lake's columns and their nested fields (from `LakeSchema`),
/// function names (from the translator's tables) and keywords.
public enum LakeCompletions {
  /// CloudTrail's spelling of the schema's lowercase names, so completion writes `eventName`, not
  /// `eventname` (Lake matches names case-insensitively; people read camelCase).
  static let spellings: [String: String] = Dictionary(
    uniqueKeysWithValues: """
      eventVersion userIdentity eventTime eventSource eventName awsRegion sourceIPAddress userAgent errorCode
      errorMessage requestParameters responseElements additionalEventData requestId eventId readOnly resources
      eventType apiVersion managementEvent recipientAccountId sharedEventId annotation vpcEndpointId
      serviceEventDetails addendum edgeDeviceDetails insightDetails eventCategory tlsDetails
      sessionCredentialFromConsole eventJson eventJsonChecksum type principalId arn accountId accessKeyId
      userName sessionContext invokedBy identityProvider attributes creationDate mfaAuthenticated sessionIssuer
      webIdFederationData federatedProvider sourceIdentity ec2RoleDelivery ec2IssuedInVpc tlsVersion
      cipherSuite clientProvidedHostHeader arnPrefix eventContext requestContext tagContext resourceTags
      eventData configurationItemVersion configurationItemCaptureTime configurationItemStatus
      configurationItemStateId resourceType resourceId resourceName availabilityZone resourceCreationTime
      configuration supplementaryConfiguration relatedEvents relationships tags awsAccountId awsOrganization
      complianceCheck dataSource evidenceAwsAccountId evidenceByType iamId evidenceId assessmentId
      controlSetId controlId controlName controlDomainName frameworkName frameworkId service serviceCategory
      resourceArn evidenceFolderId description manualEvidenceS3ResourcePath evidenceFolderName
      resourceComplianceCheck metadata ingestionTime channelArn reason updatedFields originalUid
      originalEventId version details uid time
      """.split(whereSeparator: \.isWhitespace).map { (String($0).lowercased(), String($0)) })

  /// Every column and dotted field path (`userIdentity.sessionContext.sessionIssuer.arn`), in schema
  /// order: CloudTrail's table first, then what only the other kinds of store have (events from outside
  /// AWS, configuration items, evidence: `eventData.resourceType`), since one editor serves every store.
  public static let fieldPaths: [String] = {
    var paths: [String] = []
    var seen: Set<String> = []
    func walk(_ prefix: String, _ fields: [LakeField]) {
      for field in fields {
        let path = prefix + (spellings[field.name] ?? field.name)
        if seen.insert(path.lowercased()).inserted { paths.append(path) }
        if case .row(let members) = field.type { walk(path + ".", members) }
      }
    }
    for schema in [LakeTableSchema.cloudTrail, .integration, .configurationItem, .evidence] {
      walk("", schema.columns)
    }
    return paths
  }()

  /// The completions of `prefix` (case-insensitive): field paths first, then functions, then keywords.
  /// A prefix with a dot completes only field paths.
  public static func candidates(for prefix: String) -> [String] {
    let key = prefix.lowercased()
    guard !key.isEmpty else { return [] }
    let paths = fieldPaths.filter { $0.lowercased().hasPrefix(key) && $0.lowercased() != key }
    if key.contains(".") { return paths }
    let topLevel = paths.filter { !$0.contains(".") }
    let functions = LakeSQL.functionNames.filter { $0.hasPrefix(key) && $0 != key }
    let keywords = LakeSQL.keywords.filter { $0.lowercased().hasPrefix(key) && $0.lowercased() != key }
      .sorted()
    return topLevel + functions + keywords
  }
}
