import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The body of DeleteObjects: `<Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>…</Delete>`.
struct S3DeleteRequest: Sendable {
  var keys: [String] = []
  var quiet = false

  /// The request in `xml`; nil when it is not well-formed or not a `<Delete>` document.
  init?(xml: Data) {
    let reader = Reader()
    let parser = XMLParser(data: xml)
    parser.delegate = reader
    // Some XMLParser versions accept a document cut short; the root must have closed too.
    guard parser.parse(), reader.root == "Delete", reader.isClosed else { return nil }
    keys = reader.keys
    quiet = reader.quiet
  }

  /// Collects the text of `Object/Key` and `Quiet` elements.
  private final class Reader: NSObject, XMLParserDelegate {
    var root: String?
    var path: [String] = []
    var text = ""
    var keys: [String] = []
    var quiet = false
    var isClosed = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if root == nil { root = name }
      path.append(name)
      text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      if path.suffix(2) == ["Object", "Key"] { keys.append(text) }
      if path == ["Delete", "Quiet"] {
        quiet = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
      }
      path.removeLast()
      isClosed = path.isEmpty
      text = ""
    }
  }
}
