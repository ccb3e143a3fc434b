/// A configuration item's resource members as scanned from its `eventData` (see `RecordParser`).
///
/// Read from every record's `eventData` (Lake channel events have one too) and kept only for
/// configuration items; the scan reads four short strings and skips the rest, as it would anyway.
struct ScannedConfigItem {
  var resourceType: FieldText?
  var resourceId: FieldText?
  var resourceName: FieldText?
  var arn: FieldText?
  var captureTime: FieldText?

  /// An item without a type and an id names no resource; it is stored but not indexed.
  var identifiesResource: Bool { resourceType != nil && resourceId != nil }

  /// Reads `eventData` (consuming it); anything but an object is skipped.
  mutating func read(_ s: inout JSONScanner) throws(JSONScanner.SyntaxError) {
    guard try s.peekKind() == .object else {
      try s.skipValue()
      return
    }
    var more = try s.beginObject()
    while more {
      let key = try s.memberKey()
      if try s.peekKind() != .string {
        try s.skipValue()
      } else if s.rawEquals(key, "resourceType") {
        resourceType = try s.readField()
      } else if s.rawEquals(key, "resourceId") {
        resourceId = try s.readField()
      } else if s.rawEquals(key, "resourceName") {
        resourceName = try s.readField()
      } else if s.rawEquals(key, "arn") {
        arn = try s.readField()
      } else if s.rawEquals(key, "configurationItemCaptureTime") {
        captureTime = try s.readField()
      } else {
        try s.skipValue()
      }
      more = try s.nextMember()
    }
  }

  /// The item's rows of `config_items`; `eventTime` (seconds) stands in for a capture time that is
  /// missing or not ISO 8601.
  func keys(eventTime: Int64, in buffer: UnsafeRawBufferPointer) -> ConfigItemKeys {
    let capture = captureTime.flatMap { ISO8601Time.parseMilliseconds($0.string(in: buffer)) }
    return ConfigItemKeys(
      keys: ConfigItemIndex.keys(
        resourceType: resourceType?.string(in: buffer) ?? "",
        resourceId: resourceId?.string(in: buffer) ?? "",
        resourceName: resourceName?.string(in: buffer), arn: arn?.string(in: buffer)),
      captureTime: capture ?? eventTime * 1000)
  }
}

/// What the writer files for one configuration item: its resource keys and capture time.
struct ConfigItemKeys: Sendable, Equatable {
  var keys: [String]
  /// `configurationItemCaptureTime` in milliseconds.
  var captureTime: Int64
}
