import Foundation
import TrailCore

@testable import TrailServer

/// A fresh store and buckets folder in a temporary folder, with the environment handlers share.
final class ServerFixture {
  let folder: String
  let environment: ServerEnvironment
  let recorder: CallRecorder

  init(now: Date = Date(timeIntervalSince1970: 1_796_400_000)) throws {
    folder = NSTemporaryDirectory() + "traildeck-server-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder + "/buckets", withIntermediateDirectories: true)
    let database = folder + "/store.db"
    _ = try EventStore.openWriter(path: database)
    let clock = FixedClock(now)
    recorder = CallRecorder(databasePath: database, clock: clock, interval: 0.01)
    environment = ServerEnvironment(
      databasePath: database, bucketsDirectory: folder + "/buckets", clock: clock,
      defaultAccount: StoreContext.defaultAccount, work: BlockingWork(threads: 2), recorder: recorder)
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// The default account's root calling from `region`.
  func caller(region: String = "us-east-1") -> Caller {
    Caller(accessKeyID: "AKIDTEST", account: StoreContext.defaultAccount, region: region, userAgent: "tests")
  }

  /// A JSON 1.1 request for CloudTrail operation `operation` with `body`.
  static func cloudTrail(_ operation: String, _ body: String = "{}") -> ServerRequest {
    ServerRequest(
      method: "POST", rawPath: "/",
      headers: [
        ("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101." + operation),
        ("Content-Type", "application/x-amz-json-1.1"),
      ], body: Data(body.utf8))
  }
}

extension ServerResponse {
  /// The body as JSON.
  var json: JSONValue? { try? JSONValue(parsing: body) }
  /// A JSON 1.1 error's `__type`.
  var errorType: String? { json?["__type"].flatMap { if case .string(let s) = $0 { s } else { nil } } }
}
