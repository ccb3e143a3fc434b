/// A per-minute count series kept sparse (only minutes with a count), as rollups give it: most APIs
/// are quiet most minutes, and a week of a dense series per API would be 10 080 slots each.
struct MinuteSeries: Sendable {
  /// Ascending, distinct.
  private(set) var minutes: [Int64] = []
  private(set) var counts: [Int64] = []
  /// `cumulative[i]` is the sum of `counts[0..<i]`.
  private(set) var cumulative: [Int64] = [0]

  /// Adds `count` at `minute`, which must not be before the last minute added (rollups come in minute
  /// order; a minute counted by several transactions comes several times and is summed).
  mutating func add(minute: Int64, count: Int64) {
    if let last = minutes.last, last == minute {
      counts[counts.count - 1] += count
      cumulative[cumulative.count - 1] += count
      return
    }
    precondition(minutes.last.map { $0 < minute } ?? true, "minutes must be added in order")
    minutes.append(minute)
    counts.append(count)
    cumulative.append(cumulative[cumulative.count - 1] + count)
  }

  /// The index of the first minute at or after `minute`.
  func index(atOrAfter minute: Int64) -> Int {
    var low = 0
    var high = minutes.count
    while low < high {
      let mid = (low + high) / 2
      if minutes[mid] < minute { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The count at `minute` (0 when none).
  func count(at minute: Int64) -> Int64 {
    let i = index(atOrAfter: minute)
    return i < minutes.count && minutes[i] == minute ? counts[i] : 0
  }

  /// The sum of the counts of the minutes in `range`.
  func sum(_ range: Range<Int64>) -> Int64 {
    guard !range.isEmpty else { return 0 }
    return cumulative[index(atOrAfter: range.upperBound)] - cumulative[index(atOrAfter: range.lowerBound)]
  }

  /// The largest count of a minute in `range` (0 when none).
  func peak(_ range: Range<Int64>) -> Int64 {
    var best: Int64 = 0
    var i = index(atOrAfter: range.lowerBound)
    while i < minutes.count && minutes[i] < range.upperBound {
      best = max(best, counts[i])
      i += 1
    }
    return best
  }

  var isEmpty: Bool { minutes.isEmpty }
  var total: Int64 { cumulative[cumulative.count - 1] }
}
