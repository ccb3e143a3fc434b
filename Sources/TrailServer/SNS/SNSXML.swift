import Foundation

/// SNS's query-protocol answers: `<ActionResponse>` with the result wrapped in `<ActionResult>` and
/// the request id in `<ResponseMetadata>`, or `<ErrorResponse>`, all in SNS's 2010-03-31 namespace
/// (what botocore's `QueryParser` reads).
enum SNSXML {
  static let namespace = "http://sns.amazonaws.com/doc/2010-03-31/"

  /// The success document of `action`; `result` is the inner XML of `<ActionResult>`, nil for
  /// actions whose output has no members (DeleteTopic).
  static func response(action: String, result: String?, requestID: String) -> String {
    var xml = "<?xml version=\"1.0\"?>\n<\(action)Response xmlns=\"\(namespace)\">"
    if let result { xml += "<\(action)Result>\(result)</\(action)Result>" }
    xml += "<ResponseMetadata><RequestId>\(escape(requestID))</RequestId></ResponseMetadata>"
    return xml + "</\(action)Response>"
  }

  /// The error document: `Sender` for the caller's mistakes, `Receiver` for TrailDeck's own failures.
  static func error(code: String, message: String, requestID: String) -> String {
    let type = code == "InternalError" ? "Receiver" : "Sender"
    return "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"\(namespace)\"><Error><Type>\(type)</Type>"
      + "<Code>\(escape(code))</Code><Message>\(escape(message))</Message></Error>"
      + "<RequestId>\(escape(requestID))</RequestId></ErrorResponse>"
  }

  /// `<name>text</name>` with the text escaped.
  static func element(_ name: String, _ text: String) -> String { "<\(name)>\(escape(text))</\(name)>" }

  /// A map as the query protocol writes one (not flattened): `<entry><key>…</key><value>…</value></entry>`.
  static func entries(_ map: [(key: String, value: String)]) -> String {
    map.map { "<entry>" + element("key", $0.key) + element("value", $0.value) + "</entry>" }.joined()
  }

  /// `text` safe inside an element: `&`, `<`, `>` and `"` escaped (as SNS writes policies: `&quot;`), and `\r` written as a reference
  /// because parsers turn a literal one into `\n` (policies and display names keep their bytes).
  static func escape(_ text: String) -> String { XMLText.escape(text) }

  /// The HTTP status SNS answers error `code` with.
  static func status(for code: String) -> Int {
    switch code {
    case "NotFound": 404
    case "AuthorizationError": 403
    case "InternalError": 500
    default: 400
    }
  }
}
