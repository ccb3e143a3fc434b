import ArgumentParser
import Foundation
import TrailCore

extension DescribeQuery: CLIOperation {
  static let abstract = "Show a Lake query's status, statistics and error."
}
extension GetQueryResults: CLIOperation {
  static let abstract = "Print a page of a Lake query's result rows."
}
extension CancelQuery: CLIOperation {
  static let abstract = "Cancel a QUEUED or RUNNING Lake query."
}
extension ListQueries: CLIOperation {
  static let abstract = "List an event data store's Lake queries of the last 7 days."
}
extension StartQuery: CLIOperation {
  static let abstract = "Run a Lake query and print its QueryId (it has ended by then)."
}

/// Reads the timeout of Lake queries for the CLI's process: `TRAILDECK_QUERY_TIMEOUT` seconds of the
/// clock (default CloudTrail's hour), so a test or a demo at `--speed` can make it short.
enum LakeQueryTimeout {
  static let variable = "TRAILDECK_QUERY_TIMEOUT"

  /// The timeout queries run with: `timeout` when given, else the environment's, else nil (the
  /// host's default, CloudTrail's hour).
  /// - Throws: `ValidationError` when the variable is not a number of seconds above 0.
  static func seconds(
    given timeout: Double?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Double? {
    if let timeout { return timeout }
    guard let text = environment[variable] else { return nil }
    guard let value = Double(text), value > 0 else {
      throw ValidationError("Please set \(variable) to a number of seconds above 0; got '\(text)'.")
    }
    return value
  }

  /// Installs a host with `timeout` (or the environment's) for the store at `db`.
  static func install(for db: String, timeout: Double? = nil) throws {
    guard let seconds = try seconds(given: timeout) else { return }
    LakeQueryHost.install(LakeQueryHost(settings: LakeQuerySettings(timeout: seconds)), for: db)
  }
}
