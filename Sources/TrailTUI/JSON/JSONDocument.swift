/// A run of text with one role.
public struct Span: Equatable, Sendable {
  public var text: String
  public var role: Role
  public init(_ text: String, _ role: Role) {
    self.text = text
    self.role = role
  }
}

/// One display line of a pretty-printed document.
public struct StyledLine: Equatable, Sendable {
  public var spans: [Span]
  /// The container that opens on this line, so Enter/space on it can fold it.
  public var foldID: Int?
  public init(spans: [Span], foldID: Int? = nil) {
    self.spans = spans
    self.foldID = foldID
  }
  public var text: String { spans.map(\.text).joined() }
}

/// A JSON record pretty-printed for the viewer, with per-container folding.
///
/// Containers are numbered in document order (the root is 0), so fold state is a set of numbers that
/// survives re-rendering; a folded container shows `{ … }` with its member count.
public struct JSONDocument: Equatable, Sendable {
  public let root: JSONNode?
  /// Set when the text is not JSON: the viewer then shows the raw text.
  public let syntaxError: JSONSyntaxError?
  public let rawText: String
  public let containerCount: Int

  public init(text: String) {
    rawText = text
    do {
      let node = try JSONReader.parse(text)
      root = node
      syntaxError = nil
      containerCount = JSONDocument.countContainers(node)
    } catch {
      root = nil
      syntaxError = error
      containerCount = 0
    }
  }

  /// The display lines with the containers in `folded` collapsed.
  public func lines(folded: Set<Int>, indent: Int = 2) -> [StyledLine] {
    guard let root else {
      let warning = StyledLine(spans: [
        Span(
          "not valid JSON (\(syntaxError?.reason ?? "?") at \(syntaxError?.offset ?? 0)); raw text:", .warning
        )
      ])
      return [warning]
        + rawText.split(separator: "\n", omittingEmptySubsequences: false).map {
          StyledLine(spans: [Span(String($0), .normal)])
        }
    }
    var output: [StyledLine] = []
    var counter = 0
    emit(
      root, prefix: [], suffix: "", depth: 0, folded: folded, indent: indent, counter: &counter, into: &output
    )
    return output
  }

  private func emit(
    _ node: JSONNode, prefix: [Span], suffix: String, depth: Int, folded: Set<Int>, indent: Int,
    counter: inout Int, into output: inout [StyledLine]
  ) {
    let pad = Span(String(repeating: " ", count: depth * indent), .normal)
    let tail = suffix.isEmpty ? [] : [Span(suffix, .jsonPunctuation)]
    switch node {
    case .object, .array:
      emitContainer(
        node, prefix: prefix, tail: tail, pad: pad, depth: depth, folded: folded, indent: indent,
        counter: &counter, into: &output)
    case .string(let text):
      output.append(StyledLine(spans: [pad] + prefix + [Span(text, .jsonString)] + tail))
    case .number(let text):
      output.append(StyledLine(spans: [pad] + prefix + [Span(text, .jsonNumber)] + tail))
    case .literal(let text):
      output.append(StyledLine(spans: [pad] + prefix + [Span(text, .jsonLiteral)] + tail))
    }
  }

  private func emitContainer(
    _ node: JSONNode, prefix: [Span], tail: [Span], pad: Span, depth: Int, folded: Set<Int>, indent: Int,
    counter: inout Int, into output: inout [StyledLine]
  ) {
    let id = counter
    counter += 1
    let (open, close, children, noun): (String, String, [(key: String?, value: JSONNode)], String)
    switch node {
    case .object(let members):
      (open, close, children, noun) = ("{", "}", members.map { ($0.key, $0.value) }, "key")
    case .array(let items): (open, close, children, noun) = ("[", "]", items.map { (nil, $0) }, "item")
    default: return
    }
    if children.isEmpty {
      output.append(StyledLine(spans: [pad] + prefix + [Span(open + close, .jsonPunctuation)] + tail))
      return
    }
    if folded.contains(id) {
      let count = "  \(children.count) \(noun)\(children.count == 1 ? "" : "s")"
      output.append(
        StyledLine(
          spans: [pad] + prefix + [Span("\(open) … \(close)", .jsonPunctuation)] + tail + [
            Span(count, .muted)
          ],
          foldID: id))
      counter += children.reduce(0) { $0 + JSONDocument.countContainers($1.value) }
      return
    }
    output.append(StyledLine(spans: [pad] + prefix + [Span(open, .jsonPunctuation)], foldID: id))
    for (index, child) in children.enumerated() {
      var childPrefix: [Span] = []
      if let key = child.key { childPrefix = [Span(key, .jsonKey), Span(": ", .jsonPunctuation)] }
      emit(
        child.value, prefix: childPrefix, suffix: index < children.count - 1 ? "," : "", depth: depth + 1,
        folded: folded, indent: indent, counter: &counter, into: &output)
    }
    output.append(StyledLine(spans: [pad, Span(close, .jsonPunctuation)] + tail))
  }

  static func countContainers(_ node: JSONNode) -> Int {
    switch node {
    case .object(let members): 1 + members.reduce(0) { $0 + countContainers($1.value) }
    case .array(let items): 1 + items.reduce(0) { $0 + countContainers($1) }
    default: 0
    }
  }
}
