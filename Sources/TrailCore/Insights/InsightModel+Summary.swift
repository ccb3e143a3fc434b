import Foundation

extension InsightModel {
  /// The model in a few short lines (under 60 columns) for help screens, its numbers read from this
  /// model, so the explanation cannot drift from what detection does (see the type's documentation).
  public var summaryLines: [String] {
    let days = baselineMinutes / 1_440
    let hours = minimumHistoryMinutes / 60
    return [
      "Baseline: the \(days) days before each minute, read from the",
      "per-minute rollups; at least \(hours) h of history is needed.",
      "Seasonal: the same ±\(seasonalHalfWidth) min of each baseline day give a rate",
      "and a peak, so a nightly job stays inside its baseline.",
      "A minute is unusual when its Poisson tail under the",
      "larger rate is below \(Self.scientific(unusualPValue)) and it clears the seasonal",
      "peak (peak + 2 and 1.5 × peak, at least \(minimumCount) calls).",
      "APIs with under \(Self.plain(minimumBaselinePerDay)) calls a day on average are ignored.",
      "A period opens on 2 unusual minutes (or 1 far beyond,",
      "tail < \(Self.scientific(strongPValue))) and ends after \(quietMinutesToClose) quiet minutes.",
      "Error rate: failures of one error code, whose share of",
      "the calls must also rise \(Self.plain(minimumShareRise)) above the baseline's.",
    ]
  }

  /// `1e-4`.
  private static func scientific(_ value: Double) -> String {
    "1e\(Int(log10(value).rounded()))"
  }

  /// `2`, `0.2`.
  private static func plain(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
