import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a delivery sends besides the log files: the SNS notification (spec §5.3) and the records to
/// CloudWatch Logs (spec §5.4), each appended to a JSON Lines file that stands for the topic or the
/// log stream, beside the buckets (`StoreContext.snsDirectory`, `StoreContext.logsDirectory`):
///
/// - topic `arn:aws:sns:REGION:ACCOUNT:NAME` → `sns/REGION/ACCOUNT/NAME.jsonl`, one SNS envelope a line;
/// - log group `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` → `logs/REGION/ACCOUNT/GROUP/STREAM.jsonl`,
///   GROUP being NAME with each `/` written `%2F` (group names often start with one; `%` is not allowed
///   in them, so the spelling is unambiguous), STREAM CloudTrail's `ACCOUNT_CloudTrail_REGION` (with
///   `o-ID_` before it for an organization trail), one `{"timestamp": ms, "message": "RECORD"}` a line.
///
/// Lines are appended with one `write` on an `O_APPEND` descriptor, so readers (`tail -f`) never see
/// half a line.
public struct TrailNotifications: Sendable {
  /// Where topics are (`sns/`).
  public var snsDirectory: String
  /// Where log groups are (`logs/`).
  public var logsDirectory: String
  /// Makes each notification's `MessageId`; SNS's are random UUIDs, tests may pin them.
  public var messageID: @Sendable () -> String = { UUID().uuidString.lowercased() }

  /// The topics and log groups of `context`.
  public init(_ context: StoreContext) {
    self.init(snsDirectory: context.snsDirectory, logsDirectory: context.logsDirectory)
  }

  /// Topics under `snsDirectory`, log groups under `logsDirectory`.
  public init(snsDirectory: String, logsDirectory: String) {
    self.snsDirectory = snsDirectory
    self.logsDirectory = logsDirectory
  }

  /// CloudWatch Logs refuses events over 256 KB, counting 26 bytes of overhead per event (spec §5.4):
  /// CloudTrail does not send such records.
  public static let maximumEventBytes = 262_144
  static let eventOverheadBytes = 26

  // MARK: SNS

  /// The file of topic `topicARN` (`arn:aws:sns:REGION:ACCOUNT:NAME`); nil for anything else.
  public func topicPath(_ topicARN: String) -> String? {
    let fields = topicARN.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard fields.count == 6, fields[2] == "sns", !fields[5].isEmpty, !fields[5].contains("/") else {
      return nil
    }
    return "\(snsDirectory)/\(fields[3])/\(fields[4])/\(SnsTopics.fileStem(fields[5])).jsonl"
  }

  /// The notification CloudTrail publishes after a delivery: SNS's envelope around
  /// `{"s3Bucket":…,"s3ObjectKey":[…]}` (a JSON string in `Message`).
  ///
  /// `Signature` cannot be SNS's (TrailDeck holds no SNS certificate): it is the base64 SHA-256 of the
  /// string SNS signs (SignatureVersion 1's fields and order), so it is present, well-formed, and
  /// changes with every field it covers.
  public func notification(topicARN: String, bucket: String, keys: [String], at time: Date) -> JSONValue {
    let message = JSONValue.object([
      (key: "s3Bucket", value: .string(bucket)),
      (key: "s3ObjectKey", value: .array(keys.map { .string($0) })),
    ]).compactText()
    let id = messageID()
    let timestamp = Self.millisecondTimestamp(time)
    let region = topicARN.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first ?? ""
    let signed =
      "Message\n\(message)\nMessageId\n\(id)\nTimestamp\n\(timestamp)\nTopicArn\n\(topicARN)\nType\nNotification\n"
    let signature = Data(SHA256.hash(data: Data(signed.utf8))).base64EncodedString()
    let host = "https://sns.\(region).amazonaws.com"
    return .object([
      (key: "Type", value: .string("Notification")), (key: "MessageId", value: .string(id)),
      (key: "TopicArn", value: .string(topicARN)), (key: "Message", value: .string(message)),
      (key: "Timestamp", value: .string(timestamp)), (key: "SignatureVersion", value: .string("1")),
      (key: "Signature", value: .string(signature)),
      (key: "SigningCertURL", value: .string(host + "/SimpleNotificationService-traildeck.pem")),
      (
        key: "UnsubscribeURL",
        value: .string(host + "/?Action=Unsubscribe&SubscriptionArn=\(topicARN):traildeck")
      ),
    ])
  }

