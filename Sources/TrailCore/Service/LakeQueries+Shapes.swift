import Foundation

// The Lake query operations' shapes (StartQuery, DescribeQuery, GetQueryResults, CancelQuery,
// ListQueries), as CloudTrail's service model defines them: members in the model's order, keyed by the
// model's names. Request members are optional unless the model requires them, so the operation, not
// the decoder, answers a bad value with CloudTrail's exception.

/// The model's `StartQueryRequest`: `QueryStatement`, or `QueryAlias` with `QueryParameters`.
public struct StartQueryRequest: Codable, Equatable, Sendable {
  /// `QueryStatement`: the SQL, 1–10000 characters.
  public var queryStatement: String?
  /// `DeliveryS3Uri`: `s3://bucket[/prefix]` for result files.
  public var deliveryS3Uri: String?
  /// `QueryAlias`: a saved or sample query's alias (dashboards' queries in CloudTrail).
  public var queryAlias: String?
  /// `QueryParameters`: up to 10 values for the alias's `?`s, in order.
  public var queryParameters: [String]?
  /// `EventDataStoreOwnerAccountId`.
  public var eventDataStoreOwnerAccountId: String?

  public init(
    queryStatement: String? = nil, deliveryS3Uri: String? = nil, queryAlias: String? = nil,
    queryParameters: [String]? = nil, eventDataStoreOwnerAccountId: String? = nil
  ) {
    self.queryStatement = queryStatement
    self.deliveryS3Uri = deliveryS3Uri
    self.queryAlias = queryAlias
    self.queryParameters = queryParameters
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case queryStatement = "QueryStatement"
    case deliveryS3Uri = "DeliveryS3Uri"
    case queryAlias = "QueryAlias"
    case queryParameters = "QueryParameters"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `StartQueryResponse`.
public struct StartQueryResponse: Codable, Equatable, Sendable {
  /// `QueryId`: a UUID.
  public var queryId: String?
  /// `EventDataStoreOwnerAccountId`, echoed when the request gave it.
  public var eventDataStoreOwnerAccountId: String?

  public init(queryId: String? = nil, eventDataStoreOwnerAccountId: String? = nil) {
    self.queryId = queryId
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case queryId = "QueryId"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `DescribeQueryRequest`: `QueryId`, or (dashboards) `QueryAlias` with `RefreshId`.
public struct DescribeQueryRequest: Codable, Equatable, Sendable {
  /// `EventDataStore` (deprecated): when given, the store must exist and be active.
  public var eventDataStore: String?
  public var queryId: String?
  public var queryAlias: String?
  public var refreshId: String?
  public var eventDataStoreOwnerAccountId: String?

  public init(
    eventDataStore: String? = nil, queryId: String? = nil, queryAlias: String? = nil,
    refreshId: String? = nil,
    eventDataStoreOwnerAccountId: String? = nil
  ) {
    self.eventDataStore = eventDataStore
    self.queryId = queryId
    self.queryAlias = queryAlias
    self.refreshId = refreshId
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case eventDataStore = "EventDataStore"
    case queryId = "QueryId"
    case queryAlias = "QueryAlias"
    case refreshId = "RefreshId"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `QueryStatisticsForDescribeQuery`.
public struct QueryStatisticsForDescribeQuery: Codable, Equatable, Sendable {
  public var eventsMatched: Int64?
  public var eventsScanned: Int64?
  /// `BytesScanned`: what Lake would bill.
  public var bytesScanned: Int64?
  /// `ExecutionTimeInMillis`: clock time from start to end (to now while it runs).
  public var executionTimeInMillis: Int?
  /// `CreationTime`: when StartQuery accepted it.
  public var creationTime: Date?

  public init(
    eventsMatched: Int64? = nil, eventsScanned: Int64? = nil, bytesScanned: Int64? = nil,
    executionTimeInMillis: Int? = nil, creationTime: Date? = nil
  ) {
    self.eventsMatched = eventsMatched
    self.eventsScanned = eventsScanned
    self.bytesScanned = bytesScanned
    self.executionTimeInMillis = executionTimeInMillis
    self.creationTime = creationTime
  }

  enum CodingKeys: String, CodingKey {
    case eventsMatched = "EventsMatched"
    case eventsScanned = "EventsScanned"
    case bytesScanned = "BytesScanned"
    case executionTimeInMillis = "ExecutionTimeInMillis"
    case creationTime = "CreationTime"
  }
}

/// The model's `DescribeQueryResponse`.
public struct DescribeQueryResponse: Codable, Equatable, Sendable {
  public var queryId: String?
  /// `QueryString`: the statement that runs.
  public var queryString: String?
  public var queryStatus: String?
  public var queryStatistics: QueryStatisticsForDescribeQuery?
  /// `ErrorMessage`: why a query FAILED (or TIMED_OUT).
  public var errorMessage: String?
  public var deliveryS3Uri: String?
  /// `DeliveryStatus`: PENDING while the query runs, then SUCCESS or why not (`LakeResultDelivery`).
  public var deliveryStatus: String?
  /// `Prompt`: the natural-language prompt of a generated query (never, in TrailDeck).
  public var prompt: String?
  public var eventDataStoreOwnerAccountId: String?

  public init(
    queryId: String? = nil, queryString: String? = nil, queryStatus: String? = nil,
    queryStatistics: QueryStatisticsForDescribeQuery? = nil, errorMessage: String? = nil,
    deliveryS3Uri: String? = nil, deliveryStatus: String? = nil, prompt: String? = nil,
    eventDataStoreOwnerAccountId: String? = nil
  ) {
    self.queryId = queryId
    self.queryString = queryString
    self.queryStatus = queryStatus
    self.queryStatistics = queryStatistics
    self.errorMessage = errorMessage
    self.deliveryS3Uri = deliveryS3Uri
    self.deliveryStatus = deliveryStatus
    self.prompt = prompt
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case queryId = "QueryId"
    case queryString = "QueryString"
    case queryStatus = "QueryStatus"
    case queryStatistics = "QueryStatistics"
    case errorMessage = "ErrorMessage"
    case deliveryS3Uri = "DeliveryS3Uri"
    case deliveryStatus = "DeliveryStatus"
    case prompt = "Prompt"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}
