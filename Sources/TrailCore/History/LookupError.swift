/// LookupEvents' modelled errors, each mapped to CloudTrail's exception name.
public enum LookupError: Error, Equatable, Sendable {
  case invalidLookupAttributes(String)
  case invalidTimeRange(String)
  case invalidMaxResults(String)
  case invalidNextToken(String)
  case invalidEventCategory(String)

  /// The exception name, as the aws CLI prints it.
  public var exceptionName: String {
    switch self {
    case .invalidLookupAttributes: "InvalidLookupAttributesException"
    case .invalidTimeRange: "InvalidTimeRangeException"
    case .invalidMaxResults: "InvalidMaxResultsException"
    case .invalidNextToken: "InvalidNextTokenException"
    case .invalidEventCategory: "InvalidEventCategoryException"
    }
  }

  public var message: String {
    switch self {
    case .invalidLookupAttributes(let m), .invalidTimeRange(let m), .invalidMaxResults(let m),
      .invalidNextToken(let m), .invalidEventCategory(let m):
      m
    }
  }

  /// The aws CLI's line: `An error occurred (X) when calling the LookupEvents operation: message`.
  public var awsCLIMessage: String {
    "An error occurred (\(exceptionName)) when calling the LookupEvents operation: \(message)"
  }

  public var diagnostic: Diagnostic {
    Diagnostic(code: exceptionName, summary: "LookupEvents failed", reason: message)
  }
}
