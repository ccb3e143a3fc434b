import ArgumentParser
import Foundation
import TrailCore

/// `traildeck deliver`: runs trail delivery up to the clock once — every 5-minute delivery and every
/// hourly digest that is due and not yet done — and says what it wrote.
struct DeliverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deliver",
    abstract: "Deliver trails' log files and digests that are due by the clock (--now), once.",
    discussion: """
      Long-running commands (ui, demo --live) deliver as their clock passes; this runs the same
      schedule up to --now (default: the real now) and stops: each logging trail's events go to its
      bucket (a folder under --buckets) as CloudTrail's log files, every 5 minutes of the clock, and
      with log file validation a signed digest each hour. Deliveries remember where they stopped, so
      running it again delivers only what is new.
      """)

  @OptionGroup var store: StoreOptions

  func run() throws {
    let context = try store.context()
    let before = try DeliverySummary.read(context)
    let occurrences = try TrailDelivery(context: context).runDue(upTo: context.clock.now())
    let after = try DeliverySummary.read(context)
    print(
      "deliver: \(occurrences) scheduled runs up to \(ISO8601Time.format(context.clock.now())); "
        + "\(after.logFiles - before.logFiles) log files, \(after.digests - before.digests) digests written")
    for error in after.errors { FileHandle.standardError.write(Data("deliver: \(error)\n".utf8)) }
  }
}

/// Counts of what the buckets hold, for `deliver`'s one line.
enum DeliverySummary {
  static func read(_ context: StoreContext) throws -> (logFiles: Int, digests: Int, errors: [String]) {
    let root = URL(fileURLWithPath: context.bucketsDirectory)
    var logs = 0
    var digests = 0
    if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where url.lastPathComponent.hasSuffix(".json.gz") {
        if url.path.contains("/CloudTrail-Digest/") { digests += 1 } else { logs += 1 }
      }
    }
    let services = try StoreServices(context)
    var errors: [String] = []
    for trail in try DescribeTrails.perform(DescribeTrailsRequest(), with: services).trailList ?? [] {
      let status = try GetTrailStatus.perform(
        GetTrailStatusRequest(name: trail.trailARN ?? ""), with: services)
      if let error = status.latestDeliveryError {
        errors.append("\(trail.name ?? ""): LatestDeliveryError \(error)")
      }
    }
    return (logs, digests, errors)
  }
}
