import Foundation

/// The offline stand-in for CloudTrail's GenerateQuery: matches a prompt against the catalogue of
/// investigation questions (`InvestigationQuestion.catalogue`), reads the question's parameters from
/// the prompt, and writes the question's Lake SQL over one event data store. No network, no model:
/// the same prompt at the same clock time always gives the same statement.
public struct QueryGenerator: Sendable {
  /// A question the prompt asks, with how strongly.
  public struct Match: Sendable {
    public var question: InvestigationQuestion
    public var score: Double
  }

  /// What the generator could not do.
  public enum Failure: Error, Sendable {
    /// No question scores high enough; the closest ones, best first.
    case noMatch(closest: [InvestigationQuestion])
    /// The best question needs parameters the prompt does not give.
    case missingParameters(InvestigationQuestion, [InvestigationQuestion.Parameter])

    /// The message GenerateResponseException carries.
    public var message: String {
      switch self {
      case .noMatch(let closest):
        let list = closest.map { "'\($0.question)' (e.g. '\($0.example)')" }.joined(separator: "; ")
        return "TrailDeck's offline query generator matched the prompt to none of its questions. "
          + "Closest: \(list). search-sample-queries lists them all."
      case .missingParameters(let question, let missing):
        let needs = missing.map(\.rawValue).joined(separator: " and ")
        return "The prompt asks '\(question.question)', which needs \(needs) in the prompt, "
          + "e.g. '\(question.example)'."
      }
    }
  }

  /// The least score a question needs to be generated: one strong keyword, or two weaker ones.
  public static let threshold: Double = 2.5

  public let catalogue: [InvestigationQuestion]

  public init(catalogue: [InvestigationQuestion] = InvestigationQuestion.catalogue) {
    self.catalogue = catalogue
  }

  /// The questions `prompt` asks, best first (ties in catalogue order); those scoring 0 are left out.
  public func ranked(_ prompt: String, now: Date) -> [Match] {
    let words = PromptWords(prompt)
    let parameters = PromptParameters(prompt: prompt, now: now)
    var scored: [(order: Int, match: Match)] = []
    for (order, question) in catalogue.enumerated() {
      let score = question.score(words, parameters)
      if score > 0 { scored.append((order, Match(question: question, score: score))) }
    }
    scored.sort { $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.order < $1.order }
    return scored.map(\.match)
  }

  /// The statement answering `prompt` over the store whose table name is `store`, and the question
  /// it answers.
  ///
  /// The best-scoring question whose parameters the prompt gives wins; when the best one lacks a
  /// parameter and no other question reaches the threshold, the failure says what to add.
  /// - Throws: `Failure`.
  public func generate(_ prompt: String, store: String, now: Date) throws(Failure) -> (
    question: InvestigationQuestion, statement: String
  ) {
    let parameters = PromptParameters(prompt: prompt, now: now)
    let matches = ranked(prompt, now: now).filter { $0.score >= Self.threshold }
    guard let best = matches.first(where: { $0.question.missing(parameters).isEmpty }) else {
      if let first = matches.first {
        throw .missingParameters(first.question, first.question.missing(parameters))
      }
      throw .noMatch(closest: closest(to: prompt, now: now))
    }
    let input = InvestigationQuestion.Input(store: store, parameters: parameters, now: now)
    return (best.question, best.question.statement(input))
  }

  /// The statement of `question` for an example prompt over `store`: what SearchSampleQueries and
  /// the catalogue's documentation show.
  public func exampleStatement(of question: InvestigationQuestion, store: String, now: Date) -> String {
    let input = InvestigationQuestion.Input(
      store: store, parameters: PromptParameters(prompt: question.example, now: now), now: now)
    return question.statement(input)
  }

  /// The statement of `question` over `store` with the values `prompt` gives, and the example's for
  /// those it lacks: what the Lake pane writes into the editor when a question is picked from a search,
  /// so the statement always runs and the user edits the values in place.
  public func statement(
    of question: InvestigationQuestion, prompt: String, store: String, now: Date
  ) -> String {
    var parameters = PromptParameters(prompt: prompt, now: now)
    let example = PromptParameters(prompt: question.example, now: now)
    for missing in question.missing(parameters) {
      switch missing {
      case .userName: parameters.userName = example.userName
      case .roleName: parameters.roleName = example.roleName
      case .accessKeyId: parameters.accessKeyId = example.accessKeyId
      case .resource: parameters.resource = example.resource
      case .ipAddress: parameters.ipAddress = example.ipAddress
      }
    }
    return question.statement(InvestigationQuestion.Input(store: store, parameters: parameters, now: now))
  }

  /// Three questions close to a prompt that matched none well: those sharing a word with it (or the
  /// start of one), else the catalogue's first three.
  func closest(to prompt: String, now: Date) -> [InvestigationQuestion] {
    let scored = ranked(prompt, now: now).map(\.question)
    let words = PromptWords(prompt)
    let sharing = catalogue.filter { question in
      !scored.contains { $0.name == question.name }
        && PromptWords(question.question + " " + question.description).stems.contains { stem in
          stem.count >= 4 && words.hasPrefix(String(stem.prefix(4)))
        }
    }
    return Array((scored + sharing + catalogue).uniqued(by: \.name).prefix(3))
  }
}

extension Sequence {
  /// The elements in order, each `key` kept once.
  fileprivate func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
    var seen = Set<Key>()
    return filter { seen.insert(key($0)).inserted }
  }
}
