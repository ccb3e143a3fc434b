import Foundation
import TrailCore

@testable import TrailServer

/// A temporary buckets folder (with `kms/` and `s3-policies/` beside it) and an `S3Handler` over it,
/// at a fixed time, for the S3 view's tests.
final class S3Fixture: Sendable {
  static let now = Date(timeIntervalSince1970: 1_796_378_400)  // 2026-12-04T10:00:00Z
  static let account = "123456789012"
  /// One pool for every test: threads are not worth starting per test.
  static let work = BlockingWork(threads: 2)

  let folder: String
  let buckets: String
  let handler: S3Handler

  init(buckets names: [String] = ["logs"], maximumObjectSize: Int = S3Handler.defaultMaximumObjectSize) throws
  {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UUID().uuidString)").path
    buckets = folder + "/buckets"
    for name in names {
      try FileManager.default.createDirectory(atPath: buckets + "/" + name, withIntermediateDirectories: true)
    }
    let clock = FixedClock(Self.now)
    let environment = ServerEnvironment(
      databasePath: folder + "/store.sqlite", bucketsDirectory: buckets, clock: clock,
      defaultAccount: Self.account, work: Self.work,
      recorder: CallRecorder(databasePath: folder + "/store.sqlite", clock: clock))
    handler = S3Handler(environment: environment, maximumObjectSize: maximumObjectSize)
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// The caller every test uses unless it says otherwise.
  static let caller = Caller(accessKeyID: "AKIDEXAMPLE", account: account, region: "us-east-1")

  /// Sends one request; `target` is the path with an optional `?query`, as sent (percent-encoded).
  func send(
    _ method: String, _ target: String, headers: [(name: String, value: String)] = [], body: Data = Data(),
    caller: Caller = S3Fixture.caller
  ) async -> ServerResponse {
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let request = ServerRequest(
      method: method, rawPath: String(parts[0]), rawQuery: parts.count > 1 ? String(parts[1]) : "",
      headers: headers, body: body)
    return await handler.handle(request, caller: caller)
  }

  /// Puts `text` at `key` in `bucket` straight into the folder, as a trail's delivery does.
  func store(
    _ text: String, at key: String, in bucket: String = "logs", metadata: ObjectMetadata = ObjectMetadata()
  )
    throws
  {
    try BucketFolder(directory: buckets).put(
      bucket: bucket, key: key, bytes: Array(text.utf8), metadata: metadata)
  }

  /// Sets the modification time of `key`'s file, so listings show a known `LastModified`.
  func touch(_ key: String, in bucket: String = "logs", at date: Date) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: date], ofItemAtPath: buckets + "/" + bucket + "/" + key)
  }
}

extension ServerResponse {
  /// The body as UTF-8 text.
  var text: String { String(decoding: body, as: UTF8.self) }

  /// The texts of every `<name>` element of the body, in order.
  func values(of name: String) -> [String] {
    var found: [String] = []
    var rest = text[...]
    while let open = rest.range(of: "<\(name)>"),
      let close = rest.range(of: "</\(name)>", range: open.upperBound..<rest.endIndex)
    {
      found.append(String(rest[open.upperBound..<close.lowerBound]))
      rest = rest[close.upperBound...]
    }
    return found
  }
}
