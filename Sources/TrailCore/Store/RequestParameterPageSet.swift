/// The requestParameters pages one write fills: one open page per eventSource, so that a page holds a
/// single service's texts.
///
/// Lake's queries over requestParameters are nearly always about one service (the members depend on
/// it): `json_extract_scalar(eventjson, '$.requestParameters.bucketName') … WHERE eventSource =
/// 's3.amazonaws.com'` then reads S3's pages alone, where pages filled in insert order mixed every
/// service and such a query read them all (`traildeck-bench lake` q5: every page of the store for
/// its 14% of events). A write stores each open page at its end, full or not.
struct RequestParameterPageSet {
  /// The id the next page to open is stored under.
  private var nextPage: Int64
  private var builders: [RequestParameterPageBuilder] = []
  /// Index in `builders` by eventSource value id.
  private var index: [Int64: Int] = [:]
  /// The last source looked up and its index: a file's events come in runs of one service.
  private var last: (source: Int64, index: Int) = (-1, -1)

  init(nextPage: Int64) { self.nextPage = nextPage }

  /// The slot column the next entry of `source` takes (`add` takes it).
  mutating func nextSlotColumn(source: Int64) -> Int64 {
    builders[builder(source)].nextSlotColumn
  }

  /// Adds the entry of event `rowID` of `source`; returns the page to store when it filled up.
  mutating func add(
    source: Int64, rowID: Int64, kind: RequestParameterPage.Kind, text: UnsafeRawBufferPointer,
    eventTime: Int64
  ) -> (page: Int64, lastTime: Int64, bytes: [UInt8])? {
    let b = builder(source)
    guard builders[b].add(rowID: rowID, kind: kind, text: text, eventTime: eventTime) else { return nil }
    return take(b)
  }

  /// Every page not yet stored, by page id; the set is then empty.
  mutating func takeAll() -> [(page: Int64, lastTime: Int64, bytes: [UInt8])] {
    let taken = builders.indices.filter { !builders[$0].isEmpty }.map { take($0) }
    builders.removeAll()
    index.removeAll()
    last = (-1, -1)
    return taken.sorted { $0.page < $1.page }
  }

  private mutating func take(_ b: Int) -> (page: Int64, lastTime: Int64, bytes: [UInt8]) {
    defer { nextPage += 1 }
    return builders[b].take(next: nextPage)
  }

  private mutating func builder(_ source: Int64) -> Int {
    if last.source == source { return last.index }
    let b: Int
    if let known = index[source] {
      b = known
    } else {
      b = builders.count
      builders.append(RequestParameterPageBuilder(nextPage: nextPage))
      nextPage += 1
      index[source] = b
    }
    last = (source, b)
    return b
  }
}
