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

  /// The column `name` (case-insensitive).
  public static func column(_ name: String) -> LakeField? {
    let key = name.lowercased()
    return columns.first { $0.name == key }
  }

  /// The type at a dotted path of lowercase names (`useridentity.sessioncontext.sessionissuer.arn`),
  /// in the CloudTrail schema or else the integration schema (the two agree on the names they share,
  /// but `addendum`, a map of CloudTrail events and a row of integration events: a path into its
  /// fields is the integration schema's).
  public static func type(atPath path: [String]) -> LakeType? {
    type(atPath: path, in: columns) ?? type(atPath: path, in: integrationColumns)
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

  public var columns: [LakeField] {
    switch self {
    case .cloudTrail: LakeSchema.columns
    case .integration: LakeSchema.integrationColumns
    }
  }
}
