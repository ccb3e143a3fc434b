import Foundation

/// The log files an import reads: `s3://NAME/prefix` is the folder `NAME/prefix` of the buckets folder.
///
/// As CloudTrail's import does (spec §8.3): without a prefix only files under a `CloudTrail` folder
/// (`AWSLogs/…/CloudTrail/…`, not `CloudTrail-Digest`, not `CloudTrail-Insight`) are read; a named prefix
/// is read whole except digests and object metadata sidecars. A time range keeps the files whose path
/// dates (`…/YYYY/MM/DD/…`) fall in its days; files without such a date are kept.
struct ImportSourceFiles {
  /// The folder `s3LocationUri` names.
  var folder: String
  /// Whether the URI named a prefix below the bucket.
  var hasPrefix: Bool

  /// - Throws: `InvalidImportSourceException` for a URI that is not `s3://BUCKET[/prefix]` or names a
  ///   missing bucket or prefix.
  init(uri: String, context: StoreContext) throws(ServiceError) {
    guard uri.hasPrefix("s3://") else {
      throw ServiceError(
        "InvalidImportSourceException",
        "S3LocationUri '\(uri)' is not valid: give s3://BUCKET or s3://BUCKET/PREFIX.")
    }
    let rest = uri.dropFirst("s3://".count)
    let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    let bucket = String(parts.first ?? "")
    let prefix =
      parts.count > 1 ? String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "/")) : ""
    guard !bucket.isEmpty, !prefix.split(separator: "/").contains("..") else {
      throw ServiceError("InvalidImportSourceException", "S3LocationUri '\(uri)' names no bucket.")
    }
    folder = context.bucketPath(bucket) + (prefix.isEmpty ? "" : "/" + prefix)
    hasPrefix = !prefix.isEmpty
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw ServiceError(
        "InvalidImportSourceException",
        "The import source \(uri) does not exist (bucket folder \(folder)); make the bucket with `traildeck mb`."
      )
    }
  }

  /// The files to import, in delivery order.
  func files(from start: Date?, to end: Date?) throws -> [String] {
    let startDay = start.map(Self.day)
    let endDay = end.map(Self.day)
    return try Ingestor.collectFiles([folder]).map(\.path).filter { path in
      let relative = String(path.dropFirst(folder.count))
      let components = relative.split(separator: "/")
      let name = components.last ?? ""
      if name.hasSuffix(".metadata.json") || components.contains("CloudTrail-Digest") { return false }
      if !hasPrefix && !components.dropLast().contains("CloudTrail") { return false }
      guard let day = Self.pathDay(components) else { return true }
      return (startDay.map { day >= $0 } ?? true) && (endDay.map { day <= $0 } ?? true)
    }
  }

  /// `YYYYMMDD` of a date, in UTC.
  static func day(_ date: Date) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return (parts.year ?? 0) * 10_000 + (parts.month ?? 0) * 100 + (parts.day ?? 0)
  }

  /// The first `YYYY/MM/DD` run of folders in a path, as `YYYYMMDD`.
  static func pathDay(_ components: [Substring]) -> Int? {
    guard components.count >= 3 else { return nil }
    for i in 0..<(components.count - 2) {
      let (y, m, d) = (components[i], components[i + 1], components[i + 2])
      guard y.count == 4, m.count == 2, d.count == 2, let year = Int(y), let month = Int(m), let day = Int(d),
        (1...12).contains(month), (1...31).contains(day)
      else { continue }
      return year * 10_000 + month * 100 + day
    }
    return nil
  }

  /// Whether the file starts with gzip's magic bytes (imports read only gzip files).
  static func isGzip(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 2)) ?? Data()
    return head == Data([0x1f, 0x8b])
  }
}
