// The Insights pane's reads, over the same reader as the history: the catalog of stored Insights
// events and the rollup timeline.
extension StoreServices: InsightsQuerying {
  public func insightActivities(region: String?) throws -> [InsightActivity] {
    try InsightsCatalog(reader).activities(region: region)
  }

  public func insightTimeline(_ request: InsightsTimelineRequest) throws -> InsightsTimeline {
    try InsightsTimelineReader(reader).timeline(request)
  }
}
