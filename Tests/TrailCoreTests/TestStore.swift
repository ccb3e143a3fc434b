import Foundation

@testable import TrailCore

/// One CloudTrail record built in code: the fields a test cares about are chosen, the rest are plausible.
///
/// `json` renders it the way CloudTrail writes records (compact, one object), so the same value can go
/// into an envelope, a bare array or a JSON Lines file.
struct TestRecord {
  var eventID: String
  var eventTime: Int64
  var eventName = "DescribeInstances"
  var eventSource = "ec2.amazonaws.com"
  var awsRegion = "us-east-1"
  var readOnly: Bool? = true
  /// The `userIdentity` object as JSON text (nil leaves the member out).
  var identity: String? = TestRecord.iamUser("alice", key: "AKIAALICE")
  /// The `resources` array as JSON text (nil leaves the member out).
  var resources: String?
  var eventCategory: String? = "Management"
  var managementEvent: Bool? = true
  var eventType = "AwsApiCall"

  init(_ eventID: String, at eventTime: Int64) {
    self.eventID = eventID
    self.eventTime = eventTime
  }

  /// Members replaced by raw JSON text, or removed (nil); unknown names are appended.
  var patches: [String: String?] = [:]

  /// The members in CloudTrail's order, as `(name, raw JSON value)`.
  var members: [(String, String)] {
    var list: [(String, String)] = [("eventVersion", #""1.08""#)]
    if let identity { list.append(("userIdentity", identity)) }
    list += [
      ("eventTime", "\"\(ISO8601Time.format(eventTime))\""), ("eventSource", "\"\(eventSource)\""),
      ("eventName", "\"\(eventName)\""), ("awsRegion", "\"\(awsRegion)\""),
      ("sourceIPAddress", #""203.0.113.7""#), ("userAgent", #""aws-cli/2.15.0""#),
      ("requestParameters", "null"), ("responseElements", "null"), ("requestID", "\"req-\(eventID)\""),
      ("eventID", "\"\(eventID)\""),
    ]
    if let readOnly { list.append(("readOnly", "\(readOnly)")) }
    if let resources { list.append(("resources", resources)) }
    list.append(("eventType", "\"\(eventType)\""))
    if let managementEvent { list.append(("managementEvent", "\(managementEvent)")) }
    list.append(("recipientAccountId", #""111122223333""#))
    if let eventCategory { list.append(("eventCategory", "\"\(eventCategory)\"")) }
    var patched: [(String, String)] = list.compactMap { name, value in
      guard let patch = patches[name] else { return (name, value) }
      return patch.map { (name, $0) }
    }
    for (name, value) in patches.sorted(by: { $0.key < $1.key }) where !list.contains(where: { $0.0 == name })
    {
      if let value { patched.append((name, value)) }
    }
    return patched
  }

  var json: String {
    "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  /// A copy with one change, for building tables: `record.with { $0.eventName = "RunInstances" }`.
  func with(_ change: (inout TestRecord) -> Void) -> TestRecord {
    var copy = self
    change(&copy)
    return copy
  }

  static func iamUser(_ name: String, key: String) -> String {
    #"{"type":"IAMUser","principalId":"AIDA\#(name.uppercased())","arn":"arn:aws:iam::111122223333:user/\#(name)","accountId":"111122223333","accessKeyId":"\#(key)","userName":"\#(name)"}"#
  }

  /// A UUID-shaped event id whose last digits are `n` (stored as 16 bytes, like real ids).
  static func id(_ n: Int) -> String {
    let digits = String(n)
    return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
  }
}

/// Fixed instants the tests build around.
enum TestTime {
  /// 2024-03-01T12:00:00Z.
  static let base: Int64 = 1_709_294_400
  static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
  static let day: Int64 = 86_400
}

/// The shapes `traildeck ingest` reads.
enum FileShape {
  /// `{"Records":[…]}`, as CloudTrail delivers.
  case envelope
  /// `[…]`, as Stratus Red Team writes.
  case bareArray
  /// One record per line.
  case jsonLines
}

/// What one ingest run returned: the summary and each problem's one-line form with the folder removed.
struct IngestRun {
  var summary: IngestSummary
  var problems: [Diagnostic]
  var lines: [String]
}

/// A temporary folder holding input files and a store file, removed when the value goes away.
final class TestStore {
  let folder: String
  let dbPath: String

  init() throws {
    folder = NSTemporaryDirectory() + "traildeck-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    dbPath = folder + "/store.db"
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// Writes `bytes` to `name` (sub-folders created), returning the full path.
  @discardableResult func write(_ name: String, bytes: [UInt8]) throws -> String {
    let path = folder + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @discardableResult func write(_ name: String, text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes records in `shape`, gzipped when `gzip` is true.
  @discardableResult func write(
    _ name: String, records: [TestRecord], shape: FileShape = .envelope, gzip: Bool = false
  ) throws -> String {
    let text = Self.text(of: records.map(\.json), shape: shape)
    return try write(name, bytes: gzip ? Gzip.deflate(Array(text.utf8)) : Array(text.utf8))
  }

  static func text(of records: [String], shape: FileShape) -> String {
    switch shape {
    case .envelope: #"{"Records":["# + records.joined(separator: ",") + "]}"
    case .bareArray: "[\n" + records.joined(separator: ",\n") + "\n]"
    case .jsonLines: records.joined(separator: "\n") + "\n"
    }
  }

  /// A connection to this store's file with the schema of migration `version` and no later one (to test
  /// that a store written by an older TrailDeck migrates).
  func connection(atVersion version: Int) throws -> SQLiteConnection {
    let db = try SQLiteConnection(path: dbPath)
    try db.execute("PRAGMA journal_mode = WAL")
    try Migrations.migrate(db, upTo: version)
    return db
  }

  /// The writer's connection to a store that was at `version` with `sql`'s rows in it: every later
  /// migration has run over them.
  func migrated(fromVersion version: Int, with sql: String) throws -> SQLiteConnection {
    do {
      let old = try connection(atVersion: version)
      try old.execute(sql)
    }
    return try EventStore.openWriter(path: dbPath)
  }

  /// Ingests `paths` (default: every file written so far) into this store.
  func ingest(_ paths: [String]? = nil, batchEvents: Int? = nil) throws -> IngestRun {
    let ingestor = Ingestor(databasePath: dbPath, clock: FixedClock(TestTime.date(TestTime.base)))
    if let batchEvents { ingestor.batchEvents = batchEvents }
    var problems: [Diagnostic] = []
    let inputs = try paths ?? inputFiles()
    let summary = try ingestor.ingest(paths: inputs, report: { problems.append($0) })
    return IngestRun(summary: summary, problems: problems, lines: problems.map { relative($0.oneLine) })
  }

  /// Every file in the folder except the store's own.
  func inputFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { !$0.hasPrefix("store.db") }
      .sorted().map { folder + "/" + $0 }
  }

  func relative(_ text: String) -> String {
    text.replacingOccurrences(of: folder + "/", with: "")
  }

  /// Event history as of `now`.
  func history(now: Int64 = TestTime.base + TestTime.day) throws -> StoreServices {
    try StoreServices(databasePath: dbPath, clock: FixedClock(TestTime.date(now)))
  }

  func statistics() throws -> StoreStatistics {
    try StoreStatistics.read(EventStore.openReader(path: dbPath))
  }
}

extension StoreServices {
  /// Every page of `request`, followed through its NextTokens: the event ids, newest first.
  func allEventIDs(_ request: LookupRequest = LookupRequest()) throws -> [String] {
    var ids: [String] = []
    var page = try lookupEvents(request)
    ids += page.events.map(\.summary.eventId)
    while let token = page.nextToken {
      page = try lookupEvents(request.continuing(from: token))
      ids += page.events.map(\.summary.eventId)
    }
    return ids
  }

  /// The error `request` throws, or nil when it succeeds.
  func lookupError(_ request: LookupRequest) -> ServiceError? {
    do {
      _ = try lookupEvents(request)
      return nil
    } catch let error as ServiceError {
      return error
    } catch {
      return nil
    }
  }
}
