/// Which events of a window's day belong to one region, read from its `regionReadOnly` postings, to thin
/// another attribute's candidates before any event row is read.
///
/// A page of an attribute in a region takes the attribute's postings as candidates and keeps those of
/// the region. Reading each candidate's event row to learn its region costs a B-tree seek apiece: cheap
/// for a value that mostly lies in the region, but a value common elsewhere and rare there (a resource
/// type of us-east-1 asked for in eu-west-1) read hundreds of thousands of rows, 1.4 s at 10 M events.
/// A day's region ids are one decode of a few posting rows, so a day whose candidates are many against
/// the region's events that day is filtered here; a few candidates are still checked row by row, which
/// costs less than decoding the day.
final class RegionMembers {
  /// Candidates of one day below which their rows are read instead (about what one decode costs).
  static let fewCandidates = 64
  /// A day is decoded when it holds at most this many region events per candidate: a seek costs
  /// about as much as decoding this many ids.
  static let idsPerSeek = 64

  private let countStatement: SQLiteStatement
  private let idsStatement: SQLiteStatement
  private let bounds: ClosedRange<Int64>
  private var counts: [Int64: Int] = [:]
  private var loadedDay: Int64?
  /// The loaded day's region ids inside `bounds`, ascending.
  private var members: [Int64] = []

  init(connection: SQLiteConnection, values: [Int64], bounds: ClosedRange<Int64>) throws {
    // Values as parameters, so the text (and the connection's prepared statement) is the same for
    // every page of a region.
    let rows = """
      FROM postings WHERE day = ?1 AND attr = ?2
        AND value IN (\(values.indices.map { "?\($0 + 3)" }.joined(separator: ",")))
      """
    countStatement = try connection.prepare("SELECT COALESCE(SUM(count), 0) \(rows)")
    idsStatement = try connection.prepare("SELECT first, ids \(rows)")
    for statement in [countStatement, idsStatement] {
      statement.bindInt(2, PostingAttribute.regionReadOnly.rawValue)
      for (index, value) in values.enumerated() { statement.bindInt(Int32(index + 3), value) }
    }
    self.bounds = bounds
  }

  /// The candidates (in page order, so each day's are contiguous) that may be in the region: those of
  /// a day that was decoded and holds them, and every one of a day that was not.
  func keep(_ candidates: [Int64]) throws -> [Int64] {
    var kept: [Int64] = []
    kept.reserveCapacity(candidates.count)
    var start = 0
    while start < candidates.count {
      let day = EventKey.day(of: EventKey.time(of: candidates[start]))
      var end = start + 1
      while end < candidates.count, EventKey.day(of: EventKey.time(of: candidates[end])) == day { end += 1 }
      let group = candidates[start..<end]
      if group.count >= Self.fewCandidates, try count(day) <= group.count * Self.idsPerSeek {
        try load(day)
        kept += group.filter { id in
          var low = 0
          var high = members.count
          while low < high {
            let middle = (low + high) / 2
            if members[middle] < id { low = middle + 1 } else { high = middle }
          }
          return low < members.count && members[low] == id
        }
      } else {
        kept += group
      }
      start = end
    }
    return kept
  }

  private func count(_ day: Int64) throws -> Int {
    if let known = counts[day] { return known }
    countStatement.reset()
    countStatement.bindInt(1, day)
    _ = try countStatement.step()
    let count = Int(countStatement.int64(0))
    countStatement.reset()
    counts[day] = count
    return count
  }

  private func load(_ day: Int64) throws {
    guard loadedDay != day else { return }
    members.removeAll(keepingCapacity: true)
    idsStatement.reset()
    idsStatement.bindInt(1, day)
    // Each row's ids ascend; rows of several batches and ReadOnly values interleave, so the runs are
    // merged (sorting a day's tens of thousands of ids, day after day, was most of a lookup's time).
    var runStarts: [Int] = []
    while try idsStatement.step() {
      runStarts.append(members.count)
      let first = idsStatement.int64(0)
      try idsStatement.withBlob(1) { blob in
        try PostingCodec.decodeWhole(blob, first: first, within: bounds, into: &members)
      }
    }
    idsStatement.reset()
    Self.mergeRuns(&members, starts: runStarts)
    loadedDay = day
  }

  /// Sorts `ids`, made of ascending runs beginning at `starts`, by merging neighbouring runs pass by
  /// pass: a few passes over the ids instead of a comparison sort.
  static func mergeRuns(_ ids: inout [Int64], starts: [Int]) {
    var starts = starts.filter { $0 < ids.count }
    guard starts.count > 1 else { return }
    var source = ids
    var target = ids
    while starts.count > 1 {
      var merged: [Int] = []
      var run = 0
      while run < starts.count {
        let low = starts[run]
        let middle = run + 1 < starts.count ? starts[run + 1] : source.count
        let high = run + 2 < starts.count ? starts[run + 2] : source.count
        var i = low
        var j = middle
        var k = low
        while i < middle && j < high {
          if source[j] < source[i] {
            target[k] = source[j]
            j += 1
          } else {
            target[k] = source[i]
            i += 1
          }
          k += 1
        }
        while i < middle {
          target[k] = source[i]
          i += 1
          k += 1
        }
        while j < high {
          target[k] = source[j]
          j += 1
          k += 1
        }
        merged.append(low)
        run += 2
      }
      swap(&source, &target)
      starts = merged
    }
    ids = source
  }
}
