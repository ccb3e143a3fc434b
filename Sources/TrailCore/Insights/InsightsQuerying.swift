/// What the UI's Insights pane and Dashboard ask of the store: the stored Insights periods and one
/// API's timeline, behind one protocol so the UI's effect dispatcher stays the one place that calls
/// them (and tests can stand in for the store).
///
/// Calls may take longer than a frame (a timeline reads up to 97 days of rollups): the runtime makes
/// them off the UI loop.
public protocol InsightsQuerying: AnyObject {
  /// The Insights periods of the last 90 days of the clock, one entry per API, newest first
  /// (`InsightsCatalog.activities`); `region` nil means every region.
  func insightActivities(region: String?) throws -> [InsightActivity]
  /// One API's per-minute activity with its baseline band (`InsightsTimelineReader`).
  func insightTimeline(_ request: InsightsTimelineRequest) throws -> InsightsTimeline
}
