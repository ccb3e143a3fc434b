/// Why `verify-query-results` stopped, as the aws CLI v2 reports it: `message` goes to stderr between
/// blank lines, and the process exits with `exitStatus` — 255 for the command's own errors
/// (`ValidationError: …`, a missing public key, a file that cannot be read), 254 for an error a service
/// answered (S3's `NoSuchKey`, ListPublicKeys' exceptions), as the aws CLI's ClientError handler exits.
public struct QueryResultsFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text the aws CLI prints (its exception's `str`).
  public var message: String
  /// The process's exit status.
  public var exitStatus: Int32

  public init(_ message: String, exitStatus: Int32 = 255) {
    self.message = message
    self.exitStatus = exitStatus
  }

  public var description: String { message }

  /// The customization's `ValidationError`, whose text starts with its class name.
  static func validation(_ message: String) -> QueryResultsFailure {
    QueryResultsFailure("ValidationError: " + message)
  }

  /// botocore's text for an error a service answered to `operation`; exit status 254.
  static func service(code: String, message: String, operation: String) -> QueryResultsFailure {
    QueryResultsFailure(
      "An error occurred (\(code)) when calling the \(operation) operation: \(message)", exitStatus: 254)
  }
}