  /// Appends the notification of a delivery of `keys` in `bucket` to the topic's file.
  /// - Returns: nil, or SNS's error code (`NotFound` for a topic that does not exist (`SnsTopics`),
  ///   `AuthorizationError` for a file it may not write, `InternalError` otherwise).
  public func publish(topicARN: String, bucket: String, keys: [String], at time: Date) -> String? {
    // A deleted topic fails the notification, as SNS's Publish does; the trail keeps naming it.
    guard let path = topicPath(topicARN), SnsTopics(directory: snsDirectory).exists(arn: topicARN) else {
      return "NotFound"
    }
    let line = notification(topicARN: topicARN, bucket: bucket, keys: keys, at: time).compactText() + "\n"
    return Self.append([line], to: path).map { $0 == .denied ? "AuthorizationError" : "InternalError" }
  }

  // MARK: CloudWatch Logs

  /// The folder of log group `groupARN` (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*`); nil for
  /// anything else.
  public func logGroupPath(_ groupARN: String) -> String? {
    let fields = groupARN.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 7, fields[2] == "logs", fields[5] == "log-group", !fields[6].isEmpty else {
      return nil
    }
    let name = fields[6].replacingOccurrences(of: "/", with: "%2F")
    guard name != ".", name != ".." else { return nil }
    return "\(logsDirectory)/\(fields[3])/\(fields[4])/\(name)"
  }

  /// CloudTrail's log stream for `account`'s events of `region` (spec §5.4).
  public static func streamName(account: String, region: String, organizationID: String?) -> String {
    (organizationID.map { $0 + "_" } ?? "") + "\(account)_CloudTrail_\(region)"
  }

  /// One log event: the record's time in milliseconds and the record as its message.
  public static func logEvent(record: String, eventTime: Int64) -> String {
    JSONValue.object([
      (key: "timestamp", value: .integer(eventTime * 1000)), (key: "message", value: .string(record)),
    ]).compactText()
  }

  /// Appends the records of `file` to its stream in log group `groupARN`; records over 256 KB are
  /// left out, as CloudTrail leaves them out.
  /// - Returns: nil, or CloudWatch Logs' error code (`ResourceNotFoundException` for a group ARN
  ///   TrailDeck cannot place, `AccessDeniedException`, `ServiceUnavailableException`).
  func send(_ file: TrailLogFile, groupARN: String, organizationID: String?) -> String? {
    guard let folder = logGroupPath(groupARN) else { return "ResourceNotFoundException" }
    let stream = Self.streamName(account: file.account, region: file.region, organizationID: organizationID)
    let lines = file.records.compactMap { record -> String? in
      guard record.range.count + Self.eventOverheadBytes <= Self.maximumEventBytes else { return nil }
      let text = String(decoding: file.json[record.range], as: UTF8.self)
      return Self.logEvent(record: text, eventTime: record.eventTime) + "\n"
    }
    guard !lines.isEmpty else { return nil }
    return Self.append(lines, to: folder + "/" + stream + ".jsonl").map {
      $0 == .denied ? "AccessDeniedException" : "ServiceUnavailableException"
    }
  }

  // MARK: Files

  enum AppendFailure { case denied, failed }

  /// Appends `lines` to `path` (creating it and its folders) in one write.
  static func append(_ lines: [String], to path: String) -> AppendFailure? {
    let folder = (path as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      return FileManager.default.isWritableFile(atPath: folder) ? .failed : .denied
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    guard fd >= 0 else { return errno == EACCES || errno == EPERM || errno == EROFS ? .denied : .failed }
    defer { close(fd) }
    let bytes = Array(lines.joined().utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    return written == bytes.count ? nil : .failed
  }

  /// `2026-01-01T00:05:00.000Z`: SNS's `Timestamp`, ISO 8601 with milliseconds.
  static func millisecondTimestamp(_ time: Date) -> String {
    let seconds = time.timeIntervalSince1970.rounded(.down)
    let millis = Int((time.timeIntervalSince1970 - seconds) * 1000)
    let base = ISO8601Time.format(Int64(seconds))
    return String(base.dropLast()) + "." + String(format: "%03d", millis) + "Z"
  }
}
