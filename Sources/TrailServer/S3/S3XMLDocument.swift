import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The leaf elements of a small XML request body (DeleteObjects' `<Delete>`, CompleteMultipartUpload's
/// `<CompleteMultipartUpload>`), each with the path of element names that leads to it, in order.
struct S3XMLDocument: Sendable {
  /// `(["Delete", "Object", "Key"], "a.txt")`, …
  var leaves: [(path: [String], text: String)]
  /// The root element's name.
  var root: String

  /// The document in `data`; nil when it is not well-formed.
  init?(_ data: Data) {
    let reader = Reader()
    let parser = XMLParser(data: data)
    parser.delegate = reader
    // Some XMLParser versions accept a document cut short; the root must have closed too.
    guard parser.parse(), let root = reader.root, reader.isClosed else { return nil }
    self.root = root
    leaves = reader.leaves
  }

  private final class Reader: NSObject, XMLParserDelegate {
    var root: String?
    var path: [String] = []
    var text = ""
    var hasChildren = false
    var leaves: [(path: [String], text: String)] = []
    var isClosed = false

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      if root == nil { root = name }
      path.append(name)
      text = ""
      hasChildren = false
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
      if !hasChildren { leaves.append((path, text)) }
      path.removeLast()
      isClosed = path.isEmpty
      // The element that holds this one is not a leaf.
      hasChildren = true
      text = ""
    }
  }
}
