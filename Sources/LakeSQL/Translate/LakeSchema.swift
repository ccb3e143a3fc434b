/// The table every CloudTrail event data store presents to Lake's SQL (user guide, "CloudTrail Lake
/// SQL constraints" schema; spec §8.6): columns in the guide's order, lowercase, with their types.
/// Struct members the guide does not type are strings; the map columns hold a record's nested objects
/// and arrays as compact JSON text.
public enum LakeSchema {
  private static let string = LakeType.varchar
  private static let stringMap = LakeType.map(.varchar, .varchar)

  static let sessionIssuer = LakeType.row([
    .init("type", string), .init("principalid", string), .init("arn", string), .init("accountid", string),
    .init("username", string),
  ])

  static let sessionContext = LakeType.row([
    .init("attributes", .row([.init("creationdate", .timestamp), .init("mfaauthenticated", string)])),
    .init("sessionissuer", sessionIssuer),
    .init(
      "webidfederationdata", .row([.init("federatedprovider", string), .init("attributes", stringMap)])),
    .init("sourceidentity", string), .init("ec2roledelivery", string), .init("ec2issuedinvpc", string),
  ])

  static let userIdentity = LakeType.row([
    .init("type", string), .init("principalid", string), .init("arn", string), .init("accountid", string),
    .init("accesskeyid", string), .init("username", string), .init("sessioncontext", sessionContext),
    .init("invokedby", string), .init("identityprovider", string),
  ])

  /// One element of `resources`, read from a record's `accountId`, `type`, `ARN`, `ARNPrefix`.
  public static let resource = LakeType.row([
    .init("accountid", string), .init("type", string), .init("arn", string), .init("arnprefix", string),
  ])

  /// The columns, in order (what `SELECT *` returns).
  public static let columns: [LakeField] = [
    .init("eventversion", string), .init("useridentity", userIdentity), .init("eventtime", .timestamp),
    .init("eventsource", string), .init("eventname", string), .init("awsregion", string),
    .init("sourceipaddress", string), .init("useragent", string), .init("errorcode", string),
    .init("errormessage", string), .init("requestparameters", stringMap),
    .init("responseelements", stringMap),
    .init("additionaleventdata", stringMap), .init("requestid", string), .init("eventid", string),
    .init("readonly", .boolean), .init("resources", .array(resource)), .init("eventtype", string),
    .init("apiversion", string), .init("managementevent", .boolean), .init("recipientaccountid", string),
    .init("sharedeventid", string), .init("annotation", string), .init("vpcendpointid", string),
    .init("serviceeventdetails", stringMap), .init("addendum", stringMap),
    .init("edgedevicedetails", stringMap),
    .init("insightdetails", stringMap), .init("eventcategory", string),
    .init(
      "tlsdetails",
      .row([
        .init("tlsversion", string), .init("ciphersuite", string), .init("clientprovidedhostheader", string),
      ])),
    .init("sessioncredentialfromconsole", string), .init("eventjson", string),
    .init("eventjsonchecksum", string), .init("eventcontext", eventContext),
  ]

  /// Enriched events' `eventContext` (stores with context key selectors; NULL in others): the
  /// selected global condition keys and the selected tags of the resources involved.
  static let eventContext = LakeType.row([
    .init("requestcontext", stringMap),
    .init(
      "tagcontext",
      .row([
        .init("resourcetags", .array(.row([.init("arn", string), .init("tags", stringMap)])))
      ])),
  ])

  /// The columns of an event data store of events from outside AWS (category ActivityAuditLog, put
  /// through a channel): the integration schema (G:SQL's column list, with the IES names where G:SQL
  /// has typos: `errormessage`, `responseelements`, `additionaleventdata`).
  public static let integrationColumns: [LakeField] = [
    .init("eventversion", string), .init("eventcategory", string), .init("eventtype", string),
    .init("eventid", string), .init("eventtime", .timestamp), .init("awsregion", string),
    .init("recipientaccountid", string),
    .init(
      "addendum",
      .row([
        .init("reason", string), .init("updatedfields", string), .init("originaluid", string),
        .init("originaleventid", string),
      ])),
    .init("metadata", .row([.init("ingestiontime", string), .init("channelarn", string)])),
    .init(
      "eventdata",
      .row([
        .init("version", string),
        .init(
          "useridentity",
          .row([.init("type", string), .init("principalid", string), .init("details", stringMap)])),
        .init("useragent", string), .init("eventsource", string), .init("eventname", string),
        .init("eventtime", string), .init("uid", string), .init("requestparameters", stringMap),
        .init("responseelements", stringMap), .init("errorcode", string), .init("errormessage", string),
        .init("sourceipaddress", string), .init("recipientaccountid", string),
        .init("additionaleventdata", stringMap),
      ])),
  ]

