extension SampleQuery {
  /// The samples over AWS Audit Manager evidence. The user guide lists none for such stores; these
  /// read the evidence fields its schema page names (`complianceCheck`, `controlName`,
  /// `resourceArn`, `evidenceAwsAccountId`, `dataSource`, `evidenceByType`).
  public static let evidence: [SampleQuery] = [
    .init(
      name: "Failed compliance checks",
      description:
        "Evidence whose compliance check failed, newest first: the control, the resource and its account.",
      sql: """
        SELECT eventTime, eventData.controlName, eventData.resourceArn, eventData.resourceType,
          eventData.evidenceAwsAccountId, awsRegion
        FROM $EDS_ID
        WHERE eventData.complianceCheck = 'NON_COMPLIANT'
        ORDER BY eventTime DESC
        """,
      storeKind: .evidence),
    .init(
      name: "Compliance by control",
      description: "For each control, how many checks passed and how many failed.",
      sql: """
        SELECT eventData.frameworkName, eventData.controlName,
          sum(CASE WHEN eventData.complianceCheck = 'COMPLIANT' THEN 1 ELSE 0 END) AS compliant,
          sum(CASE WHEN eventData.complianceCheck = 'NON_COMPLIANT' THEN 1 ELSE 0 END) AS nonCompliant
        FROM $EDS_ID
        GROUP BY eventData.frameworkName, eventData.controlName
        ORDER BY nonCompliant DESC
        """,
      storeKind: .evidence),
    .init(
      name: "Resources failing most often",
      description: "Resources by the number of failed compliance checks, with the last failure.",
      sql: """
        SELECT eventData.resourceArn, eventData.controlName, count(*) AS failedChecks,
          max(eventTime) AS lastFailed
        FROM $EDS_ID
        WHERE eventData.complianceCheck = 'NON_COMPLIANT'
        GROUP BY eventData.resourceArn, eventData.controlName
        ORDER BY failedChecks DESC
        """,
      storeKind: .evidence),
    .init(
      name: "Evidence by account and source",
      description: "How much evidence each account has, by data source and evidence type.",
      sql: """
        SELECT eventData.evidenceAwsAccountId, eventData.dataSource, eventData.evidenceByType, count(*) AS n
        FROM $EDS_ID
        GROUP BY eventData.evidenceAwsAccountId, eventData.dataSource, eventData.evidenceByType
        ORDER BY n DESC
        """,
      storeKind: .evidence),
  ]
}
