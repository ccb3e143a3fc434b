import Foundation

/// One piece of AWS Audit Manager evidence as CloudTrail Lake stores it (user guide, "Supported schema
/// for AWS Audit Manager evidence record fields"; spec §8.7): the fields CloudTrail adds (`eventVersion`,
/// `eventCategory` `Evidence`, `eventType` `AwsAuditManagerEvidence`, `eventID`, `eventTime`,
/// `awsRegion`, `recipientAccountId`) around `eventData`, the evidence as Audit Manager's evidence
/// finder writes it.
///
/// Every member of the schema's `eventdata` struct is written, in the schema's order; a member that does
/// not apply to this evidence (`iamId` of a compliance check, `manualEvidenceS3ResourcePath` of
/// automated evidence) is `null`. `time` is Audit Manager's collection time, to the millisecond;
/// `eventTime` the same instant to the second.
public struct EvidenceRecord: Sendable, Equatable {
  /// The Lake record's `eventVersion` for evidence (the schema page gives no value; as for
  /// configuration items).
  public static let eventVersion = "1.0"

  /// `evidenceByType` values Audit Manager uses for automated evidence.
  public enum EvidenceType: String, Sendable, CaseIterable {
    case complianceCheck = "Compliance check"
    case configurationData = "Configuration data"
    case userActivity = "User activity"
    case manual = "Manual"
  }

  public var eventID: String
  /// `eventData.time`, in milliseconds since 1970.
  public var time: Int64
  /// `awsRegion` of the record (the region the evidence was collected in).
  public var awsRegion: String
  /// The account the assessment runs in (`recipientAccountId`, `eventData.awsAccountId`).
  public var awsAccountId: String
  /// `awsOrganization`: the organization id of the evidence's account.
  public var awsOrganization: String?
  /// `COMPLIANT`, `NON_COMPLIANT`, or nil when no check applies (user activity, manual evidence).
  public var complianceCheck: String?
  /// `AWS Config`, `AWS Security Hub`, `AWS CloudTrail`, `AWS API calls`, `Manual`.
  public var dataSource: String
  /// For Config evidence the rule's name; for CloudTrail evidence the API call's.
  public var eventName: String?
  /// `config.amazonaws.com`, `securityhub.amazonaws.com`, the call's service…
  public var eventSource: String?
  /// The account the evidence is about.
  public var evidenceAwsAccountId: String
  public var evidenceByType: EvidenceType
  /// The user or role the evidence is about (user activity); nil otherwise.
  public var iamId: String?
  public var evidenceId: String
  public var assessmentId: String
  /// The control set's id, which Audit Manager spells as the set's name.
  public var controlSetId: String
  public var controlId: String
  public var controlName: String
  public var controlDomainName: String
  public var frameworkName: String
  public var frameworkId: String
  /// The AWS service of the resource (`s3`, `kms`, `ec2`).
  public var service: String
  public var serviceCategory: String
  public var resourceArn: String?
  public var resourceType: String?
  public var evidenceFolderId: String
  public var description: String
  public var manualEvidenceS3ResourcePath: String?
  /// Audit Manager names a control's evidence folders by the day they hold (`2026-11-05`).
  public var evidenceFolderName: String
  /// The resource's own compliance (same values as `complianceCheck`).
  public var resourceComplianceCheck: String?
  /// `attributes`: what the evidence observed (rule name, compliance type, the setting checked), in
  /// key order.
  public var attributes: [(key: String, value: String)]

