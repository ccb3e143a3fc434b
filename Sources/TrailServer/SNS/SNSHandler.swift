import Foundation
import TrailCore

/// Amazon SNS's query protocol, for the topics trails notify: `CreateTopic`, `ListTopics`,
/// `DeleteTopic` and `GetTopicAttributes`, form-encoded `Action=…&Version=2010-03-31` in, SNS's XML
/// out (`SNSXML`). Topics belong to the caller's account and region and are `SnsTopics` files, the
/// same the CLI's `create-topic` makes. Each call of a known action is recorded as a CloudTrail event
/// of `sns.amazonaws.com`.
public struct SNSHandler: ProtocolHandler {
  public let environment: ServerEnvironment

  /// The handler over `environment`'s store and folders.
  public init(environment: ServerEnvironment) { self.environment = environment }

  /// The actions answered; anything else is `InvalidAction`.
  public static let actions: Set<String> = ["CreateTopic", "ListTopics", "DeleteTopic", "GetTopicAttributes"]

  /// SNS pages `ListTopics` by 100.
  static let pageSize = 100

  /// What an action produced: the inner XML of its result and what CloudTrail records of it.
  struct Outcome: Sendable {
    var result: String?
    var requestParameters: JSONValue?
    var responseElements: JSONValue?
  }

  public func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse {
    let requestID = UUID().uuidString.lowercased()
    let items = request.queryItems + ServerRequest.formItems(String(decoding: request.body, as: UTF8.self))
    let parameters = Dictionary(items.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    guard let action = parameters["Action"], Self.actions.contains(action) else {
      let action = parameters["Action"] ?? ""
      return Self.failure(
        ServiceError("InvalidAction", "The action \(action) is not valid for this web service."),
        requestID: requestID)
    }
    let topics = SnsTopics(environment.context(for: caller))
    let time = environment.clock.now()
    let result: Result<Outcome, ServiceError>
    do {
      result = try await environment.work.run {
        do throws(ServiceError) {
          return .success(
            try Self.perform(
              action, parameters, topics: topics, account: caller.account, region: caller.region, at: time))
        } catch {
          return .failure(error)
        }
      }
    } catch {
      result = .failure(ServiceError("InternalError", "The request could not be run: \(error)"))
    }
    var call = RecordedCall(
      eventSource: "sns.amazonaws.com", eventName: action, caller: caller, time: time, requestID: requestID,
      requestParameters: Self.requestParameters(action, parameters), readOnly: RecordedCall.isReadOnly(action)
    )
    switch result {
    case .success(let outcome):
      call.responseElements = outcome.responseElements
      environment.recorder.record(call)
      return .text(
        SNSXML.response(action: action, result: outcome.result, requestID: requestID),
        contentType: "text/xml",
        headers: [(name: "x-amzn-RequestId", value: requestID)])
    case .failure(let error):
      call.errorCode = error.exceptionName
      call.errorMessage = error.message
      environment.recorder.record(call)
      return Self.failure(error, requestID: requestID)
    }
  }

  /// Runs `action` (one of `actions`) against `topics`.
  static func perform(
    _ action: String, _ parameters: [String: String], topics: SnsTopics, account: String, region: String,
    at time: Date
  ) throws(ServiceError) -> Outcome {
    switch action {
    case "CreateTopic":
      let name = try required("Name", parameters)
      if parameters.keys.contains(where: { $0.hasPrefix("Tags.") }) {
        throw ServiceError(
          "InvalidParameter", "Invalid parameter: Tags Reason: TrailDeck does not keep topic tags")
      }
      let arn = try topics.create(
        name: name, attributes: try attributes(parameters), account: account, region: region, at: time)
      return Outcome(
        result: SNSXML.element("TopicArn", arn),
        responseElements: .object([(key: "topicArn", value: .string(arn))]))
    case "ListTopics":
      let all = topics.list(account: account, region: region)
      let start = try pageStart(parameters["NextToken"], in: all)
      let page = all[start..<min(all.count, start + pageSize)]
      var result =
        "<Topics>" + page.map { "<member>" + SNSXML.element("TopicArn", $0) + "</member>" }.joined()
      result += "</Topics>"
      if page.endIndex < all.count, let last = page.last {
        result += SNSXML.element("NextToken", Data(last.utf8).base64EncodedString())
      }
      return Outcome(result: result)
    case "DeleteTopic":
      try topics.delete(arn: try required("TopicArn", parameters), account: account, region: region)
      return Outcome(result: nil)
    default:  // GetTopicAttributes
      let topic = try topics.attributes(
        arn: try required("TopicArn", parameters), account: account, region: region)
      return Outcome(result: "<Attributes>" + SNSXML.entries(topic.attributes) + "</Attributes>")
    }
  }

  /// A required member, or AWS's validation error naming it as the query protocol does (camelCase).
  static func required(_ name: String, _ parameters: [String: String]) throws(ServiceError) -> String {
    guard let value = parameters[name] else {
      let member = name.prefix(1).lowercased() + name.dropFirst()
      throw ServiceError(
        "ValidationError",
        "1 validation error detected: Value null at '\(member)' failed to satisfy constraint: Member must not be null"
      )
    }
    return value
  }

  /// `Attributes.entry.N.key` / `.value` pairs, the query protocol's spelling of a map.
  static func attributes(_ parameters: [String: String]) throws(ServiceError) -> [String: String] {
    var map: [String: String] = [:]
    for (name, key) in parameters where name.hasPrefix("Attributes.entry.") && name.hasSuffix(".key") {
      let index = name.dropFirst("Attributes.entry.".count).dropLast(".key".count)
      map[key] = parameters["Attributes.entry.\(index).value"] ?? ""
    }
    return map
  }

  /// Where the page after `token` (the base64 of the last ARN of the previous page) starts.
  static func pageStart(_ token: String?, in arns: [String]) throws(ServiceError) -> Int {
    guard let token else { return 0 }
    guard let data = Data(base64Encoded: token), let last = String(data: data, encoding: .utf8),
      SnsTopics.parse(last) != nil
    else { throw ServiceError("InvalidParameter", "Invalid parameter: NextToken") }
    return arns.firstIndex { $0 > last } ?? arns.count
  }

  /// CloudTrail's `requestParameters` for SNS calls: the members SNS's events show, camelCase.
  static func requestParameters(_ action: String, _ parameters: [String: String]) -> JSONValue? {
    let members: [(String, String)] =
      switch action {
      case "CreateTopic": [("Name", "name")]
      case "ListTopics": [("NextToken", "nextToken")]
      default: [("TopicArn", "topicArn")]
      }
    let fields = members.compactMap { member, key in
      parameters[member].map { (key: key, value: JSONValue.string($0)) }
    }
    return fields.isEmpty ? nil : .object(fields)
  }

  /// SNS's error document for `error`, with its status.
  static func failure(_ error: ServiceError, requestID: String) -> ServerResponse {
    .text(
      SNSXML.error(code: error.exceptionName, message: error.message, requestID: requestID),
      status: SNSXML.status(for: error.exceptionName), contentType: "text/xml",
      headers: [(name: "x-amzn-RequestId", value: requestID)])
  }
}
