import CXXHash
import Crypto
import Foundation

/// What a file turned out to be.
public enum LogFileKind: String, Sendable {
  /// CloudTrail records (`{"Records":[…]}`, a bare array, or JSON Lines / concatenated records).
  case events
  /// A `CloudTrail-Digest` file: not events; skipped and counted.
  case digest
  /// A `CloudTrail-Aggregated` file: 5-minute summaries of a trail's data events, whose records are
  /// not events (no eventTime, no eventID); skipped and counted, so a bucket folder of a trail that
  /// aggregates ingests as its log files.
  case aggregated
  /// An object's metadata sidecar (`KEY.metadata.json`, see `BucketFolder`): skipped and counted, so a
  /// bucket folder ingests as its log files.
  case metadata
  /// Unreadable or not CloudTrail: rejected as a whole.
  case rejected
}

/// One file, read, inflated and scanned: its records' fields and verbatim bytes, and what was wrong.
struct ParsedFile: Sendable {
  var path: String
  var size: Int
  /// `LogFileReader.contentHash` of the file's bytes, the ingest journal's key with the path.
  var contentHash: String
  var kind: LogFileKind
  /// The (inflated) JSON text; `rawRanges` point into it.
  var text: [UInt8]
  var records: [ParsedRecord]
  var rawRanges: [Range<Int>]
  var problems: [Diagnostic]
  /// The journal already holds this path with this content: nothing to write.
  var isAlreadyIngested = false
  /// An AWS Config history or snapshot file, read as configuration items (`ConfigFileReader`).
  var isConfigurationItems = false
  /// When not 0: the records are stored in blocks (`RawBlock`) made with this dictionary; record i is
  /// slot `i % RawBlock.records` of block `i / RawBlock.records`, `compressed[blockRanges[b]]`.
  var dictionaryID: Int64 = 0
  var compressed: [UInt8] = []
  var blockRanges: [Range<Int>] = []
  /// The newest eventTime of each block's records: retention drops a block once it is older.
  var blockLastTimes: [Int64] = []
  /// A dictionary first used by this file, stored in the same transaction as its events.
  var newDictionary: RawDictionary?
  /// The distinct lookup values of the file's records, so that the writer interns each once per file
  /// rather than eight times per record.
  var values = ValueTable()
  /// The distinct values stored as text in each event row rather than interned into `strings`: source
  /// IP addresses and access key IDs, which are nearly unique per session (see `Migrations`).
  var verbatim = ValueTable()
  var resources: [ResourceKey] = []
  /// Every record's `resources[]` types for the resource-type rollups (`WriterKeys.resourceTypeRange`):
  /// an index into `values`, or `ResourceTypeRollupKey.none`, `.empty` or `.unclear`.
  var resourceTypes: [Int32] = []
  /// Stored eventIDs, one after another (`WriterKeys.storedID`).
  var idBytes: [UInt8] = []
  /// `events.resources` texts, one after another (`WriterKeys.resourcesText`).
  var resourceText: [UInt8] = []
  /// Lake's texts of `requestParameters`, one after another (`WriterKeys.requestParameters`).
  var requestParameters: [UInt8] = []
  /// The configuration items' `config_items` keys (`WriterKeys.configItem`); items are few, so these
  /// are plain strings.
  var configItems: [ConfigItemKeys] = []

