/// One difference between two configuration items at a path (`configuration.ipPermissions[0].toPort`).
public struct ConfigurationChange: Equatable, Sendable {
  public enum Kind: String, Sendable {
    case added, removed, changed

    /// `+`, `-`, `~`: how a line of the diff starts.
    public var sign: String {
      switch self {
      case .added: "+"
      case .removed: "-"
      case .changed: "~"
      }
    }
  }

  public var kind: Kind
  public var path: String
  /// nil when added.
  public var old: JSONValue?
  /// nil when removed.
  public var new: JSONValue?

  public init(_ kind: Kind, _ path: String, old: JSONValue? = nil, new: JSONValue? = nil) {
    self.kind = kind
    self.path = path
    self.old = old
    self.new = new
  }
}

/// The structural difference between consecutive configuration items of one resource.
///
/// Compared: `configurationItemStatus`, `resourceName`, `configuration`,
/// `supplementaryConfiguration` (string values that hold JSON — AWS Config writes e.g. a bucket's
/// policy that way — are parsed first, so a changed statement shows as its own path), `relationships`
/// and `tags`. Objects are compared member by member. Arrays of the same length element by element
/// (a changed port shows at `ipPermissions[0].toPort`); arrays whose length changed as sets (an added
/// rule shows once as added, not as every later element changed). Relationships are keyed by their
/// name, type and id, so reordering is no change.
public enum ConfigurationDiff {
  /// The changes from `old` to `new`; with no `old`, the members of `new`'s sections as added.
  public static func changes(from old: ConfigurationItemRecord?, to new: ConfigurationItemRecord)
    -> [ConfigurationChange]
  {
    var changes: [ConfigurationChange] = []
    if let old {
      if old.status != new.status {
        changes.append(
          .init(.changed, "status", old: .string(old.status.rawValue), new: .string(new.status.rawValue)))
      }
      if old.resourceName != new.resourceName {
        diff(
          old.resourceName.map(JSONValue.string), new.resourceName.map(JSONValue.string),
          path: "resourceName",
          into: &changes)
      }
    }
    let empty = JSONValue.object([])
    diff(
      old.map { $0.configuration } ?? empty, new.configuration, path: "configuration", into: &changes)
    diff(
      old.map { parsingJSONText($0.supplementaryConfiguration) } ?? empty,
      parsingJSONText(new.supplementaryConfiguration), path: "supplementaryConfiguration", into: &changes)
    diff(
      old.map { relationships($0) } ?? empty, relationships(new), path: "relationships", into: &changes)
    diff(old.map { tags($0) } ?? empty, tags(new), path: "tags", into: &changes)
    return changes
  }

  /// Appends the differences between `old` and `new` at `path`.
  static func diff(
    _ old: JSONValue?, _ new: JSONValue?, path: String, into changes: inout [ConfigurationChange]
  ) {
    switch (old, new) {
    case (nil, nil): return
    case (nil, let new?): changes.append(.init(.added, path, new: new))
    case (let old?, nil): changes.append(.init(.removed, path, old: old))
    case (.object(let a)?, .object(let b)?):
      for member in a {
        let next = b.first { $0.key == member.key }?.value
        diff(member.value, next, path: join(path, member.key), into: &changes)
      }
      for member in b where !a.contains(where: { $0.key == member.key }) {
        changes.append(.init(.added, join(path, member.key), new: member.value))
      }
    case (.array(let a)?, .array(let b)?) where a.count == b.count:
      for index in a.indices { diff(a[index], b[index], path: "\(path)[\(index)]", into: &changes) }
    case (.array(let a)?, .array(let b)?):
      for (index, element) in a.enumerated() where !b.contains(element) {
        changes.append(.init(.removed, "\(path)[\(index)]", old: element))
      }
      for (index, element) in b.enumerated() where !a.contains(element) {
        changes.append(.init(.added, "\(path)[\(index)]", new: element))
      }
    case (let old?, let new?):
      if old != new { changes.append(.init(.changed, path, old: old, new: new)) }
    }
  }

  /// `path.key`, or `path["key"]` when the key is not a plain name.
  static func join(_ path: String, _ key: String) -> String {
    let plain =
      !key.isEmpty && key.first.map { $0.isLetter || $0 == "_" } == true
      && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    return plain ? "\(path).\(key)" : "\(path)[\(JSONValue.string(key).compactText())]"
  }

  /// `value` with every string that holds a JSON object or array replaced by the parsed value.
  static func parsingJSONText(_ value: JSONValue) -> JSONValue {
    switch value {
    case .string(let text):
      let trimmed = text.drop(while: { $0 == " " || $0 == "\n" })
      guard trimmed.first == "{" || trimmed.first == "[", let parsed = try? JSONValue(parsing: text) else {
        return value
      }
      return parsingJSONText(parsed)
    case .object(let members): return .object(members.map { ($0.key, parsingJSONText($0.value)) })
    case .array(let items): return .array(items.map(parsingJSONText))
    default: return value
    }
  }

  /// Relationships keyed by what they are (`Is associated with AWS::EC2::VPC vpc-1`).
  static func relationships(_ item: ConfigurationItemRecord) -> JSONValue {
    .object(
      item.relationships.map { r in
        let target = r.resourceId ?? r.resourceName ?? ""
        var members: [(key: String, value: JSONValue)] = [("resourceType", .string(r.resourceType))]
        if let id = r.resourceId { members.append(("resourceId", .string(id))) }
        if let name = r.resourceName { members.append(("resourceName", .string(name))) }
        return ("\(r.name) \(r.resourceType) \(target)", .object(members))
      })
  }

  static func tags(_ item: ConfigurationItemRecord) -> JSONValue {
    .object(item.tags.map { ($0.key, .string($0.value)) })
  }
}
