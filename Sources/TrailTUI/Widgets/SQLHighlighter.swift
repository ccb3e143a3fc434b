import LakeSQL

/// Colours Lake SQL text by role: keywords, strings, numbers, comments and function calls.
///
/// Works line by line for the editor, carrying only whether a `/* … */` comment is still open, so a
/// keystroke re-colours cheaply and a half-typed statement still colours (no parse needed).
public enum SQLHighlighter {
  /// One role per character of every line.
  public static func roles(of lines: [[Character]]) -> [[Role]] {
    var inBlockComment = false
    return lines.map { line in roles(of: line, inBlockComment: &inBlockComment) }
  }

  /// One role per character of `line`; `inBlockComment` says whether it starts inside a block comment
  /// and is left saying whether it ends inside one.
  static func roles(of line: [Character], inBlockComment: inout Bool) -> [Role] {
    var roles = [Role](repeating: .normal, count: line.count)
    var i = 0
    func at(_ index: Int) -> Character? { index < line.count ? line[index] : nil }
    while i < line.count {
      if inBlockComment {
        let start = i
        while i < line.count, !(line[i] == "*" && at(i + 1) == "/") { i += 1 }
        if i < line.count {
          i += 2
          inBlockComment = false
        }
        for k in start..<min(i, line.count) { roles[k] = .sqlComment }
        continue
      }
      let c = line[i]
      if c == "-" && at(i + 1) == "-" {
        for k in i..<line.count { roles[k] = .sqlComment }
        break
      }
      if c == "/" && at(i + 1) == "*" {
        inBlockComment = true
        roles[i] = .sqlComment
        roles[i + 1] = .sqlComment
        i += 2
        continue
      }
      if c == "'" {
        let start = i
        i += 1
        while i < line.count {
          if line[i] == "'" {
            if at(i + 1) == "'" {
              i += 2
              continue
            }
            i += 1
            break
          }
          i += 1
        }
        for k in start..<i { roles[k] = .sqlString }
        continue
      }
      if c == "\"" {
        // A quoted identifier is a name, not a string: it stays normal.
        i += 1
        while i < line.count, line[i] != "\"" { i += 1 }
        i = min(line.count, i + 1)
        continue
      }
      if c.isNumber {
        let start = i
        while let d = at(i), d.isNumber || d == "." || d == "e" || d == "E" { i += 1 }
        for k in start..<i { roles[k] = .sqlNumber }
        continue
      }
      if c.isLetter || c == "_" {
        let start = i
        while let d = at(i), d.isLetter || d.isNumber || d == "_" { i += 1 }
        let word = String(line[start..<i])
        var next = i
        while let d = at(next), d == " " { next += 1 }
        let isCall = at(next) == "(" && (start == 0 || line[start - 1] != ".")
        let role: Role? =
          isCall && !LakeSQL.keywords.contains(word.uppercased())
          ? .sqlFunction : (LakeSQL.keywords.contains(word.uppercased()) ? .sqlKeyword : nil)
        if let role { for k in start..<i { roles[k] = role } }
        continue
      }
      i += 1
    }
    return roles
  }
}
