import Foundation

// GetQueryResults', CancelQuery's and ListQueries' shapes (see LakeQueries+Shapes.swift).

/// The model's `GetQueryResultsRequest`.
public struct GetQueryResultsRequest: Codable, Equatable, Sendable {
  /// `EventDataStore` (deprecated).
  public var eventDataStore: String?
  /// `QueryId` (required).
  public var queryId: String
  public var nextToken: String?
  /// `MaxQueryResults`: 1–1000 rows a page (default 1000).
  public var maxQueryResults: Int?
  public var eventDataStoreOwnerAccountId: String?

  public init(
    eventDataStore: String? = nil, queryId: String, nextToken: String? = nil, maxQueryResults: Int? = nil,
    eventDataStoreOwnerAccountId: String? = nil
  ) {
    self.eventDataStore = eventDataStore
    self.queryId = queryId
    self.nextToken = nextToken
    self.maxQueryResults = maxQueryResults
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case eventDataStore = "EventDataStore"
    case queryId = "QueryId"
    case nextToken = "NextToken"
    case maxQueryResults = "MaxQueryResults"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `QueryStatistics` (of GetQueryResults).
public struct QueryStatistics: Codable, Equatable, Sendable {
  /// `ResultsCount`: rows on this page.
  public var resultsCount: Int?
  /// `TotalResultsCount`: rows of the whole result.
  public var totalResultsCount: Int?
  public var bytesScanned: Int64?

  public init(resultsCount: Int? = nil, totalResultsCount: Int? = nil, bytesScanned: Int64? = nil) {
    self.resultsCount = resultsCount
    self.totalResultsCount = totalResultsCount
    self.bytesScanned = bytesScanned
  }

  enum CodingKeys: String, CodingKey {
    case resultsCount = "ResultsCount"
    case totalResultsCount = "TotalResultsCount"
    case bytesScanned = "BytesScanned"
  }
}

/// The model's `QueryResultColumn`: a map holding one entry, `{column: value}`.
///
/// A SQL NULL is the entry with JSON `null` as its value (`{"errorcode": null}`): the row keeps every
/// column in select order, boto3 reads it as `None` and the aws CLI prints `null`, and it stays apart
/// from the empty string. (CloudTrail does not document its choice.)
public struct QueryResultColumn: Codable, Equatable, Sendable {
  public var name: String
  public var value: String?

  public init(_ name: String, _ value: String?) {
    self.name = name
    self.value = value
  }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    guard let key = container.allKeys.first else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "an empty column"))
    }
    name = key.stringValue
    value = try container.decodeIfPresent(String.self, forKey: key)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    if let value {
      try container.encode(value, forKey: Key(stringValue: name))
    } else {
      try container.encodeNil(forKey: Key(stringValue: name))
    }
  }
}

/// The model's `GetQueryResultsResponse`.
public struct GetQueryResultsResponse: Codable, Equatable, Sendable {
  public var queryStatus: String?
  public var queryStatistics: QueryStatistics?
  /// `QueryResultRows`: each row a list of one-entry maps in select order.
  public var queryResultRows: [[QueryResultColumn]]?
  public var nextToken: String?
  public var errorMessage: String?

  public init(
    queryStatus: String? = nil, queryStatistics: QueryStatistics? = nil,
    queryResultRows: [[QueryResultColumn]]? = nil, nextToken: String? = nil, errorMessage: String? = nil
  ) {
    self.queryStatus = queryStatus
    self.queryStatistics = queryStatistics
    self.queryResultRows = queryResultRows
    self.nextToken = nextToken
    self.errorMessage = errorMessage
  }

  enum CodingKeys: String, CodingKey {
    case queryStatus = "QueryStatus"
    case queryStatistics = "QueryStatistics"
    case queryResultRows = "QueryResultRows"
    case nextToken = "NextToken"
    case errorMessage = "ErrorMessage"
  }
}

/// The model's `CancelQueryRequest`.
public struct CancelQueryRequest: Codable, Equatable, Sendable {
  /// `EventDataStore` (deprecated).
  public var eventDataStore: String?
  /// `QueryId` (required).
  public var queryId: String
  public var eventDataStoreOwnerAccountId: String?

  public init(eventDataStore: String? = nil, queryId: String, eventDataStoreOwnerAccountId: String? = nil) {
    self.eventDataStore = eventDataStore
    self.queryId = queryId
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case eventDataStore = "EventDataStore"
    case queryId = "QueryId"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `CancelQueryResponse` (both first members required by the model).
public struct CancelQueryResponse: Codable, Equatable, Sendable {
  public var queryId: String
  /// `QueryStatus`: CANCELLED.
  public var queryStatus: String
  public var eventDataStoreOwnerAccountId: String?

  public init(queryId: String, queryStatus: String, eventDataStoreOwnerAccountId: String? = nil) {
    self.queryId = queryId
    self.queryStatus = queryStatus
    self.eventDataStoreOwnerAccountId = eventDataStoreOwnerAccountId
  }

  enum CodingKeys: String, CodingKey {
    case queryId = "QueryId"
    case queryStatus = "QueryStatus"
    case eventDataStoreOwnerAccountId = "EventDataStoreOwnerAccountId"
  }
}

/// The model's `ListQueriesRequest`.
public struct ListQueriesRequest: Codable, Equatable, Sendable {
  /// `EventDataStore` (required): ARN or ID.
  public var eventDataStore: String
  public var nextToken: String?
  /// `MaxResults`: 1–1000 (default 1000).
  public var maxResults: Int?
  public var startTime: Date?
  public var endTime: Date?
  /// `QueryStatus`: a string, so that a value outside the enum is InvalidQueryStatusException.
  public var queryStatus: String?

  public init(
    eventDataStore: String, nextToken: String? = nil, maxResults: Int? = nil, startTime: Date? = nil,
    endTime: Date? = nil, queryStatus: String? = nil
  ) {
    self.eventDataStore = eventDataStore
    self.nextToken = nextToken
    self.maxResults = maxResults
    self.startTime = startTime
    self.endTime = endTime
    self.queryStatus = queryStatus
  }

  enum CodingKeys: String, CodingKey {
    case eventDataStore = "EventDataStore"
    case nextToken = "NextToken"
    case maxResults = "MaxResults"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case queryStatus = "QueryStatus"
  }
}

/// The model's `Query`: one entry of ListQueries. Named `LakeQuerySummary`: `Query` is too generic.
public struct LakeQuerySummary: Codable, Equatable, Sendable {
  public var queryId: String?
  public var queryStatus: String?
  public var creationTime: Date?

  public init(queryId: String? = nil, queryStatus: String? = nil, creationTime: Date? = nil) {
    self.queryId = queryId
    self.queryStatus = queryStatus
    self.creationTime = creationTime
  }

  enum CodingKeys: String, CodingKey {
    case queryId = "QueryId"
    case queryStatus = "QueryStatus"
    case creationTime = "CreationTime"
  }
}

/// The model's `ListQueriesResponse`.
public struct ListQueriesResponse: Codable, Equatable, Sendable {
  /// `Queries`: newest first.
  public var queries: [LakeQuerySummary]?
  public var nextToken: String?

  public init(queries: [LakeQuerySummary]? = nil, nextToken: String? = nil) {
    self.queries = queries
    self.nextToken = nextToken
  }

  enum CodingKeys: String, CodingKey {
    case queries = "Queries"
    case nextToken = "NextToken"
  }
}
