/// Edit distance between two strings (insertions, deletions, substitutions), over Characters.
public func levenshtein(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
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
