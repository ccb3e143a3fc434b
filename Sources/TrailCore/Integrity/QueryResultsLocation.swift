import Foundation

/// Where `verify-query-results` finds a query's result files and `result_sign.json`: a folder of a
/// bucket (`--s3-bucket`, `--s3-prefix`) in the buckets folder, or a local directory
/// (`--local-export-path`) the files were downloaded to.
public enum QueryResultsLocation: Sendable {
  /// Objects `folder + NAME` of `bucket`; `folder` is empty or ends in `/` (`bucket(_:bucket:prefix:)`
  /// makes it so).
  case objects(BucketFolder, bucket: String, folder: String)
  /// Files `directory/NAME`.
  case local(directory: String)

  /// The folder of `bucket` named by `prefix`, with the trailing `/` the aws CLI adds to a prefix.
  public static func bucket(_ folder: BucketFolder, bucket: String, prefix: String?) -> Self {
    var prefix = prefix ?? ""
    if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
    return .objects(folder, bucket: bucket, folder: prefix)
  }

  /// The bytes of the file `name` of the folder.
  /// - Throws: for a bucket, S3's error as botocore prints it (exit status 254), naming the key, since
  ///   a file the sign file lists but the folder lacks is what this reports; for a directory, Python's
  ///   `OSError` text (which names the path).
  public func read(_ name: String) throws(QueryResultsFailure) -> [UInt8] {
    switch self {
    case .objects(let folder, let bucket, let prefix):
      do {
        return try folder.get(bucket: bucket, key: prefix + name).bytes
      } catch {
        throw .service(
          code: error.code, message: "\(error.message) (s3://\(bucket)/\(prefix + name))",
          operation: "GetObject")
      }
    case .local(let directory):
      let path = Self.join(directory, name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw QueryResultsFailure("[Errno 2] No such file or directory: '\(path)'")
      }
      guard !isDirectory.boolValue else { throw QueryResultsFailure("[Errno 21] Is a directory: '\(path)'") }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw QueryResultsFailure("[Errno 13] Permission denied: '\(path)'")
      }
      return [UInt8](data)
    }
  }

  /// The names of the result files (`result_N.csv.gz`) directly in the folder, so that one the sign
  /// file does not list is found too; empty when the folder cannot be listed.
  public func resultFiles() -> [String] {
    let names: [String]
    switch self {
    case .objects(let folder, let bucket, let prefix):
      let keys = (try? folder.list(bucket: bucket, prefix: prefix)) ?? []
      names = keys.map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
    case .local(let directory):
      names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }
    return names.filter(Self.isResultFileName).sorted()
  }

  /// `result_1.csv.gz`, `result_2.csv.gz`, …: the names CloudTrail gives result files (G:QDL).
  static func isResultFileName(_ name: String) -> Bool {
    name.range(of: #"^result_[0-9]+\.csv\.gz$"#, options: .regularExpression) != nil
  }

  /// Python's `os.path.join` for one relative name.
  static func join(_ directory: String, _ name: String) -> String {
    directory.isEmpty || directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