  /// The columns of an event data store of AWS Config configuration items (category
  /// ConfigurationItem): the guide's "Supported schema for AWS Config configuration item record
  /// fields", with these readings where the page's types do not fit the records:
  /// - `eventdata.relatedevents` is `array(varchar)` and `eventdata.relationships` an
  ///   `array(row(name, resourcetype, resourceid, resourcename))`: records hold lists there (the schema
  ///   page's record shows them so), where the column list says string and struct.
  /// - `configuration`, `supplementaryconfiguration` and `tags` are `map(varchar, varchar)` holding
  ///   nested values as compact JSON text, as CloudTrail's map columns (`requestparameters`) do.
  /// - `configurationitemstateid` reads the record's `configurationStateId` (see `recordKey`).
  /// - The capture and creation times stay strings, as the page types them.
  public static let configurationItemColumns: [LakeField] =
    envelope + [
      .init(
        "eventdata",
        .row([
          .init("configurationitemversion", string), .init("configurationitemcapturetime", string),
          .init("configurationitemstatus", string), .init("configurationitemstateid", string),
          .init("accountid", string), .init("resourcetype", string), .init("resourceid", string),
          .init("resourcename", string), .init("arn", string), .init("awsregion", string),
          .init("availabilityzone", string), .init("resourcecreationtime", string),
          .init("configuration", stringMap), .init("supplementaryconfiguration", stringMap),
          .init("relatedevents", .array(string)),
          .init(
            "relationships",
            .array(
              .row([
                .init("name", string), .init("resourcetype", string), .init("resourceid", string),
                .init("resourcename", string),
              ]))),
          .init("tags", stringMap),
        ]))
    ]

  /// The columns of an event data store of AWS Audit Manager evidence (category Evidence): the
  /// guide's "Supported schema for AWS Audit Manager evidence record fields"; `eventdata.time` is a
  /// timestamp, `eventdata.attributes` a map holding nested values as JSON text.
  public static let evidenceColumns: [LakeField] =
    envelope + [
      .init(
        "eventdata",
        .row(
          [.init("attributes", stringMap)]
            + [
              "awsaccountid", "awsorganization", "compliancecheck", "datasource", "eventname", "eventsource",
              "evidenceawsaccountid", "evidencebytype", "iamid", "evidenceid",
            ].map {
              LakeField($0, string)
            } + [.init("time", .timestamp)]
            + [
              "assessmentid", "controlsetid", "controlid", "controlname", "controldomainname",
              "frameworkname", "frameworkid", "service", "servicecategory", "resourcearn", "resourcetype",
              "evidencefolderid", "description", "manualevidences3resourcepath", "evidencefoldername",
              "resourcecompliancecheck",
            ].map { LakeField($0, string) }))
    ]

  /// The top-level columns configuration items and evidence share (everything but `eventdata`).
  static let envelope: [LakeField] = [
    .init("eventversion", string), .init("eventcategory", string), .init("eventtype", string),
    .init("eventid", string), .init("eventtime", .timestamp), .init("awsregion", string),
    .init("recipientaccountid", string), .init("addendum", stringMap),
  ]

  /// The record member a schema field reads, where the names differ by more than case: Lake's
  /// `configurationitemstateid` is the record's `configurationStateId` (AWS Config's spelling, which
  /// `ConfigurationItemRecord` writes).
  public static func recordKey(_ field: String) -> String {
    field == "configurationitemstateid" ? "configurationStateId" : field
  }

  /// The column `name` (case-insensitive) of CloudTrail's schema.
  public static func column(_ name: String) -> LakeField? {
    let key = name.lowercased()
    return columns.first { $0.name == key }
  }

  /// The type at a dotted path of lowercase names (`useridentity.sessioncontext.sessionissuer.arn`) in
  /// the table schema `schema` (each store's own: no falling back across schemas, whose names clash —
  /// `addendum` is a map of CloudTrail events and a row of integration events).
  public static func type(atPath path: [String], in schema: LakeTableSchema = .cloudTrail) -> LakeType? {
    type(atPath: path, in: schema.columns)
  }

  static func type(atPath path: [String], in schema: [LakeField]) -> LakeType? {
    guard let first = path.first, var type = schema.first(where: { $0.name == first })?.type else {
      return nil
    }
    for name in path.dropFirst() {
      guard let field = type.field(name) else { return nil }
      type = field.type
    }
    return type
  }
}

/// Which columns a table of Lake's presents: an event data store's category decides it.
public enum LakeTableSchema: Sendable {
  /// CloudTrail events (management, data, network activity, Insights): `LakeSchema.columns`.
  case cloudTrail
  /// Events from outside AWS (ActivityAuditLog): `LakeSchema.integrationColumns`.
  case integration
  /// AWS Config configuration items (ConfigurationItem): `LakeSchema.configurationItemColumns`.
  case configurationItem
  /// AWS Audit Manager evidence (Evidence): `LakeSchema.evidenceColumns`.
  case evidence

  public var columns: [LakeField] {
    switch self {
    case .cloudTrail: LakeSchema.columns
    case .integration: LakeSchema.integrationColumns
    case .configurationItem: LakeSchema.configurationItemColumns
    case .evidence: LakeSchema.evidenceColumns
    }
  }

  /// How a path read through `lake_col` names the schema it is typed in: CloudTrail's paths go bare
  /// (`useridentity.arn`), the others' carry a prefix (`configurationitem:eventdata.resourcetype`).
  public var pathPrefix: String {
    switch self {
    case .cloudTrail: ""
    case .integration: "integration:"
    case .configurationItem: "configurationitem:"
    case .evidence: "evidence:"
    }
  }

  /// The schema and the bare path of a `lake_col` path written with `pathPrefix`.
  public static func split(_ path: String) -> (schema: LakeTableSchema, path: Substring) {
    guard let colon = path.firstIndex(of: ":") else { return (.cloudTrail, path[...]) }
    let rest = path[path.index(after: colon)...]
    switch path[..<colon] {
    case "integration": return (.integration, rest)
    case "configurationitem": return (.configurationItem, rest)
    case "evidence": return (.evidence, rest)
    default: return (.cloudTrail, path[...])
    }
  }
}
