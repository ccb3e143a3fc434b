import ArgumentParser
import Foundation
import TrailCore

struct LookupEventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "lookup-events", abstract: "placeholder")
  func run() throws {}
}
