import Crypto
import Foundation
import LakeSQL

/// One stored record as a row of Lake's table (spec §8.6), as JSON: the line the `hive` export layout
/// writes, which Trino's, Athena's and Spark's JSON SerDe and DuckDB's `read_json` read.
///
/// Every column of the store's table (`LakeSchema.columns` for CloudTrail events; a configuration-item,
/// evidence or integration store's own) is present, under its lower-case name and in the schema's
/// order, valued by the same rules as Lake's SQL reads it (README "Lake SQL"):
/// - `eventtime` is the stored time, as Lake prints a timestamp (`2023-01-22 10:00:00.000`, UTC): the
///   text Hive's `TIMESTAMP` reads (`java.sql.Timestamp` form) and DuckDB's ISO parser takes; a nested
///   timestamp (`sessioncontext.attributes.creationdate`) is written the same way;
/// - map columns are objects whose values are strings: nested objects and arrays as compact JSON text,
///   numbers and booleans as their JSON text, JSON null as null (`map<string,string>`);
/// - rows keep the schema's fields only, in its order (absent ones null); `resources` is an array of
///   `{accountid, type, arn, arnprefix}`;
/// - `eventid` is the stored one (a record of eventVersion 1.0 shows the ID derived at ingest);
///   `eventjson` is the record as stored, `eventjsonchecksum` the SHA-256 of it in hex; `eventcategory`
///   of a record without one is derived as Lake derives it; `eventcontext` is the store's enriched
///   events' context (`EventContext`), null in a store without context key selectors.
enum LakeExportRow {
  /// The row of `record` (its bytes as stored), whose stored time is `eventTime` (epoch seconds) and
  /// stored eventID `eventID`.
  /// - Throws: `Diagnostic` `CorruptRecord` when the stored bytes are not a JSON object.
  static func json(
    record bytes: UnsafeRawBufferPointer, eventTime: Int64, eventID: String?,
    eventContext: ((JSONValue) throws -> JSONValue?)? = nil, schema: LakeTableSchema = .cloudTrail
  ) throws -> JSONValue {
    let record: JSONValue
    do {
      record = try JSONValue(parsing: bytes)
    } catch {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot export stored record",
        reason:
          "the record stored at \(ISO8601Time.format(Date(timeIntervalSince1970: Double(eventTime)))) is not JSON: \(error)"
      )
    }
    let fields = keyed(record)
    var members: [(key: String, value: JSONValue)] = []
    let columns = schema.columns
    members.reserveCapacity(columns.count)
    for column in columns {
      let value: JSONValue
      switch column.name {
      case "eventtime": value = .string(LakeTime.formatTimestamp(eventTime * 1000))
      case "eventid": value = eventID.map(JSONValue.string) ?? field(fields, column)
      case "eventjson": value = .string(String(decoding: bytes, as: UTF8.self))
      case "eventjsonchecksum": value = .string(SHA256.hash(data: Data(bytes)).hex)
      case "eventcontext":
        value = try eventContext?(record).map { LakeRecordColumns.normalized($0, as: column.type) } ?? .null
      case "eventcategory":
        let stored = field(fields, column)
        value = stored == .null ? .string(LakeRecordColumns.category(of: record)) : stored
      default: value = field(fields, column)
      }
      members.append((column.name, value))
    }
    return .object(members)
  }

  /// The members of an object by lower-case name, as Lake's SQL finds them (`LakeJSON.member`: a name
  /// spelt exactly as the schema's wins over another case of it). Built once per object: matching each
  /// of the schema's names against every member lower-cased again was most of an export's time.
  static func keyed(_ json: JSONValue) -> [String: JSONValue] {
    guard case .object(let members) = json else { return [:] }
    var keyed: [String: JSONValue] = [:]
    keyed.reserveCapacity(members.count)
    for member in members {
      let lower = member.key.lowercased()
      if lower == member.key || keyed[lower] == nil { keyed[lower] = member.value }
    }
    return keyed
  }

  /// The record's member for `column`, typed.
  private static func field(_ fields: [String: JSONValue], _ column: LakeField) -> JSONValue {
    fields[column.name].map { typed($0, as: column.type) } ?? .null
  }

  /// `json` as a value of Lake type `type` in the export's JSON.
  static func typed(_ json: JSONValue, as type: LakeType) -> JSONValue {
    if json == .null { return .null }
    switch type {
    case .timestamp:
      guard case .string(let text) = json, let ms = LakeTime.parseTimestamp(text) else { return .null }
      return .string(LakeTime.formatTimestamp(ms))
    case .boolean:
      switch json {
      case .bool: return json
      case .string(let s) where s.lowercased() == "true": return .bool(true)
      case .string(let s) where s.lowercased() == "false": return .bool(false)
      default: return .null
      }
    case .map:
      guard case .object(let members) = json else { return .null }
      return .object(members.map { ($0.key, stringValue($0.value)) })
    case .row(let fields):
      guard case .object = json else { return .null }
      let members = keyed(json)
      return .object(
        fields.map { field in
          (
            field.name,
            members[LakeSchema.recordKey(field.name).lowercased()].map { typed($0, as: field.type) } ?? .null
          )
        })
    case .array(let element):
      guard case .array(let items) = json else { return .null }
      return .array(items.map { typed($0, as: element) })
    default:
      return stringValue(json)
    }
  }

  /// A string column's value: strings as they are, anything else as its compact JSON text.
  private static func stringValue(_ json: JSONValue) -> JSONValue {
    switch json {
    case .null: .null
    case .string: json
    default: .string(json.compactText())
    }
  }
}
