/// The generator's questions over a store of AWS Audit Manager evidence (its own table:
/// `eventData.complianceCheck`, `eventData.controlName`, …).
extension InvestigationQuestion {
  public static let evidenceQuestions: [InvestigationQuestion] = [
    .init(
      "failed-compliance-checks", "Which compliance checks failed?",
      "Evidence whose compliance check failed, newest first: the control, the resource and its account.",
      keywords: [("fail", 3), ("complian", 2), ("check", 2), ("non complian", 2), ("violat", 2)],
      example: "Which compliance checks failed yesterday?", storeKind: .evidence
    ) { input in
      """
      SELECT eventTime, eventData.controlName, eventData.resourceArn, eventData.resourceType,
        eventData.evidenceAwsAccountId, awsRegion
      FROM \(input.store)
      \(input.whereClause(["eventData.complianceCheck = 'NON_COMPLIANT'"]))
      ORDER BY eventTime DESC
      """
    },
    .init(
      "control-evidence", "What evidence is there for this control?",
      "The evidence collected for a control (its name, or the start of it such as S3.14), newest first.",
      keywords: [("evidenc", 2), ("control", 3), ("assessment", 1)],
      requires: [.controlName], example: "Evidence for control S3.14 in the last 7 days",
      storeKind: .evidence
    ) { input in
      let control = Input.containing(input.parameters.controlName ?? "")
      return """
        SELECT eventTime, eventData.controlName, eventData.complianceCheck, eventData.resourceArn,
          eventData.evidenceAwsAccountId, eventData.dataSource, eventData.evidenceByType
        FROM \(input.store)
        \(input.whereClause(["eventData.controlName LIKE \(control)"]))
        ORDER BY eventTime DESC
        """
    },
  ]
}
