/// Edit distance between two strings over Characters: insertions, deletions, substitutions and swaps
/// of neighbours (so the common typo `ligth` is one edit from `light`).
public func levenshtein(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { d[i][0] = i }
  for j in 0...b.count { d[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
      }
    }
  }
  return d[a.count][b.count]
}

/// The candidate nearest to `word`, when it is near enough to be a plausible typo.
///
/// "Near enough" is at most a third of the word's length (at least 1, at most 3 edits): far-off
/// suggestions are noise.
public func nearest(to word: String, in candidates: [String]) -> String? {
  let lowered = word.lowercased()
  let scored = candidates.map { (candidate: $0, distance: levenshtein(lowered, $0.lowercased())) }
  guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
  let allowed = min(3, max(1, word.count / 3))
  return best.distance <= allowed ? best.candidate : nil
}
