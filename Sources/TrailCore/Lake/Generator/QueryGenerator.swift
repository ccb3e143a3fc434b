import Foundation
import LakeSQL

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
    /// The prompt asks a question about another kind of store than the one named (a CloudTrail
    /// question of a configuration-item store, …); the questions that fit the store, closest first.
    case wrongStoreKind(
      asked: InvestigationQuestion, store: String, storeKind: LakeTableSchema,
      fitting: [InvestigationQuestion])

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
      case .wrongStoreKind(let asked, let store, let kind, let fitting):
        let list = fitting.map { "'\($0.question)' (e.g. '\($0.example)')" }.joined(separator: "; ")
        return "The prompt asks '\(asked.question)', a question about \(asked.storeKind.kindName), "
          + "but the event data store \(store) holds \(kind.kindName). Questions for it: \(list)."
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
  /// it answers. Only questions of `storeKind` (the store's table: CloudTrail events, configuration
  /// items or evidence) are generated, since the others read columns that store lacks.
  ///
  /// The best-scoring question whose parameters the prompt gives wins; when the best one lacks a
  /// parameter and no other question reaches the threshold, the failure says what to add; when a
  /// question of another kind scores a whole threshold above the store's best (or the store's kind
  /// has none), the failure names the store's kind and the questions that fit it.
  /// - Throws: `Failure`.
  public func generate(
    _ prompt: String, store: String, storeKind: LakeTableSchema = .cloudTrail, now: Date
  ) throws(Failure) -> (question: InvestigationQuestion, statement: String) {
    let parameters = PromptParameters(prompt: prompt, now: now)
    let strong = ranked(prompt, now: now).filter { $0.score >= Self.threshold }
    let matches = strong.filter { $0.question.storeKind == storeKind }
    // A question of another kind that outscores the store's best by a whole threshold is what the
    // prompt asks ("which compliance checks failed" of a store of CloudTrail events): say so rather
    // than answer a weak neighbour ("which console logins failed").
    if let top = strong.first, top.question.storeKind != storeKind,
      top.score >= (matches.first?.score ?? 0) + Self.threshold
    {
      throw .wrongStoreKind(
        asked: top.question, store: store, storeKind: storeKind,
        fitting: closest(to: prompt, now: now, kind: storeKind))
    }
    guard let best = matches.first(where: { $0.question.missing(parameters).isEmpty }) else {
      if let first = matches.first {
        throw .missingParameters(first.question, first.question.missing(parameters))
      }
      throw .noMatch(closest: closest(to: prompt, now: now, kind: storeKind))
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
      case .controlName: parameters.controlName = example.controlName
      }
    }
    return question.statement(InvestigationQuestion.Input(store: store, parameters: parameters, now: now))
  }

  /// Three questions of `kind` close to a prompt that matched none well: those sharing a word with
  /// it (or the start of one), else the kind's first three.
  func closest(to prompt: String, now: Date, kind: LakeTableSchema = .cloudTrail) -> [InvestigationQuestion] {
    let ofKind = catalogue.filter { $0.storeKind == kind }
    let scored = ranked(prompt, now: now).map(\.question).filter { $0.storeKind == kind }
    let words = PromptWords(prompt)
    let sharing = ofKind.filter { question in
      !scored.contains { $0.name == question.name }
        && PromptWords(question.question + " " + question.description).stems.contains { stem in
          stem.count >= 4 && words.hasPrefix(String(stem.prefix(4)))
        }
    }
    return Array((scored + sharing + ofKind).uniqued(by: \.name).prefix(3))
  }
}

extension Sequence {
  /// The elements in order, each `key` kept once.
  fileprivate func uniqued<Key: Hashable>(by key: (Element) -> Key) -> [Element] {
    var seen = Set<Key>()
    return filter { seen.insert(key($0)).inserted }
  }
}
