import ArgumentParser
import Foundation
import TrailCore

/// `traildeck resource-timeline RESOURCE`: the TUI's resource timeline (`T`) without the UI.
struct ResourceTimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resource-timeline",
    abstract:
      "Show a resource's AWS Config configuration items over time, what changed and which calls caused it.",
    discussion: """
      RESOURCE is an ARN, a type and id (AWS::EC2::SecurityGroup/sg-0abc), or a bare id or name \
      (sg-0abc, i-0123…, a bucket, a role). Items come from ConfigurationItem records in the store (a \
      ConfigurationItem event data store, or `traildeck ingest` of AWS Config files); each is compared \
      with the one before, and its relatedEvents are looked up among the stored CloudTrail events. Not a \
      CloudTrail operation: a TrailDeck extension, the twin of `T` in the UI.
      """)

  @OptionGroup var store: StoreOptions

  @Argument(help: "An ARN, TYPE/ID, or a bare resource id or name.")
  var resource: String

  @Option(name: .long, help: "Output format: text or json.")
  var output: TimelineFormat = .text

  enum TimelineFormat: String, ExpressibleByArgument {
    case text, json
  }

  func validate() throws {
    guard ResourceQuery(parsing: resource) != nil else {
      throw ValidationError("Please name a resource: an ARN, TYPE/ID, or an id or name such as sg-0abc1234.")
    }
  }

  func run() throws {
    let timeline = try StoreServices(try store.context()).resourceTimeline(ResourceQuery(parsing: resource)!)
    switch output {
    case .text: print(ResourceTimelineText.text(timeline))
    case .json: print(ResourceTimelineText.json(timeline).awsCLIText())
    }
  }
}

/// The timeline as the CLI prints it.
enum ResourceTimelineText {
  static func text(_ timeline: ResourceTimeline) -> String {
    guard let resource = timeline.resource else {
      let (reason, help) = timeline.emptyExplanation
      return "\(reason)\nhelp: \(help)"
    }
    var lines = [
      "\(resource.label) · \(resource.accountId) \(resource.awsRegion) · \(timeline.entries.count) configuration items"
    ]
    for other in timeline.otherResources {
      lines.append("also named so: \(other.label) (\(other.accountId))")
    }
    for entry in timeline.entries {
      lines.append("")
      lines.append(
        "\(ISO8601Time.format(milliseconds: entry.item.captureTime))  \(entry.item.status.rawValue)  \(entry.summary)"
      )
      for cause in entry.causes {
        guard cause.isStored else {
          lines.append("  caused by \(cause.eventID) (not in this store)")
          continue
        }
        let time = cause.eventTime.map { ISO8601Time.format($0) } ?? ""
        let user = [cause.userName, cause.userArn.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        lines.append(
          "  caused by \(cause.eventName ?? "?") \(time) \(user) \(cause.sourceIPAddress ?? "") [\(cause.eventID)]"
        )
      }
      for change in entry.changes {
        var line = "  \(change.kind.sign) \(change.path)  "
        switch change.kind {
        case .added: line += change.new?.compactText() ?? ""
        case .removed: line += change.old?.compactText() ?? ""
        case .changed: line += "\(change.old?.compactText() ?? "") → \(change.new?.compactText() ?? "")"
        }
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ timeline: ResourceTimeline) -> JSONValue {
    func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    let resource: JSONValue =
      timeline.resource.map { r in
        .object([
          ("accountId", .string(r.accountId)), ("awsRegion", .string(r.awsRegion)),
          ("resourceType", .string(r.resourceType)), ("resourceId", .string(r.resourceId)),
          ("resourceName", optional(r.resourceName)), ("arn", optional(r.arn)),
        ])
      } ?? .null
    let items: [JSONValue] = timeline.entries.map { entry in
      .object([
        ("eventID", .string(entry.item.eventID)),
        ("configurationItemCaptureTime", .string(ISO8601Time.format(milliseconds: entry.item.captureTime))),
        ("configurationItemStatus", .string(entry.item.status.rawValue)),
        ("summary", .string(entry.summary)),
        (
          "changes",
          .array(
            entry.changes.map { c in
              .object([
                ("kind", .string(c.kind.rawValue)), ("path", .string(c.path)), ("old", c.old ?? .null),
                ("new", c.new ?? .null),
              ])
            })
        ),
        (
          "causedBy",
          .array(
            entry.causes.map { c in
              .object([
                ("eventID", .string(c.eventID)), ("isStored", .bool(c.isStored)),
                ("eventName", optional(c.eventName)),
                ("eventTime", optional(c.eventTime.map { ISO8601Time.format($0) })),
                ("userIdentityArn", optional(c.userArn)), ("userName", optional(c.userName)),
                ("sourceIPAddress", optional(c.sourceIPAddress)),
              ])
            })
        ),
      ])
    }
    return .object([
      ("query", .string(timeline.query.description)), ("resource", resource), ("items", .array(items)),
    ])
  }
}
