import Foundation

/// The body of DeleteObjects: `<Delete><Quiet>true</Quiet><Object><Key>k</Key></Object>…</Delete>`.
struct S3DeleteRequest: Sendable {
  var keys: [String] = []
  var quiet = false

  /// The request in `xml`; nil when it is not well-formed or not a `<Delete>` document.
  init?(xml: Data) {
    guard let document = S3XMLDocument(xml), document.root == "Delete" else { return nil }
    for (path, text) in document.leaves {
      if path.suffix(2) == ["Object", "Key"] { keys.append(text) }
      if path == ["Delete", "Quiet"] {
        quiet = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
      }
    }
  }
}