  /// Files a scanned record: its strings go into the file's tables, the record keeps their places.
  /// `buffer` holds the file's text (and `raw`, the record's bytes, lies in it).
  mutating func add(_ scanned: ScannedRecord, raw: UnsafeRawBufferPointer, buffer: UnsafeRawBufferPointer) {
    var keys = WriterKeys()
    let eventID = scanned.eventID ?? .decoded(LogFileReader.derivedEventID(raw))
    let idStart = Int32(idBytes.count)
    eventID.withBytes(in: buffer) { id in
      keys.rowID = EventKey.rowID(time: scanned.eventTime, eventIDBytes: id)
      EventKey.appendStoredEventID(id, to: &idBytes)
    }
    keys.storedID = idStart..<Int32(idBytes.count)
    keys.idHash = idBytes.withUnsafeBytes {
      EventIDIndex.hash(UnsafeRawBufferPointer(rebasing: $0[Int(idStart)...]))
    }
    keys.day = EventKey.day(of: scanned.eventTime)
    func ref(_ field: FieldText?) -> Int32 {
      guard let field else { return 0 }
      return field.withBytes(in: buffer) { values.ref($0) }
    }
    keys.values.eventName = ref(scanned.eventName)
    keys.values.eventSource = ref(scanned.eventSource)
    keys.values.awsRegion = ref(scanned.awsRegion)
    keys.values.accountId = ref(scanned.accountId)
    keys.values.username = ref(scanned.username)
    keys.values.errorCode = ref(scanned.errorCode)
    keys.values.eventType = ref(scanned.eventType ?? .decoded("AwsApiCall"))
    if scanned.userArnIsUnclear {
      keys.values.userArn = Int32(ArnRollupKey.unclear)
    } else if let arn = scanned.userArn {
      keys.values.userArn = arn.withBytes(in: buffer) {
        $0.isEmpty ? Int32(ArnRollupKey.empty) : values.ref($0)
      }
    }
    keys.sourceIPAddress =
      scanned.sourceIPAddress.map { ip in ip.withBytes(in: buffer) { verbatim.ref($0) } } ?? 0
    scanned.accessKeyId?.withBytes(in: buffer) { key in
      keys.accessKeyId = verbatim.ref(key)
      keys.accessKeyHash = key.isEmpty ? 0 : PostedTextKey.hash(key)
    }
    if !scanned.resources.isEmpty {
      let textStart = Int32(resourceText.count)
      let start = Int32(resources.count)
      for (index, resource) in scanned.resources.enumerated() {
        if index > 0 { resourceText.append(0x1E) }
        resource.type?.withBytes(in: buffer) { resourceText.append(contentsOf: $0) }
        resourceText.append(0x1F)
        let nameHash =
          resource.name?.withBytes(in: buffer) { name -> Int64 in
            resourceText.append(contentsOf: name)
            return name.isEmpty ? 0 : PostedTextKey.hash(name)
          } ?? 0
        resources.append(ResourceKey(type: ref(resource.type), nameHash: nameHash))
      }
      keys.resourcesText = textStart..<Int32(resourceText.count)
      keys.resourceRange = start..<Int32(resources.count)
    }
    if !scanned.resourceTypes.isEmpty {
      let start = Int32(resourceTypes.count)
      for type in scanned.resourceTypes {
        switch type {
        case .none: resourceTypes.append(Int32(ResourceTypeRollupKey.none))
        case .unclear: resourceTypes.append(Int32(ResourceTypeRollupKey.unclear))
        case .text(let text):
          resourceTypes.append(
            text.withBytes(in: buffer) { $0.isEmpty ? Int32(ResourceTypeRollupKey.empty) : values.ref($0) })
        }
      }
      keys.resourceTypeRange = start..<Int32(resourceTypes.count)
    }
    switch scanned.requestParameters {
    case .none: break
    case .unclear: keys.requestParametersKind = .unclear
    case .object(let range):
      let start = Int32(requestParameters.count)
      RequestParameterPage.appendText(
        of: UnsafeRawBufferPointer(rebasing: buffer[range]), to: &requestParameters)
      keys.requestParameters = start..<Int32(requestParameters.count)
      keys.requestParametersKind = .object
    }
    if let item = scanned.configItem {
      keys.configItem = Int32(configItems.count)
      configItems.append(item.keys(eventTime: scanned.eventTime, in: buffer))
    }
    records.append(
      ParsedRecord(
        eventTime: scanned.eventTime, category: scanned.category, readOnly: scanned.readOnly, keys: keys))
  }
}

