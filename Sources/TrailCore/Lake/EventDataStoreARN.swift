import Foundation

/// `arn:aws:cloudtrail:<region>:<account>:eventdatastore/<uuid>`, the ARN of an event data store.
struct EventDataStoreARN: Equatable, Sendable {
  var partition = "aws"
  var region: String
  var account: String
  /// The lower-case UUID.
  var id: String

  var text: String { "arn:\(partition):cloudtrail:\(region):\(account):eventdatastore/\(id)" }

  init(region: String, account: String, id: String) {
    self.region = region
    self.account = account
    self.id = id.lowercased()
  }

  /// Parses an ARN; nil when it is not an event data store's.
  init?(_ text: String) {
    guard let parts = Self.parse(text, type: "eventdatastore") else { return nil }
    (partition, region, account, id) = parts
  }

  /// The parts of `arn:PARTITION:cloudtrail:REGION:ACCOUNT:TYPE/UUID` (the id lower-cased), the shape
  /// of Lake's resources' ARNs (event data stores, channels); nil for anything else.
  static func parse(_ text: String, type: String) -> (
    partition: String, region: String, account: String, id: String
  )? {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "cloudtrail",
      parts[3].range(of: #"^[a-z]{2}(-[a-z]+)+-\d$"#, options: .regularExpression) != nil,
      parts[4].range(of: #"^\d{12}$"#, options: .regularExpression) != nil,
      parts[5].hasPrefix(type + "/")
    else { return nil }
    let id = String(parts[5].dropFirst(type.count + 1))
    guard isID(id) else { return nil }
    return (parts[1], parts[3], parts[4], id.lowercased())
  }

  /// Whether `text` has the shape of an event data store ID (a UUID, any case).
  static func isID(_ text: String) -> Bool {
    text.range(
      of: #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#,
      options: .regularExpression) != nil
  }
}
