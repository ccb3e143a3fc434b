import Foundation

// The exceptions of the Lake query operations, named as the service model names them.
extension ServiceError {
  static func queryIdNotFound(_ id: String) -> ServiceError {
    ServiceError(
      "QueryIdNotFoundException",
      "The query ID \(id) does not exist for this account and region (queries are kept 7 days after they end)."
    )
  }
  static func invalidParameter(_ message: String) -> ServiceError {
    ServiceError("InvalidParameterException", message)
  }
  static func invalidQueryStatement(_ message: String) -> ServiceError {
    ServiceError("InvalidQueryStatementException", message)
  }
  static func maxConcurrentQueries(_ limit: Int) -> ServiceError {
    ServiceError(
      "MaxConcurrentQueriesException",
      "You already have \(limit) queries QUEUED or RUNNING in this account and region, the most allowed; wait for one to end or cancel one."
    )
  }
  static func inactiveQuery(_ id: String, _ status: LakeQueryStatus) -> ServiceError {
    ServiceError(
      "InactiveQueryException",
      "The query \(id) is \(status.rawValue) already; only QUEUED or RUNNING queries can be cancelled.")
  }
}
