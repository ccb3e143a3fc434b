import Crypto
import Foundation
import LakeSQL

/// Search over the Lake pane's sample queries (`SampleQuery.all`) and the generator's questions
/// (`InvestigationQuestion.catalogue`): what SearchSampleQueries answers and the Lake pane's `?`
/// search lists.
///
/// Relevance is the share of the phrase's words (common words like "the" and "who" left out) found in
/// an entry's name, description and keywords, so 1.0 means every word was found; entries with none
/// are left out. Ties go to the question the generator would pick, then to catalogue order.
public struct SampleQuerySearch: Sendable {
  /// One entry found.
  public struct Result: Sendable {
    public var name: String
    public var description: String
    /// The statement over `$EDS_ID`, as the console's samples write it (questions with their
    /// example's values).
    public var sql: String
    /// 0–1, two decimals.
    public var relevance: Double
    /// The catalogue question, when the entry is one (its SQL can be generated for a prompt).
    public var question: InvestigationQuestion?
  }

  /// The clock's now, for the questions' example time ranges.
  public let now: Date
  let generator = QueryGenerator()

  public init(now: Date) { self.now = now }

  /// Every entry that matches `phrase`, most relevant first.
  public func results(for phrase: String) -> [Result] {
    let wanted = Set(PromptWords(phrase).stems.filter { !Self.commonWords.contains($0) })
    guard !wanted.isEmpty else { return [] }
    let scores = Dictionary(
      generator.ranked(phrase, now: now).map { ($0.question.name, $0.score) }, uniquingKeysWith: max)
    var found: [(result: Result, score: Double, order: Int)] = []
    for (order, question) in generator.catalogue.enumerated() {
      let text =
        ([question.question, question.description, question.example, Self.kindWords(question.storeKind)]
        + question.keywords.map(\.phrase))
        .joined(separator: " ")
      guard let relevance = Self.relevance(of: wanted, in: text) else { continue }
      let sql = generator.exampleStatement(of: question, store: SampleQuery.storePlaceholder, now: now)
      found.append(
        (
          Result(
            name: question.question, description: question.description, sql: sql, relevance: relevance,
            question: question),
          scores[question.name] ?? 0, order
        ))
    }
    for (order, sample) in SampleQuery.all.enumerated() {
      let text = [sample.name, sample.description, Self.kindWords(sample.storeKind)].joined(separator: " ")
      guard let relevance = Self.relevance(of: wanted, in: text) else {
        continue
      }
      found.append(
        (
          Result(name: sample.name, description: sample.description, sql: sample.sql, relevance: relevance),
          0, generator.catalogue.count + order
        ))
    }
    found.sort { a, b in
      if a.result.relevance != b.result.relevance { return a.result.relevance > b.result.relevance }
      if a.score != b.score { return a.score > b.score }
      return a.order < b.order
    }
    return found.map(\.result)
  }

  /// SearchSampleQueries: a page of `results(for:)`.
  /// - Throws: `InvalidParameterException` for a phrase or MaxResults outside the model's ranges, or
  ///   a NextToken not issued for this phrase.
  public func search(_ request: SearchSampleQueriesRequest) throws(ServiceError)
    -> SearchSampleQueriesResponse
  {
    let phrase = request.searchPhrase
    guard (2...1000).contains(phrase.count) else {
      throw .invalidParameter("The search phrase has \(phrase.count) characters; it must have 2 to 1000.")
    }
    let pageSize = request.maxResults ?? 10
    guard (1...50).contains(pageSize) else {
      throw .invalidParameter("MaxResults must be from 1 to 50; got \(pageSize).")
    }
    var offset = 0
    if let token = request.nextToken {
      guard let parsed = Self.offset(of: token, phrase: phrase) else {
        throw .invalidParameter("The NextToken '\(token)' was not issued for this SearchPhrase.")
      }
      offset = parsed
    }
    let all = results(for: phrase)
    let page = all.dropFirst(offset).prefix(pageSize)
    let next = offset + page.count < all.count ? Self.token(offset: offset + page.count, phrase: phrase) : nil
    return SearchSampleQueriesResponse(
      searchResults: page.map {
        SearchSampleQueriesSearchResult(
          name: $0.name, description: $0.description, sql: $0.sql, relevance: $0.relevance)
      },
      nextToken: next)
  }

  /// The share of `wanted` found in `text` (rounded to two decimals), or nil for none.
  static func relevance(of wanted: Set<String>, in text: String) -> Double? {
    let words = PromptWords(text)
    let hits = wanted.filter { words.contains($0) || ($0.count >= 4 && words.hasPrefix($0)) }.count
    guard hits > 0 else { return nil }
    return (Double(hits) / Double(wanted.count) * 100).rounded() / 100
  }

  /// Words that name the kind of store an entry reads, so "config" or "audit manager" finds the
  /// entries over configuration items or evidence (none for CloudTrail events, the default kind,
  /// whose entries searches have always matched by their own words).
  static func kindWords(_ kind: LakeTableSchema) -> String {
    switch kind {
    case .cloudTrail, .integration: ""
    case .configurationItem: "Config configuration items"
    case .evidence: "Audit Manager evidence"
    }
  }

  /// Words too common to count (already stemmed).
  static let commonWords: Set<String> = Set(
    [
      "a", "an", "the", "who", "what", "which", "when", "where", "how", "did", "do", "does", "is", "was",
      "are",
      "were", "in", "on", "of", "to", "for", "by", "from", "and", "or", "with", "this", "that", "my", "me",
      "show", "list", "find", "all", "any", "i", "we", "last", "past", "since",
    ].map(PromptWords.stem))

  /// A token for the page at `offset` of `phrase`'s results: the offset and a hash of the phrase, so
  /// a token is refused for another phrase.
  static func token(offset: Int, phrase: String) -> String {
    "ssq1-\(offset)-" + SHA256.hash(data: Array(phrase.utf8)).prefix(4).hex
  }

  static func offset(of token: String, phrase: String) -> Int? {
    let parts = token.split(separator: "-")
    guard parts.count == 3, parts[0] == "ssq1", let offset = Int(parts[1]), offset >= 0,
      token == Self.token(offset: offset, phrase: phrase)
    else { return nil }
    return offset
  }
}