/// Reads CloudTrail log files in any of the shapes AWS and tools produce.
///
/// gzip is detected by its magic bytes, not by the name. `{"Records":[…]}` is the delivered form;
/// Stratus Red Team and others write a bare array; exports and `aws logs` dumps are JSON Lines; single
/// pretty-printed records are read as a stream of one. Records are numbered from 1 (`record N`) inside
/// arrays, and by the line they start on (`line N`) in streams.
enum LogFileReader {
  static func read(path: String) -> ParsedFile {
    switch load(path: path) {
    case .loaded(let bytes, let hash): return parse(bytes: bytes, path: path, hash: hash)
    case .unreadable(let rejected): return rejected
    }
  }

  /// The file's bytes and their `contentHash`, or the rejection of an unreadable file.
  enum Loaded {
    case loaded([UInt8], contentHash: String)
    case unreadable(ParsedFile)
  }

  static func load(path: String) -> Loaded {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
      return .unreadable(
        rejected(path: path, size: 0, hash: "", reason: "cannot read file: \(error.localizedDescription)"))
    }
    let bytes = [UInt8](data)
    return .loaded(bytes, contentHash: contentHash(bytes))
  }

  /// `xxh3:` and the XXH3 128-bit hash of `bytes` in hex: what the journal keeps of a file's content
  /// since version 8. It tells a changed file from the one ingested before; nothing here needs a
  /// cryptographic hash, and SHA-256 (what versions 1–7 kept, bare hex) was 7 % of ingest's instructions.
  static func contentHash(_ bytes: [UInt8]) -> String {
    let hash = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
    func hex(_ value: UInt64) -> String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
    return "xxh3:" + hex(hash.high64) + hex(hash.low64)
  }

  static func hexSHA256(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: bytes) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func isAggregatedName(_ path: String) -> Bool {
    (path as NSString).lastPathComponent.contains("_CloudTrail-Aggregated_")
      || path.contains("/CloudTrail-Aggregated/")
  }

  static func isDigestName(_ path: String) -> Bool {
    (path as NSString).lastPathComponent.contains("CloudTrail-Digest") || path.contains("/CloudTrail-Digest/")
  }

  /// Parses a file's bytes. An SSE-KMS object from a bucket folder (`KmsEnvelope`) is decrypted with
  /// `keyRing` first, as S3 would serve it; without the key it is rejected with a diagnostic naming the
  /// file and the key id (`KMS.NotFoundException`).
  static func parse(bytes: [UInt8], path: String, hash: String, keyRing: KmsKeyRing? = nil) -> ParsedFile {
    if path.hasSuffix(BucketFolder.metadataSuffix) {
      return ParsedFile(
        path: path, size: bytes.count, contentHash: hash, kind: .metadata, text: [], records: [],
        rawRanges: [],
        problems: [])
    }
    if isDigestName(path) {
      return ParsedFile(
        path: path, size: bytes.count, contentHash: hash, kind: .digest, text: [], records: [], rawRanges: [],
        problems: [])
    }
    if isAggregatedName(path) {
      return ParsedFile(
        path: path, size: bytes.count, contentHash: hash, kind: .aggregated, text: [], records: [],
        rawRanges: [], problems: [])
    }
    var text = bytes
    if KmsEnvelope.isEnvelope(bytes) {
      guard let keyRing else {
        let key = KmsEnvelope.keyID(of: bytes) ?? "?"
        return rejected(
          path: path, size: bytes.count, hash: hash,
          reason: "SSE-KMS encrypted with KMS key \(key), and no key ring was given to decrypt it",
          code: "KMS.NotFoundException")
      }
      do {
        text = try KmsEnvelope.open(bytes, ring: keyRing)
      } catch {
        var file = rejected(path: path, size: bytes.count, hash: hash, reason: error.message)
        file.problems = [error.diagnostic(path: path)]
        return file
      }
    }
    let isGzip = text.withUnsafeBytes { Gzip.isGzip($0) }
    if isGzip {
      do {
        text = try Gzip.inflate(text, path: path)
      } catch {
        // The rejection carries the file's location itself; only zlib's account of the damage is kept.
        return rejected(
          path: path, size: bytes.count, hash: hash, reason: "not a readable gzip file: \(error.reason)")
      }
    }
    if ConfigFileReader.isConfigFile(path: path, text: text) {
      return ConfigFileReader.parse(text: text, path: path, size: bytes.count, hash: hash)
    }
    return parseEvents(text: text, path: path, size: bytes.count, hash: hash)
  }

  /// Scans plain (inflated, decrypted) text of records; `size` and `hash` are the file's.
  static func parseEvents(text: [UInt8], path: String, size: Int, hash: String) -> ParsedFile {
    var file = ParsedFile(
      path: path, size: size, contentHash: hash, kind: .events, text: [], records: [], rawRanges: [],
      problems: [])
    text.withUnsafeBytes { buffer in scan(buffer, into: &file) }
    file.text = text
    file.values.finishScanning()
    file.verbatim.finishScanning()
    return file
  }

  private static func rejected(
    path: String, size: Int, hash: String, reason: String, code: String = "InvalidLogFile"
  ) -> ParsedFile {
    ParsedFile(
      path: path, size: size, contentHash: hash, kind: .rejected, text: [], records: [], rawRanges: [],
      problems: [
        Diagnostic(
          code: code, summary: "cannot read log file", location: .init(path: path), reason: reason
        )
      ])
  }

  private static func scan(_ buffer: UnsafeRawBufferPointer, into file: inout ParsedFile) {
    var scanner = JSONScanner(buffer)
    scanner.skipWhitespace()
    func reject(_ reason: String) {
      file.kind = .rejected
      file.records = []
      file.rawRanges = []
      file.problems = [
        Diagnostic(
          code: "InvalidLogFile", summary: "cannot read log file", location: .init(path: file.path),
          reason: reason)
      ]
    }
    func syntax(_ error: JSONScanner.SyntaxError) -> String {
      let (line, column) = scanner.lineAndColumn(of: error.offset)
      return "not valid JSON at line \(line), column \(column): \(error.message)"
    }
    guard let first = scanner.peek() else { return reject("empty file: no JSON in it") }
    var sawRecords = false
    do throws(JSONScanner.SyntaxError) {
      switch first {
      case UInt8(ascii: "["):
        try readRecordArray(&scanner, into: &file)
        try expectEnd(&scanner)
      case UInt8(ascii: "{"):
        var keys: [String] = []
        try scanner.forEachMember { (s: inout JSONScanner, key: Range<Int>) throws(JSONScanner.SyntaxError) in
          if s.rawEquals(key, "Records"), !sawRecords {
            sawRecords = true
            guard try s.peekKind() == .array else {
              let kind = try s.peekKind()
              throw s.error("\"Records\" must be an array, found \(kind.noun)")
            }
            try readRecordArray(&s, into: &file)
          } else {
            if keys.count < 8 {
              keys.append(String(decoding: UnsafeRawBufferPointer(rebasing: s.bytes[key]), as: UTF8.self))
            }
            try s.skipValue()
          }
        }
        if sawRecords {
          try expectEnd(&scanner)
        } else if keys.contains("digestStartTime") || keys.contains("digestEndTime") {
          file.kind = .digest
        } else if keys.contains(where: { ["eventTime", "eventID", "eventVersion", "eventName"].contains($0) })
        {
          file.records = []
          file.rawRanges = []
          readRecordStream(buffer, into: &file)
        } else {
          let shown = keys.prefix(5).joined(separator: ", ")
          reject(
            "not a CloudTrail log file: expected {\"Records\":[…]}, an array of records or JSON Lines; found an object with keys \(shown)"
          )
        }
      default:
        throw scanner.error("expected '{' or '[' at the start, found \(scanner.describeByte())")
      }
    } catch {
      // A broken first line of a JSON Lines file: read it line by line like any other broken line.
      if first == UInt8(ascii: "{") && !sawRecords && startsSecondLineWithObject(buffer) {
        file.records = []
        file.rawRanges = []
        file.problems = []
        file.kind = .events
        readRecordStream(buffer, into: &file)
      } else {
        reject(syntax(error))
      }
    }
  }

  private static func startsSecondLineWithObject(_ buffer: UnsafeRawBufferPointer) -> Bool {
    guard let newline = buffer.firstIndex(of: 0x0A) else { return false }
    var scanner = JSONScanner(buffer, position: newline + 1)
    scanner.skipWhitespace()
    return scanner.peek() == UInt8(ascii: "{")
  }

  private static func expectEnd(_ scanner: inout JSONScanner) throws(JSONScanner.SyntaxError) {
    scanner.skipWhitespace()
    if !scanner.isAtEnd { throw scanner.error("unexpected data after the end of the JSON document") }
  }

  private static func readRecordArray(_ scanner: inout JSONScanner, into file: inout ParsedFile)
    throws(JSONScanner.SyntaxError)
  {
    var index = 0
    try scanner.forEachElement { (s: inout JSONScanner) throws(JSONScanner.SyntaxError) in
      index += 1
      s.skipWhitespace()
      let start = s.position
      let result = try RecordParser.parse(&s)
      accept(
        result, range: start..<s.position, location: .init(path: file.path, record: index), buffer: s.bytes,
        into: &file)
    }
  }

  /// JSON Lines, or records simply following one another; a broken line is reported and skipped.
  private static func readRecordStream(_ buffer: UnsafeRawBufferPointer, into file: inout ParsedFile) {
    var scanner = JSONScanner(buffer)
    var line = 1
    var lineCountedTo = 0
    func lineNumber(at offset: Int) -> Int {
      while lineCountedTo < offset {
        if buffer[lineCountedTo] == 0x0A { line += 1 }
        lineCountedTo += 1
      }
      return line
    }
    while true {
      scanner.skipWhitespace()
      if scanner.isAtEnd { return }
      let start = scanner.position
      let startLine = lineNumber(at: start)
      do throws(JSONScanner.SyntaxError) {
        let result = try RecordParser.parse(&scanner)
        accept(
          result, range: start..<scanner.position, location: .init(path: file.path, line: startLine),
          buffer: buffer,
          into: &file)
      } catch {
        file.problems.append(
          Diagnostic(
            code: "InvalidRecord", summary: "cannot read record",
            location: .init(path: file.path, line: startLine),
            reason: "not valid JSON: \(error.message)"))
        // Resume at the next line: JSON Lines records never span lines.
        var next = max(error.offset, start + 1)
        while next < buffer.count && buffer[next] != 0x0A { next += 1 }
        scanner.position = next
      }
    }
  }

  private static func accept(
    _ result: consuming Result<ScannedRecord, RecordProblem>, range: Range<Int>,
    location: Diagnostic.Location,
    buffer: UnsafeRawBufferPointer, into file: inout ParsedFile
  ) {
    switch consume result {
    case .success(let record):
      file.add(record, raw: UnsafeRawBufferPointer(rebasing: buffer[range]), buffer: buffer)
      file.rawRanges.append(range)
    case .failure(let problem):
      var where_ = location
      where_.field = problem.field
      file.problems.append(
        Diagnostic(
          code: "InvalidRecord", summary: "cannot read record", location: where_, reason: problem.reason,
          help: "fix or drop that record; the file's other records were read"))
    }
  }

  /// A stable id for eventVersion 1.0 records (they predate `eventID`): a UUID-shaped SHA-256 prefix.
  static func derivedEventID(_ raw: UnsafeRawBufferPointer) -> String {
    EventKey.eventIDText(Array(SHA256.hash(data: raw).prefix(16)))
  }

}
