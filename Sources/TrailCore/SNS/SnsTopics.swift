import Crypto
import Foundation

/// TrailDeck's stand-in for Amazon SNS topics: per account and region, a topic is its attributes file
/// `DIR/REGION/ACCOUNT/NAME.topic.json` (an `SnsTopic`), beside `NAME.jsonl`, the messages delivered
/// to it (`TrailNotifications`).
///
/// The operations follow SNS's rules and error codes (`InvalidParameter`, `NotFound`,
/// `AuthorizationError`) as `ServiceError`s: creating is idempotent per name, deleting a missing topic
/// succeeds. Deleting removes the attributes file only: the messages already delivered stay readable,
/// as they would stay with the subscribers that received them.
public struct SnsTopics: Sendable {
  /// The folder of topics (`StoreContext.snsDirectory`).
  public var directory: String

  /// The topics under `directory` (created on the first topic).
  public init(directory: String) { self.directory = directory }

  /// The topics of `context` (`context.snsDirectory`).
  public init(_ context: StoreContext) { self.init(directory: context.snsDirectory) }

  /// The attributes `CreateTopic` takes; SNS's others (delivery policies, KMS, FIFO deduplication)
  /// concern deliveries TrailDeck does not make.
  public static let creatableAttributes: Set<String> = ["DisplayName", "Policy", "FifoTopic"]

  // MARK: Operations

