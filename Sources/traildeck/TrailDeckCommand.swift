import ArgumentParser
import Foundation
import TrailCore

@main
struct TrailDeckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "traildeck",
    abstract: "AWS CloudTrail on one machine: ingest log files, look up events, watch a live dashboard.",
    discussion: """
      With no subcommand, opens the terminal UI on the default database, seeding the demo account first
      when it holds no events.
      """,
    subcommands: [
      IngestCommand.self, LookupEventsCommand.self, StatsCommand.self, DemoCommand.self,
    ]
  )
}
