import Foundation
import TrailCore

/// The Trails pane: the table of trails, the delivery log, and the form or selector editor when open.
public struct TrailsState: Sendable {
  /// `nil` until the first `.trailsLoaded`.
  public var trails: [TrailSummary]?
  /// The table's offset and selected row.
  public var scroll = ScrollState()
  /// When the last `.loadTrails` was sent (by tick time); at most one a second.
  public var lastRequest: Date?
  public var isLoading = false
  /// Why the last load failed, shown instead of the table until one works.
  public var error: Diagnostic?
  /// Deliveries seen between two loads, newest first.
  public var log: [DeliveryLogEntry] = []
  /// The create / edit form, when open (it takes every key).
  public var form: TrailForm?
  /// The selector editor, when open (it takes every key).
  public var selectors: SelectorEditor?
  /// A trail just created: selected once the next load lists it.
  var selectOnLoad: String?

  /// How many entries the delivery log keeps.
  static let logLimit = 50

  /// An empty pane: nothing loaded, nothing open.
  public init() {}

  /// The selected trail, if any.
  public var selected: TrailSummary? {
    guard let trails, trails.indices.contains(scroll.selected) else { return nil }
    return trails[scroll.selected]
  }
}

/// One line of the delivery log.
public struct DeliveryLogEntry: Equatable, Sendable {
  /// What was delivered (or failed); the raw value is how the log names it.
  public enum Kind: String, Equatable, Sendable {
    case logFile = "log file"
    case digest = "digest"
    case notification = "notification"
    case error = "error"
    case logging = "logging"
  }
  /// When it happened: the delivery's own time, or the load that noticed a change without one.
  public var time: Date
  public var trail: String
  public var kind: Kind
  public var text: String

  /// An entry as the log shows it.
  public init(time: Date, trail: String, kind: Kind, text: String) {
    self.time = time
    self.trail = trail
    self.kind = kind
    self.text = text
  }

  /// What changed from `old` to `new` of one trail, oldest first. `now` dates changes that carry no time
  /// of their own (logging switched, an error appeared).
  static func changes(from old: TrailSummary, to new: TrailSummary, now: Date) -> [DeliveryLogEntry] {
    var entries: [DeliveryLogEntry] = []
    func timeChanged(_ a: Date?, _ b: Date?, _ kind: Kind, _ text: String) {
      if let b, a != b { entries.append(DeliveryLogEntry(time: b, trail: new.name, kind: kind, text: text)) }
    }
    func errorChanged(_ a: String?, _ b: String?, _ what: String) {
      if let b, !b.isEmpty, a != b {
        entries.append(DeliveryLogEntry(time: now, trail: new.name, kind: .error, text: "\(what): \(b)"))
      }
    }
    timeChanged(
      old.latestDeliveryTime, new.latestDeliveryTime, .logFile,
      "delivered to s3://\(new.s3BucketName)/\(new.s3KeyPrefix.map { $0 + "/" } ?? "")")
    timeChanged(old.latestDigestDeliveryTime, new.latestDigestDeliveryTime, .digest, "delivered")
    timeChanged(old.latestNotificationTime, new.latestNotificationTime, .notification, "notification sent")
    errorChanged(old.latestDeliveryError, new.latestDeliveryError, "delivery failed")
    errorChanged(old.latestDigestDeliveryError, new.latestDigestDeliveryError, "digest failed")
    errorChanged(old.latestNotificationError, new.latestNotificationError, "notification failed")
    if old.isLogging != new.isLogging {
      entries.append(
        DeliveryLogEntry(
          time: now, trail: new.name, kind: .logging,
          text: new.isLogging ? "logging started" : "logging stopped"))
    }
    return entries.sorted { $0.time < $1.time }
  }
}

/// The fields of the trail form, in tab order.
public enum TrailField: Int, CaseIterable, Hashable, Sendable {
  case name, bucket, prefix, multiRegion, logFileValidation, includeGlobalEvents

  /// The field's label in the form.
  public var label: String {
    switch self {
    case .name: "Trail name"
    case .bucket: "S3 bucket"
    case .prefix: "S3 key prefix"
    case .multiRegion: "Multi-region trail"
    case .logFileValidation: "Log file validation"
    case .includeGlobalEvents: "Include global service events"
    }
  }

  var isToggle: Bool { rawValue >= TrailField.multiRegion.rawValue }

  /// The field a CloudTrail exception is about, so the form shows it there; `nil`: the form's foot.
  public static func named(byException name: String) -> TrailField? {
    switch name {
    case "InvalidTrailNameException", "TrailAlreadyExistsException": .name
    case "S3BucketDoesNotExistException", "InvalidS3BucketNameException",
      "InsufficientS3BucketPolicyException":
      .bucket
    case "InvalidS3PrefixException": .prefix
    default: nil
    }
  }
}

/// The create / edit form of a trail.
public struct TrailForm: Equatable, Sendable {
  /// `nil`: a new trail; otherwise the name of the trail being edited (the name cannot change).
  public var editing: String?
  public var name: InputLine
  public var bucket: InputLine
  public var prefix: InputLine
  public var isMultiRegion: Bool
  public var isLogFileValidationEnabled: Bool
  public var includesGlobalEvents: Bool
  public var focus: TrailField
  /// Errors next to the field they name.
  public var errors: [TrailField: String] = [:]
  /// An error no field owns.
  public var formError: String?
  public var isSaving = false

