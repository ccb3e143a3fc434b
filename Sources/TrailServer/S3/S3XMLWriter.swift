/// Writes the small XML documents S3 answers with, escaping text so keys with `<`, `&` or quotes stay
/// well-formed.
struct S3XMLWriter {
  /// S3's namespace, on every document's root element.
  static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

  private(set) var text = #"<?xml version="1.0" encoding="UTF-8"?>"#

  /// Opens `name`; the root carries S3's namespace when `namespaced`.
  mutating func open(_ name: String, namespaced: Bool = false) {
    text += namespaced ? "<\(name) xmlns=\"\(Self.namespace)\">" : "<\(name)>"
  }

  mutating func close(_ name: String) { text += "</\(name)>" }

  /// `<name>value</name>`, the value escaped.
  mutating func element(_ name: String, _ value: String) {
    text += "<\(name)>\(Self.escape(value))</\(name)>"
  }

  /// The root element holding only `value` (GetBucketLocation's `<LocationConstraint>`).
  mutating func rootElement(_ name: String, _ value: String) {
    text += "<\(name) xmlns=\"\(Self.namespace)\">\(Self.escape(value))</\(name)>"
  }

  /// `value` escaped for XML text (`XMLText`).
  static func escape(_ value: String) -> String { XMLText.escape(value) }
}
