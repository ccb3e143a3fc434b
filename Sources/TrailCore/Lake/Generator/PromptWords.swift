/// A prompt as the generator compares it: lower-case words reduced to a crude stem, so "deleted",
/// "deletes" and "deleting" meet "delete", and "policies" meets "policy". Word order is not kept:
/// questions are matched by which stems occur, not where.
public struct PromptWords: Equatable, Sendable {
  /// The stems of the prompt's words, in order (duplicates kept, for display and tests).
  public let stems: [String]
  /// The same stems as a set, for lookups.
  public let set: Set<String>

  public init(_ text: String) {
    stems = Self.words(text).map(Self.stem)
    set = Set(stems)
  }

  /// Whether every stem of `phrase` (itself stemmed) is among the prompt's, in any order. A stem of
  /// five letters or more also matches a longer word it starts ("delet" meets "deletion", "activ"
  /// meets "activity"), which covers the derived forms the crude stemmer leaves apart.
  public func contains(_ phrase: String) -> Bool {
    let wanted = Self.words(phrase).map(Self.stem)
    return !wanted.isEmpty
      && wanted.allSatisfy { stem in
        set.contains(stem) || (stem.count >= 5 && set.contains { $0.hasPrefix(stem) })
      }
  }

  /// Whether some stem of the prompt starts with `prefix` (a word typed halfway, in the TUI's search).
  public func hasPrefix(_ prefix: String) -> Bool {
    set.contains { $0.hasPrefix(prefix) }
  }

  /// Letters and digits runs, lower-cased; everything else separates words.
  static func words(_ text: String) -> [String] {
    text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }

  /// Strips the English endings that matter for these questions (plural, past, -ing, a final e), so
  /// every form of a word meets the same stem; both the prompt and the catalogue's keywords go through
  /// it, so a stem need not be a word. Short words keep all but a plural s ("ips" → "ip").
  static func stem(_ word: String) -> String {
    if word.count <= 3 {
      return word.count == 3 && word.hasSuffix("s") ? String(word.dropLast()) : word
    }
    var stem = word
    for (ending, replacement) in Self.endings
    where stem.hasSuffix(ending) && !(ending == "s" && stem.hasSuffix("ss")) && stem.count - ending.count >= 3
    {
      stem = String(stem.dropLast(ending.count)) + replacement
      break
    }
    if stem.count >= 4 && stem.hasSuffix("e") { stem.removeLast() }
    return stem
  }

  /// Longest first; "ies" → "y" (policies → policy), "sses" → "ss" (addresses → address).
  private static let endings: [(String, String)] = [
    ("sses", "ss"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
  ]
}
