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
    let delivery = try TrailDelivery(context: context)
    let occurrences = try delivery.runDue(upTo: context.clock.now())
    print(
      "deliver: \(occurrences) scheduled runs up to \(ISO8601Time.format(context.clock.now())); "
        + "\(delivery.logFilesWritten) log files, \(delivery.digestsWritten) digests written")
    // What went wrong is in each trail's status, as get-trail-status shows it.
    let services = try StoreServices(context)
    for trail in try DescribeTrails.perform(DescribeTrailsRequest(), with: services).trailList ?? [] {
      let status = try GetTrailStatus.perform(
        GetTrailStatusRequest(name: trail.trailARN ?? ""), with: services)
      if let error = status.latestDeliveryError {
        FileHandle.standardError.write(
          Data("deliver: \(trail.name ?? ""): LatestDeliveryError \(error)\n".utf8))
      }
    }
  }
}
