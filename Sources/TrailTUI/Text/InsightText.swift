import TrailCore

/// How the Insights pane and the Dashboard write Insights numbers, as the console and
/// `traildeck insights scan` do: calls a minute, or a share of calls in percent.
enum InsightText {
  /// `6.40/min` (call rate) or `96.6 %` (error rate).
  static func value(_ value: Double, isErrorRate: Bool) -> String {
    isErrorRate ? String(format: "%.1f %%", value * 100) : String(format: "%.2f/min", value)
  }

  /// The console's **Rate change**: `↑ 2,033 %`, `↓ 40 %`, or `-` without a baseline.
  static func change(_ change: Double?) -> String {
    guard let change, change.isFinite else { return "-" }
    let percent = Int((abs(change) * 100).rounded())
    return (change < 0 ? "↓ " : "↑ ") + groupThousands(percent) + " %"
  }

  /// `call rate` or `error rate`, the console's **Insight type** in a table's width.
  static func type(_ type: InsightType) -> String {
    type == .apiErrorRateInsight ? "error rate" : "call rate"
  }

  /// `ec2.amazonaws.com:RunInstances`, the pane's API column.
  static func api(_ subject: InsightSubject) -> String { "\(subject.eventSource):\(subject.eventName)" }

  /// `7 min`, `3 h 5 min`, `2 d 1 h`.
  static func duration(minutes: Int64) -> String {
    if minutes < 60 { return "\(minutes) min" }
    if minutes < 1_440 { return "\(minutes / 60) h" + (minutes % 60 > 0 ? " \(minutes % 60) min" : "") }
    return "\(minutes / 1_440) d" + (minutes % 1_440 / 60 > 0 ? " \(minutes % 1_440 / 60) h" : "")
  }

  /// The short value of an axis label: `12`, `0.5`, `1.2k`, or `40%` for shares.
  static func axis(_ value: Double, isErrorRate: Bool) -> String {
    if isErrorRate { return "\(Int((value * 100).rounded()))%" }
    if value >= 1_000 { return String(format: "%.1fk", value / 1_000) }
    if value >= 10 || value == value.rounded() { return String(Int(value.rounded())) }
    return String(format: "%.1f", value)
  }
}