  /// An empty form for a new trail, with CloudTrail's console defaults.
  public init() {
    editing = nil
    name = InputLine()
    bucket = InputLine()
    prefix = InputLine()
    isMultiRegion = true
    isLogFileValidationEnabled = true
    includesGlobalEvents = true
    focus = .name
  }

  /// A form over an existing trail.
  public init(editing trail: TrailSummary) {
    editing = trail.name
    name = InputLine(trail.name)
    bucket = InputLine(trail.s3BucketName)
    prefix = InputLine(trail.s3KeyPrefix ?? "")
    isMultiRegion = trail.isMultiRegionTrail
    isLogFileValidationEnabled = trail.logFileValidationEnabled
    includesGlobalEvents = trail.includeGlobalServiceEvents
    focus = .bucket
  }

  /// The fields the form shows and tab visits (an edited trail's name is fixed).
  var fields: [TrailField] { TrailField.allCases.filter { editing == nil || $0 != .name } }

  /// The request the form saves, or the errors that keep it from being sent.
  func request() -> Result<TrailSave, TrailFormErrors> {
    var errors: [TrailField: String] = [:]
    let name = name.text.trimmed
    let bucket = bucket.text.trimmed
    let prefix = prefix.text.trimmed
    if name.isEmpty { errors[.name] = "Type a trail name" }
    if bucket.isEmpty { errors[.bucket] = "Type the name of an existing bucket (traildeck mb s3://NAME)" }
    guard errors.isEmpty else { return .failure(TrailFormErrors(fields: errors)) }
    if let editing {
      return .success(
        .update(
          UpdateTrailRequest(
            name: editing, s3BucketName: bucket, s3KeyPrefix: prefix,
            includeGlobalServiceEvents: includesGlobalEvents, isMultiRegionTrail: isMultiRegion,
            enableLogFileValidation: isLogFileValidationEnabled)))
    }
    return .success(
      .create(
        CreateTrailRequest(
          name: name, s3BucketName: bucket, s3KeyPrefix: prefix.isEmpty ? nil : prefix,
          includeGlobalServiceEvents: includesGlobalEvents, isMultiRegionTrail: isMultiRegion,
          enableLogFileValidation: isLogFileValidationEnabled)))
  }
}

/// Field errors found before sending.
struct TrailFormErrors: Error {
  var fields: [TrailField: String]
}

/// The selector editor of one trail: basic (read/write type, management events) or advanced (JSON).
public struct SelectorEditor: Equatable, Sendable {
  /// Which kind of selectors the editor shows and saves.
  public enum Mode: String, Equatable, Sendable {
    case basic, advanced
  }
  /// The editor's fields, in tab order.
  public enum Field: Int, CaseIterable, Equatable, Sendable {
    case mode, readWriteType, managementEvents, json
  }

  public var trail: String
  public var isLoaded = false
  public var mode: Mode = .basic
  /// The first basic selector as loaded, so what the editor does not show (data resources) survives.
  public var basic = EventSelector(readWriteType: .all, includeManagementEvents: true)
  /// The advanced selectors as JSON text (the API's shape).
  public var json = InputLine("[]")
  public var focus: Field = .readWriteType
  /// Why the selectors as typed cannot be previewed or saved.
  public var error: String?
  public var preview: SelectorPreview?
  /// The preview in flight; answers to other IDs are stale.
  public var previewRequestID: Int?
  public var isSaving = false

  /// An editor for `trail`, waiting for its selectors (`Effect.loadSelectors`).
  public init(trail: String) { self.trail = trail }

  var fields: [Field] { mode == .basic ? [.mode, .readWriteType, .managementEvents] : [.mode, .json] }

  /// The PutEventSelectors request of what is on screen, or why there is none.
  func request() -> Result<PutEventSelectorsRequest, SelectorJSONError> {
    switch mode {
    case .basic: return .success(PutEventSelectorsRequest(trailName: trail, eventSelectors: [basic]))
    case .advanced:
      do {
        let selectors = try JSONDecoder().decode([AdvancedEventSelector].self, from: Data(json.text.utf8))
        return .success(PutEventSelectorsRequest(trailName: trail, advancedEventSelectors: selectors))
      } catch {
        return .failure(SelectorJSONError(message: "Not a JSON list of advanced event selectors"))
      }
    }
  }

  /// Fills the editor from GetEventSelectors' answer.
  mutating func load(_ response: GetEventSelectorsResponse) {
    isLoaded = true
    if let advanced = response.advancedEventSelectors {
      mode = .advanced
      focus = .json
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      json = InputLine(String(decoding: (try? encoder.encode(advanced)) ?? Data("[]".utf8), as: UTF8.self))
    } else if let first = response.eventSelectors?.first {
      mode = .basic
      basic = first
    }
  }
}

/// The advanced selectors' text does not parse.
struct SelectorJSONError: Error {
  var message: String
}
