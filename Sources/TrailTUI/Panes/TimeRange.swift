import Foundation

/// The history's time range: a preset relative to now, or fixed ends.
public enum TimeRange: Equatable, Sendable {
  case last(TimePreset)
  case custom(from: Date, to: Date)

  /// Start and end for a `HistoryFilter`; `nil` for "the edge of the 90-day window" and "now".
  public func bounds(now: Date?) -> (Date?, Date?) {
    switch self {
    case .last(let preset):
      guard preset != .days90, let now else { return (nil, nil) }
      return (now.addingTimeInterval(-preset.seconds), nil)
    case .custom(let from, let to): return (from, to)
    }
  }

  public var label: String {
    switch self {
    case .last(let preset): preset.label
    case .custom(let from, let to): "\(TimeFormat.iso8601(from)) – \(TimeFormat.iso8601(to))"
    }
  }
}

/// Relative ranges offered by the time picker (console presets plus day-scale ones).
public enum TimePreset: CaseIterable, Equatable, Sendable {
  case minutes30
  case hour1
  case hours3
  case hours12
  case hours24
  case days7
  case days90

  public var seconds: TimeInterval {
    switch self {
    case .minutes30: 1800
    case .hour1: 3600
    case .hours3: 3 * 3600
    case .hours12: 12 * 3600
    case .hours24: 24 * 3600
    case .days7: 7 * 86_400
    case .days90: 90 * 86_400
    }
  }

  public var label: String {
    switch self {
    case .minutes30: "last 30 minutes"
    case .hour1: "last hour"
    case .hours3: "last 3 hours"
    case .hours12: "last 12 hours"
    case .hours24: "last 24 hours"
    case .days7: "last 7 days"
    case .days90: "last 90 days"
    }
  }
}
