import Foundation

/// LookupEvents' request rules (spec §2.2, §2.4), turning a request into a `HistoryFilter`.
///
/// The messages are TrailDeck's own (AWS does not publish its texts); the exception names are
/// CloudTrail's. Matching is exact and case-sensitive (spec: OPEN; the inferred rule).
public enum LookupValidation {
  static let maxAttributeValueLength = 2000

  public static func filter(for request: LookupRequest) throws(ServiceError) -> HistoryFilter {
    var isInsight = false
    if let category = request.eventCategory {
      guard category == "insight" else {
        throw .invalidEventCategory(
          "Invalid EventCategory '\(category)'. The only valid value is 'insight'.")
      }
      isInsight = true
    }
    if let maxResults = request.maxResults, !(1...50).contains(maxResults) {
      throw .invalidMaxResults("MaxResults must be between 1 and 50; got \(maxResults).")
    }
    if let start = request.startTime, let end = request.endTime, start > end {
      throw .invalidTimeRange(
        "Start time \(ISO8601Time.format(start)) is after end time \(ISO8601Time.format(end)); the start time must not be later than the end time."
      )
    }
    guard request.lookupAttributes.count <= 1 else {
      throw .invalidLookupAttributes(
        "Only one lookup attribute is allowed per request; got \(request.lookupAttributes.count).")
    }
    let attribute = request.lookupAttributes.first
    if let attribute {
      if isInsight && !attribute.key.isAllowedWithInsight {
        throw .invalidLookupAttributes(
          "AttributeKey \(attribute.key.rawValue) cannot be used with EventCategory 'insight'. Use EventId, EventName or EventSource."
        )
      }
      let weighted = attribute.value.reduce(0) { count, c in count + ("_ ,\n".contains(c) ? 2 : 1) }
      guard weighted >= 1 else {
        throw .invalidLookupAttributes("AttributeValue for \(attribute.key.rawValue) must not be empty.")
      }
      guard weighted <= maxAttributeValueLength else {
        throw .invalidLookupAttributes(
          "AttributeValue for \(attribute.key.rawValue) is longer than \(maxAttributeValueLength) characters."
        )
      }
      if attribute.key == .readOnly && attribute.value != "true" && attribute.value != "false" {
        throw .invalidLookupAttributes(
          "AttributeValue for ReadOnly must be 'true' or 'false'; got '\(attribute.value)'.")
      }
    }
    return HistoryFilter(
      attribute: attribute, startTime: request.startTime, endTime: request.endTime, region: request.region,
      isInsight: isInsight)
  }

  /// Parses `AttributeKey=K,AttributeValue=V` (the aws CLI shorthand) or its JSON form.
  public static func parseAttribute(_ text: String) throws(ServiceError) -> LookupAttribute {
    var key: String?
    var value: String?
    if text.hasPrefix("{") || text.hasPrefix("[") {
      let data = Data(text.utf8)
      let object = try? JSONSerialization.jsonObject(with: data)
      let dictionary = (object as? [String: Any]) ?? ((object as? [[String: Any]])?.first)
      key = dictionary?["AttributeKey"] as? String
      value = dictionary?["AttributeValue"] as? String
    } else {
      // Split on the first comma only: values may contain commas after `AttributeValue=`.
      if let range = text.range(of: ",AttributeValue=") {
        let first = text[..<range.lowerBound]
        if first.hasPrefix("AttributeKey=") { key = String(first.dropFirst("AttributeKey=".count)) }
        value = String(text[range.upperBound...])
      } else if let range = text.range(of: ",AttributeKey="), text.hasPrefix("AttributeValue=") {
        value = String(
          text[text.index(text.startIndex, offsetBy: "AttributeValue=".count)..<range.lowerBound])
        key = String(text[range.upperBound...])
      }
    }
    guard let key, let value else {
      throw .invalidLookupAttributes(
        "Could not read lookup attribute '\(text)'. Write it as AttributeKey=EventName,AttributeValue=ConsoleLogin."
      )
    }
    guard let parsed = LookupAttributeKey(rawValue: key) else {
      let names = LookupAttributeKey.allCases.map(\.rawValue)
      let suggestion = Suggestions.nearest(to: key, in: names).map { " Did you mean '\($0)'?" } ?? ""
      throw .invalidLookupAttributes(
        "Unknown AttributeKey '\(key)'.\(suggestion) Valid keys: \(names.joined(separator: ", ")).")
    }
    return LookupAttribute(parsed, value)
  }
}

/// "Did you mean …?": the one place that picks a suggestion for a mistyped name, for the CLI and the UI.
public enum Suggestions {
  /// The candidate nearest to `word` (case-insensitive), when it is near enough to be a plausible
  /// typo: at most a third of the word's length in edits (at least 1, at most 3).
  public static func nearest(to word: String, in candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let scored = candidates.map { (candidate: $0, distance: distance(lowered, $0.lowercased())) }
    guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
    return best.distance <= min(3, max(1, word.count / 3)) ? best.candidate : nil
  }

  /// Edit distance over Characters: insertions, deletions, substitutions and swaps of neighbours (so
  /// the common typo `ligth` is one edit from `light`).
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }
}
