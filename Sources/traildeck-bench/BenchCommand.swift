import ArgumentParser
import Foundation
import TrailCore

@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "traildeck-bench",
    abstract:
      "Benchmarks that print figures (release build): ingest rate, lookup latency, UI frame time, trail delivery and validation.",
    subcommands: [
      IngestBench.self, LookupBench.self, UIBench.self, DeliverBench.self, ApiBench.self, LakeBench.self,
      InsightsBench.self, AuditEventsBench.self, DashboardsBench.self,
    ])
}

/// Prints a line at once, unbuffered even into a pipe or file, so long runs show figures as they come.
func report(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Median of a list of numbers.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted.count % 2 == 1
    ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return 0 }
  return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// The `traildeck` binary built beside this one (the benches that drive it need the same build).
func siblingTraildeck() -> String {
  URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    .appendingPathComponent("traildeck").path
}
