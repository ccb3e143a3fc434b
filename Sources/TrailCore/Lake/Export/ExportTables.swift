import Foundation
import LakeSQL

/// The `CREATE TABLE` statements that read an export where it is copied (`s3://BUCKET/PREFIX/`, or the
/// federation folder through `traildeck serve`'s S3 view), written beside the data as
/// `_traildeck_tables_STOREID.sql` (hidden from the engines by its leading `_`).
///
/// - `hive`: Athena (Hive DDL, OpenX JSON SerDe, partition projection over the exported regions and
///   dates) and Trino (Hive connector, `format = 'JSON'`), both with Lake's columns and types
///   (`LakeSchema`), so a Lake query runs there with the table's name changed.
/// - `cloudtrail`: Athena's documented CloudTrail table (CloudTrail's input format, Hive JSON SerDe,
///   partition projection on the `YYYY/MM/DD` folders), with account and region projected too so one
///   table reads every folder of the export.
enum ExportTables {
  static func fileName(storeID: String) -> String { "_traildeck_tables_\(storeID).sql" }

  /// The table name for store `id`: engines' table names take no `-`.
  static func tableName(storeID id: String) -> String { "eds_" + id.replacingOccurrences(of: "-", with: "_") }

  /// The statements for the export `manifest` describes; `location` is where the folder is copied
  /// (`s3://…`, no trailing `/`), nil for a placeholder to replace.
  static func statements(
    for manifest: ExportManifest, storeID id: String, location: String?, schema: LakeTableSchema = .cloudTrail
  ) -> String {
    let location = location ?? "s3://BUCKET/PREFIX"
    let table = tableName(storeID: id)
    switch manifest.layout {
    case .hive: return hive(manifest, table: table, location: location, schema: schema)
    case .cloudtrail: return cloudTrail(manifest, table: table, location: location)
    }
  }

  /// The partition values of the manifest's paths: the `NAME=VALUE` components, or the path
  /// components at `index` (for CloudTrail's `AWSLogs/ACCOUNT/CloudTrail/REGION/…`).
  static func values(_ manifest: ExportManifest, component index: Int, name: String? = nil) -> [String] {
    Set(
      manifest.files.compactMap { file -> String? in
        let parts = file.path.split(separator: "/").map(String.init)
        guard index < parts.count else { return nil }
        guard let name else { return parts[index] }
        return parts[index].hasPrefix(name + "=") ? String(parts[index].dropFirst(name.count + 1)) : nil
      }
    ).sorted()
  }

  static func hive(
    _ manifest: ExportManifest, table: String, location: String, schema: LakeTableSchema = .cloudTrail
  ) -> String {
    let regions = values(manifest, component: 0, name: "region")
    let dates = values(manifest, component: 1, name: "date")
    let athenaColumns = schema.columns.map { "  \($0.name) \(hiveType($0.type))" }.joined(
      separator: ",\n")
    let trinoColumns = schema.columns.map { "  \($0.name) \($0.type)" }.joined(separator: ",\n")
    return """
      -- TrailDeck export of \(manifest.eventDataStoreArn) (hive layout), \(manifest.events) events.
      -- Copy the folder to \(location)/ first. Lake's columns and types; partitions region/date.

      -- Athena
      CREATE EXTERNAL TABLE \(table) (
      \(athenaColumns)
      )
      PARTITIONED BY (region STRING, `date` STRING)
      ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
      LOCATION '\(location)/'
      TBLPROPERTIES (
        'projection.enabled'='true',
        'projection.region.type'='enum',
        'projection.region.values'='\(regions.joined(separator: ","))',
        'projection.date.type'='date',
        'projection.date.format'='yyyy-MM-dd',
        'projection.date.range'='\(dates.first ?? "1970-01-01"),NOW',
        'projection.date.interval'='1',
        'projection.date.interval.unit'='DAYS',
        'storage.location.template'='\(location)/region=${region}/date=${date}'
      );

      -- Trino (Hive connector)
      CREATE TABLE hive.default.\(table) (
      \(trinoColumns),
        region varchar,
        "date" varchar
      )
      WITH (format = 'JSON', partitioned_by = ARRAY['region', 'date'], external_location = '\(location)/');
      CALL hive.system.sync_partition_metadata('default', '\(table)', 'FULL');

      """
  }

