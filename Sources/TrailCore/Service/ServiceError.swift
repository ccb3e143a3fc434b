/// The one error every CloudTrail operation throws: CloudTrail's exception name and a message.
///
/// Each front renders it its own way from these two fields: the CLI prints the aws CLI's line
/// (`An error occurred (InvalidTimeRangeException) when calling the LookupEvents operation: …`) and
/// exits 254; the HTTP server (later) answers `{"__type": exceptionName, "message": message}`.
/// Messages are TrailDeck's own words (AWS does not publish its texts); names are CloudTrail's.
public struct ServiceError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
  /// CloudTrail's exception name, e.g. `InvalidNextTokenException`.
  public var exceptionName: String
  public var message: String

  public init(_ exceptionName: String, _ message: String) {
    self.exceptionName = exceptionName
    self.message = message
  }

  /// The aws CLI's line for this error raised by `operation` (e.g. `LookupEvents`).
  public func awsCLIMessage(operation: String) -> String {
    "An error occurred (\(exceptionName)) when calling the \(operation) operation: \(message)"
  }

  /// The same error as a `Diagnostic`, for the TUI's status line.
  public var diagnostic: Diagnostic {
    Diagnostic(code: exceptionName, summary: "the request failed", reason: message)
  }

  public var description: String { "\(exceptionName): \(message)" }
}

// CloudTrail's exceptions, named as the service model names them. Each operation's file lists the
// ones it throws in its doc.
extension ServiceError {
  public static func invalidLookupAttributes(_ message: String) -> ServiceError {
    ServiceError("InvalidLookupAttributesException", message)
  }
  public static func invalidTimeRange(_ message: String) -> ServiceError {
    ServiceError("InvalidTimeRangeException", message)
  }
  public static func invalidMaxResults(_ message: String) -> ServiceError {
    ServiceError("InvalidMaxResultsException", message)
  }
  public static func invalidNextToken(_ message: String) -> ServiceError {
    ServiceError("InvalidNextTokenException", message)
  }
  public static func invalidEventCategory(_ message: String) -> ServiceError {
    ServiceError("InvalidEventCategoryException", message)
  }
  public static func invalidToken(_ message: String) -> ServiceError {
    ServiceError("InvalidTokenException", message)
  }
}