  /// SNS `CreateTopic`: makes topic `name` in `account` and `region`, or returns the existing one's ARN.
  ///
  /// - Throws: `InvalidParameter` for a name SNS refuses ("Invalid parameter: Topic Name"), an
  ///   attribute it does not take, a policy that is not JSON, or an existing topic with other
  ///   attributes; `InternalError` when the file cannot be written.
  @discardableResult
  public func create(
    name: String, attributes: [String: String] = [:], account: String, region: String, at time: Date
  ) throws(ServiceError) -> String {
    guard Self.isTopicName(name) else { throw Self.invalid("Topic Name") }
    for key in attributes.keys.sorted() where !Self.creatableAttributes.contains(key) {
      throw Self.invalid("AttributeName")
    }
    if let fifo = attributes["FifoTopic"], (fifo == "true") != name.hasSuffix(".fifo") {
      throw Self.invalid(
        "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
      )
    }
    if let policy = attributes["Policy"] {
      guard case .object = try? JSONValue(parsing: policy) else { throw Self.invalid("Policy Error: null") }
    }
    let arn = Self.arn(name: name, account: account, region: region)
    if let existing = topic(arn: arn) {
      let differs =
        attributes["DisplayName"].map { $0 != existing.displayName } ?? false
        || attributes["Policy"].map { $0 != existing.policy } ?? false
      if differs { throw Self.invalid("Attributes Reason: Topic already exists with different attributes") }
      return arn
    }
    let topic = SnsTopic(
      topicArn: arn, creationTime: time, displayName: attributes["DisplayName"] ?? "",
      policy: attributes["Policy"] ?? SnsTopic.defaultPolicy(topicArn: arn, account: account))
    let path = attributesPath(region: region, account: account, name: name)
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      encoder.dateEncodingStrategy = .iso8601
      try encoder.encode(topic).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ServiceError(
        "InternalError", "Cannot write the topic file \(path): \(error.localizedDescription)")
    }
    return arn
  }

  /// SNS `ListTopics`: the ARNs of the topics of `account` in `region`, sorted.
  public func list(account: String, region: String) -> [String] {
    let folder = "\(directory)/\(region)/\(account)"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    // The ARN is read from the file: a long name's file name is shortened (`fileStem`).
    let prefix = Self.arn(name: "", account: account, region: region)
    return names.filter { $0.hasSuffix(Self.attributesSuffix) }
      .compactMap { load(path: folder + "/" + $0)?.topicArn }
      .filter { $0.hasPrefix(prefix) }
      .sorted()
  }

  /// SNS `DeleteTopic`: removes topic `arn`; a topic that does not exist is not an error.
  ///
  /// - Throws: `InvalidParameter` (a malformed ARN, or one of another region than the caller's),
  ///   `AuthorizationError` (another account's topic), `InternalError` (the file cannot be removed).
  public func delete(arn: String, account: String, region: String) throws(ServiceError) {
    let place = try Self.place(arn, region: region)
    guard topic(arn: arn) != nil else { return }
    try Self.requireOwner(place.account, caller: account, action: "DeleteTopic", arn: arn)
    let path = attributesPath(region: place.region, account: place.account, name: place.name)
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw ServiceError(
        "InternalError", "Cannot remove the topic file \(path): \(error.localizedDescription)")
    }
  }

  /// SNS `GetTopicAttributes`: topic `arn` as the caller in `account` and `region` sees it.
  ///
  /// - Throws: `InvalidParameter` (a malformed ARN or another region's), `NotFound` ("Topic does not
  ///   exist"), `AuthorizationError` (another account's topic).
  public func attributes(arn: String, account: String, region: String) throws(ServiceError) -> SnsTopic {
    let place = try Self.place(arn, region: region)
    guard let topic = topic(arn: arn) else { throw ServiceError("NotFound", "Topic does not exist") }
    try Self.requireOwner(place.account, caller: account, action: "GetTopicAttributes", arn: arn)
    return topic
  }

  // MARK: Files

  /// Topic `arn` when it exists; nil for a missing topic or an ARN that names none.
  public func topic(arn: String) -> SnsTopic? {
    guard let place = Self.parse(arn),
      let topic = load(path: attributesPath(region: place.region, account: place.account, name: place.name)),
      topic.topicArn == arn
    else { return nil }
    return topic
  }

  private func load(path: String) -> SnsTopic? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try? decoder.decode(SnsTopic.self, from: data)
  }

  /// Whether topic `arn` exists.
  public func exists(arn: String) -> Bool { topic(arn: arn) != nil }

  /// The attributes file of topic `name` of `account` in `region`.
  public func attributesPath(region: String, account: String, name: String) -> String {
    "\(directory)/\(region)/\(account)/\(Self.fileStem(name))\(Self.attributesSuffix)"
  }

  static let attributesSuffix = ".topic.json"

  /// The start of topic `name`'s file names (`.topic.json`, and `.jsonl` for its messages): the name itself, unless `NAME.topic.json` would pass the
  /// 255 bytes file systems allow a name (SNS allows 256 characters): then its first 200 characters,
  /// `~` (which topic names never contain) and 16 hex digits of its SHA-256, unique and short.
  public static func fileStem(_ name: String) -> String {
    guard name.utf8.count + attributesSuffix.utf8.count > 255 else { return name }
    return String(name.prefix(200)) + "~" + SHA256.hash(data: Data(name.utf8)).prefix(8).hex
  }

  // MARK: Names

  /// `arn:aws:sns:REGION:ACCOUNT:NAME`.
  public static func arn(name: String, account: String, region: String) -> String {
    "arn:\(Partition.name):sns:\(region):\(account):\(name)"
  }

  /// The region, account and name of a topic ARN; nil when `arn` is not one (the name must be a valid
  /// topic name, so an ARN never names a path outside the folder).
  public static func parse(_ arn: String) -> (region: String, account: String, name: String)? {
    let fields = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 6, fields[0] == "arn", fields[1].hasPrefix("aws"), fields[2] == "sns",
      fields[3].range(of: #"^[a-z]{2}(-[a-z]+)+-\d+$"#, options: .regularExpression) != nil,
      fields[4].count == 12, fields[4].allSatisfy({ $0.isASCII && $0.isNumber }), isTopicName(fields[5])
    else { return nil }
    return (fields[3], fields[4], fields[5])
  }

  /// SNS's topic names: 1–256 ASCII letters, digits, `-` and `_`, the `.fifo` suffix included in
  /// the count for a FIFO topic.
  public static func isTopicName(_ name: String) -> Bool {
    let base = name.hasSuffix(".fifo") ? String(name.dropLast(5)) : name
    return !base.isEmpty && name.count <= 256
      && base.utf8.allSatisfy { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
          || c == 0x5F
      }
  }

  /// SNS's `InvalidParameter`, whose message names the parameter.
  static func invalid(_ what: String) -> ServiceError {
    ServiceError("InvalidParameter", "Invalid parameter: \(what)")
  }

  /// The parsed ARN, which must be of the caller's region (SNS answers each region's topics only).
  static func place(_ arn: String, region: String) throws(ServiceError) -> (
    region: String, account: String, name: String
  ) {
    guard let place = parse(arn), place.region == region else { throw invalid("TopicArn") }
    return place
  }

  /// The default policy lets only the owner's account act on a topic.
  static func requireOwner(_ owner: String, caller: String, action: String, arn: String) throws(ServiceError)
  {
    guard owner == caller else {
      throw ServiceError(
        "AuthorizationError",
        "User: arn:aws:iam::\(caller):root is not authorized to perform: SNS:\(action) on resource: \(arn) because no resource-based policy allows the SNS:\(action) action"
      )
    }
  }
}
