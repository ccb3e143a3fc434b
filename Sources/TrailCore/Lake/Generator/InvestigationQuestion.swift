import Foundation
import LakeSQL

/// One question of the generator's catalogue: how prompts ask it (weighted keywords), what it needs
/// from the prompt, and the Lake SQL that answers it.
public struct InvestigationQuestion: Sendable {
  /// A value the question reads from the prompt.
  public enum Parameter: String, Sendable, CaseIterable {
    case userName = "an IAM user name (user NAME)"
    case roleName = "a role name (role NAME)"
    case accessKeyId = "an access key ID (AKIA… or ASIA…)"
    case resource = "a resource (an ARN, a quoted name, or bucket/instance/… NAME)"
    case ipAddress = "an IPv4 address"
    case controlName = "a control (control NAME, e.g. control S3.14)"
  }

  /// A stable, model-valid name (`^[a-zA-Z][a-zA-Z0-9._-]*$`): the sample query's Name in
  /// SearchSampleQueries and the stem of the generated QueryAlias.
  public var name: String
  /// The question as a person asks it.
  public var question: String
  /// What the generated query lists.
  public var description: String
  /// Words or phrases (all words present, any order) and how strongly each points here.
  public var keywords: [(phrase: String, weight: Double)]
  /// Parameters the prompt must give; without them the question cannot be generated.
  public var requires: [Parameter]
  /// A prompt that asks it, with example values (shown in errors and searches).
  public var example: String
  /// The kind of event data store the statement reads: CloudTrail events, configuration items or
  /// evidence (each has its own columns).
  public var storeKind: LakeTableSchema
  /// The statement over `input.store`.
  let statement: @Sendable (_ input: Input) -> String

  init(
    _ name: String, _ question: String, _ description: String, keywords: [(String, Double)],
    requires: [Parameter] = [], example: String, storeKind: LakeTableSchema = .cloudTrail,
    statement: @escaping @Sendable (_ input: Input) -> String
  ) {
    self.name = name
    self.question = question
    self.description = description
    self.keywords = keywords.map { (phrase: $0.0, weight: $0.1) }
    self.requires = requires
    self.example = example
    self.storeKind = storeKind
    self.statement = statement
  }

  /// What a statement is built from: the store's table name, the prompt's parameters, the clock.
  struct Input: Sendable {
    var store: String
    var parameters: PromptParameters
    var now: Date

    /// `WHERE` with `conditions` and the prompt's time range, or nothing when there are none.
    func whereClause(_ conditions: [String]) -> String {
      var all = conditions
      if let range = parameters.timeRange {
        if let start = range.start { all.append("eventTime >= \(Self.timestamp(start))") }
        if let end = range.end { all.append("eventTime < \(Self.timestamp(end))") }
      }
      return all.isEmpty ? "" : "WHERE " + all.joined(separator: "\n  AND ")
    }

    /// A SQL string literal of `text` (quotes doubled).
    static func literal(_ text: String) -> String {
      "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A `LIKE` pattern literal matching `text` anywhere.
    static func containing(_ text: String) -> String { literal("%" + text + "%") }

    /// A timestamp literal as Lake compares with eventTime: `'2026-11-01 00:00:00'`.
    static func timestamp(_ date: Date) -> String {
      let iso = ISO8601Time.format(date)
      return "'" + iso.prefix(10) + " " + iso.dropFirst(11).prefix(8) + "'"
    }

    /// `column IN ('a', 'b', …)`.
    static func oneOf(_ column: String, _ values: [String]) -> String {
      "\(column) IN (" + values.map(literal).joined(separator: ", ") + ")"
    }
  }

  /// How strongly `words` (with `parameters`) ask this question: the weights of the keywords present,
  /// plus 2 for each required parameter given.
  func score(_ words: PromptWords, _ parameters: PromptParameters) -> Double {
    let keywordScore = keywords.reduce(0) { $0 + (words.contains($1.phrase) ? $1.weight : 0) }
    guard keywordScore > 0 else { return 0 }
    return keywordScore + Double(requires.filter { parameters.has($0) }.count) * 2
  }

  /// The required parameters `parameters` lacks.
  func missing(_ parameters: PromptParameters) -> [Parameter] {
    requires.filter { !parameters.has($0) }
  }
}

extension PromptParameters {
  /// Whether the prompt gave `parameter`.
  func has(_ parameter: InvestigationQuestion.Parameter) -> Bool {
    switch parameter {
    case .userName: userName != nil
    case .roleName: roleName != nil
    case .accessKeyId: accessKeyId != nil
    case .resource: resource != nil
    case .ipAddress: ipAddress != nil
    case .controlName: controlName != nil
    }
  }
}