  public init(
    eventID: String? = nil, time: Int64, awsRegion: String, awsAccountId: String, awsOrganization: String?,
    complianceCheck: String?, dataSource: String, eventName: String?, eventSource: String?,
    evidenceAwsAccountId: String, evidenceByType: EvidenceType, iamId: String? = nil, evidenceId: String,
    assessmentId: String, controlSetId: String, controlId: String, controlName: String,
    controlDomainName: String, frameworkName: String, frameworkId: String, service: String,
    serviceCategory: String, resourceArn: String?, resourceType: String?, evidenceFolderId: String,
    description: String, manualEvidenceS3ResourcePath: String? = nil, evidenceFolderName: String,
    resourceComplianceCheck: String?, attributes: [(key: String, value: String)] = []
  ) {
    self.eventID = eventID ?? StableUUID.from("evidence|\(evidenceId)")
    self.time = time
    self.awsRegion = awsRegion
    self.awsAccountId = awsAccountId
    self.awsOrganization = awsOrganization
    self.complianceCheck = complianceCheck
    self.dataSource = dataSource
    self.eventName = eventName
    self.eventSource = eventSource
    self.evidenceAwsAccountId = evidenceAwsAccountId
    self.evidenceByType = evidenceByType
    self.iamId = iamId
    self.evidenceId = evidenceId
    self.assessmentId = assessmentId
    self.controlSetId = controlSetId
    self.controlId = controlId
    self.controlName = controlName
    self.controlDomainName = controlDomainName
    self.frameworkName = frameworkName
    self.frameworkId = frameworkId
    self.service = service
    self.serviceCategory = serviceCategory
    self.resourceArn = resourceArn
    self.resourceType = resourceType
    self.evidenceFolderId = evidenceFolderId
    self.description = description
    self.manualEvidenceS3ResourcePath = manualEvidenceS3ResourcePath
    self.evidenceFolderName = evidenceFolderName
    self.resourceComplianceCheck = resourceComplianceCheck
    self.attributes = attributes.sorted { $0.key < $1.key }
  }

  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.json == rhs.json }

  /// The `eventdata` members in the schema page's order.
  public static let eventDataFields = [
    "attributes", "awsAccountId", "awsOrganization", "complianceCheck", "dataSource", "eventName",
    "eventSource", "evidenceAwsAccountId", "evidenceByType", "iamId", "evidenceId", "time", "assessmentId",
    "controlSetId", "controlId", "controlName", "controlDomainName", "frameworkName", "frameworkId",
    "service", "serviceCategory", "resourceArn", "resourceType", "evidenceFolderId", "description",
    "manualEvidenceS3ResourcePath", "evidenceFolderName", "resourceComplianceCheck",
  ]

  /// The Lake record, members in the schema page's order.
  public var record: JSONValue {
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    let data: [(key: String, value: JSONValue)] = [
      ("attributes", .object(attributes.map { ($0.key, .string($0.value)) })),
      ("awsAccountId", .string(awsAccountId)),
      ("awsOrganization", text(awsOrganization)),
      ("complianceCheck", text(complianceCheck)),
      ("dataSource", .string(dataSource)),
      ("eventName", text(eventName)),
      ("eventSource", text(eventSource)),
      ("evidenceAwsAccountId", .string(evidenceAwsAccountId)),
      ("evidenceByType", .string(evidenceByType.rawValue)),
      ("iamId", text(iamId)),
      ("evidenceId", .string(evidenceId)),
      ("time", .string(ISO8601Time.format(milliseconds: time))),
      ("assessmentId", .string(assessmentId)),
      ("controlSetId", .string(controlSetId)),
      ("controlId", .string(controlId)),
      ("controlName", .string(controlName)),
      ("controlDomainName", .string(controlDomainName)),
      ("frameworkName", .string(frameworkName)),
      ("frameworkId", .string(frameworkId)),
      ("service", .string(service)),
      ("serviceCategory", .string(serviceCategory)),
      ("resourceArn", text(resourceArn)),
      ("resourceType", text(resourceType)),
      ("evidenceFolderId", .string(evidenceFolderId)),
      ("description", .string(description)),
      ("manualEvidenceS3ResourcePath", text(manualEvidenceS3ResourcePath)),
      ("evidenceFolderName", .string(evidenceFolderName)),
      ("resourceComplianceCheck", text(resourceComplianceCheck)),
    ]
    return .object([
      ("eventVersion", .string(Self.eventVersion)),
      ("eventCategory", .string("Evidence")),
      ("eventType", .string("AwsAuditManagerEvidence")),
      ("eventID", .string(eventID)),
      ("eventTime", .string(ISO8601Time.format(time / 1000))),
      ("awsRegion", .string(awsRegion)),
      ("recipientAccountId", .string(awsAccountId)),
      ("eventData", .object(data)),
    ])
  }

  /// The record as compact JSON (what the store keeps).
  public var json: [UInt8] { Array(record.compactText().utf8) }

  /// Reads a stored Lake record back; nil when it is not evidence or lacks what identifies it.
  public init?(record: JSONValue) {
    guard record["eventCategory"]?.stringValue == "Evidence", let data = record["eventData"],
      let time = data["time"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds),
      let evidenceId = data["evidenceId"]?.stringValue,
      let account = data["awsAccountId"]?.stringValue ?? record["recipientAccountId"]?.stringValue
    else { return nil }
    func text(_ key: String) -> String? { data[key]?.stringValue }
    var attributes: [(key: String, value: String)] = []
    if case .object(let members) = data["attributes"] {
      attributes = members.compactMap { m in m.value.stringValue.map { (m.key, $0) } }
    }
    self.init(
      eventID: record["eventID"]?.stringValue, time: time, awsRegion: record["awsRegion"]?.stringValue ?? "",
      awsAccountId: account, awsOrganization: text("awsOrganization"),
      complianceCheck: text("complianceCheck"), dataSource: text("dataSource") ?? "",
      eventName: text("eventName"), eventSource: text("eventSource"),
      evidenceAwsAccountId: text("evidenceAwsAccountId") ?? account,
      evidenceByType: text("evidenceByType").flatMap(EvidenceType.init(rawValue:)) ?? .complianceCheck,
      iamId: text("iamId"), evidenceId: evidenceId, assessmentId: text("assessmentId") ?? "",
      controlSetId: text("controlSetId") ?? "", controlId: text("controlId") ?? "",
      controlName: text("controlName") ?? "", controlDomainName: text("controlDomainName") ?? "",
      frameworkName: text("frameworkName") ?? "", frameworkId: text("frameworkId") ?? "",
      service: text("service") ?? "", serviceCategory: text("serviceCategory") ?? "",
      resourceArn: text("resourceArn"), resourceType: text("resourceType"),
      evidenceFolderId: text("evidenceFolderId") ?? "", description: text("description") ?? "",
      manualEvidenceS3ResourcePath: text("manualEvidenceS3ResourcePath"),
      evidenceFolderName: text("evidenceFolderName") ?? "",
      resourceComplianceCheck: text("resourceComplianceCheck"), attributes: attributes)
  }
}