  /// Hive DDL for a Lake type.
  static func hiveType(_ type: LakeType) -> String {
    switch type {
    case .boolean: "BOOLEAN"
    case .bigint: "BIGINT"
    case .double: "DOUBLE"
    case .timestamp: "TIMESTAMP"
    case .date: "DATE"
    case .map(let key, let value): "MAP<\(hiveType(key)),\(hiveType(value))>"
    case .array(let element): "ARRAY<\(hiveType(element))>"
    case .row(let fields):
      "STRUCT<" + fields.map { "\($0.name):\(hiveType($0.type))" }.joined(separator: ",") + ">"
    default: "STRING"
    }
  }

  static func cloudTrail(_ manifest: ExportManifest, table: String, location: String) -> String {
    // AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/NAME (Insights files are not the table's).
    var logs = manifest
    logs.files = manifest.files.filter { $0.path.split(separator: "/").dropFirst(2).first == "CloudTrail" }
    let accounts = values(logs, component: 1)
    let regions = values(logs, component: 3)
    let days = logs.files.map { $0.path.split(separator: "/").dropFirst(4).prefix(3).joined(separator: "/") }
      .sorted()
    return """
      -- TrailDeck export of \(manifest.eventDataStoreArn) (cloudtrail layout), \(manifest.events) events.
      -- Copy the folder to \(location)/ first. Athena's CloudTrail table with partition projection; the
      -- documented single-region table (LOCATION …/AWSLogs/ACCOUNT/CloudTrail/REGION) reads it as well.

      CREATE EXTERNAL TABLE \(table) (
        eventversion STRING,
        useridentity STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, invokedby:STRING,
          accesskeyid:STRING, username:STRING, onbehalfof:STRUCT<userid:STRING, identitystorearn:STRING>,
          sessioncontext:STRUCT<attributes:STRUCT<mfaauthenticated:STRING, creationdate:STRING>,
            sessionissuer:STRUCT<type:STRING, principalid:STRING, arn:STRING, accountid:STRING, username:STRING>,
            ec2roledelivery:STRING,
            webidfederationdata:STRUCT<federatedprovider:STRING, attributes:MAP<STRING,STRING>>>>,
        eventtime STRING,
        eventsource STRING,
        eventname STRING,
        awsregion STRING,
        sourceipaddress STRING,
        useragent STRING,
        errorcode STRING,
        errormessage STRING,
        requestparameters STRING,
        responseelements STRING,
        additionaleventdata STRING,
        requestid STRING,
        eventid STRING,
        readonly STRING,
        resources ARRAY<STRUCT<arn:STRING, accountid:STRING, type:STRING>>,
        eventtype STRING,
        apiversion STRING,
        recipientaccountid STRING,
        serviceeventdetails STRING,
        sharedeventid STRING,
        vpcendpointid STRING,
        vpcendpointaccountid STRING,
        eventcategory STRING,
        addendum STRUCT<reason:STRING, updatedfields:STRING, originalrequestid:STRING, originaleventid:STRING>,
        sessioncredentialfromconsole STRING,
        edgedevicedetails STRING,
        tlsdetails STRUCT<tlsversion:STRING, ciphersuite:STRING, clientprovidedhostheader:STRING>
      )
      PARTITIONED BY (account STRING, region STRING, `timestamp` STRING)
      ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
      STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
      OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
      LOCATION '\(location)/AWSLogs/'
      TBLPROPERTIES (
        'projection.enabled'='true',
        'projection.account.type'='enum',
        'projection.account.values'='\(accounts.joined(separator: ","))',
        'projection.region.type'='enum',
        'projection.region.values'='\(regions.joined(separator: ","))',
        'projection.timestamp.type'='date',
        'projection.timestamp.format'='yyyy/MM/dd',
        'projection.timestamp.range'='\(days.first ?? "1970/01/01"),NOW',
        'projection.timestamp.interval'='1',
        'projection.timestamp.interval.unit'='DAYS',
        'storage.location.template'='\(location)/AWSLogs/${account}/CloudTrail/${region}/${timestamp}'
      );

      """
  }
}
