import ArgumentParser
import Foundation
import TrailCore

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract:
      "Load CloudTrail log files and AWS Config history and snapshot files (files or folders, any layout, plain or gzip) into the store.",
    discussion: """
      Accepts {"Records":[…]} files as CloudTrail delivers them, bare JSON arrays of records, and JSON Lines,
      each plain or gzipped (gzip is recognised by its magic bytes, not the name); SSE-KMS log files of a
      delivered bucket are decrypted with the key ring beside --buckets. CloudTrail-Digest files
      are skipped and counted; CloudTrail-Insight files load as Insights events. Events are de-duplicated
      by eventID, and a journal of ingested files (path, size, SHA-256) makes a re-run skip what is done;
      a run killed at any moment can simply be started again.
      Problems are reported as PATH[:record N]: reason on stderr; everything else still loads, and the exit
      status is 1 if anything was rejected.
      With --event-data-store, every event read (new or already stored, within the store's retention) also
      joins that event data store, as start-import copies a bucket's logs; files already ingested are read
      again for it.
      AWS Config's ConfigHistory and ConfigSnapshot files ({"fileVersion", "configurationItems":[…]}) load
      as configuration items (eventCategory ConfigurationItem): event data stores that select that
      category collect them, and --event-data-store may name such a store (then only configuration items
      join it; a store of CloudTrail events never takes them). A bad item is reported as PATH:record N
      with its field; the file's other items still load. (TrailDeck reads these files; CloudTrail itself
      takes configuration items from AWS Config directly.)
      """
  )

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("Log files or folders (walked recursively).", valueName: "path"))
  var paths: [String]

  @Flag(name: .long, help: "Print no progress bar, only the summary.")
  var quiet = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also copy every event read into this event data store (its name, ARN or ID).", valueName: "name|arn"))
  var eventDataStore: String?

  func run() throws {
    // SSE-KMS log files of a delivered bucket decrypt with the key ring beside --buckets.
    let ingestor = Ingestor(
      databasePath: store.db, clock: try store.clock(),
      keyRing: KmsKeyRing(try store.context()))
    if let eventDataStore {
      ingestor.destination = try OperationOutput.calling("GetEventDataStore") {
        _ = try EventStore.openWriter(path: store.db)
        return try EventDataStoreDestination.resolve(
          eventDataStore, with: try StoreServices(try store.context()), alsoCollectsLive: true,
          acceptsConfigurationItems: true)
      }
    }
    let bar = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
    let summary: IngestSummary
    do {
      summary = try ingestor.ingest(
        paths: paths,
        report: { diagnostic in
          bar.clear()
          FileHandle.standardError.write(Data((diagnostic.oneLine + "\n").utf8))
        },
        progress: { progress in bar.show(progress) })
    } catch let diagnostic as Diagnostic {
      bar.clear()
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
      throw ExitCode(1)
    }
    bar.clear()
    let rate = summary.elapsed > 0 ? Int(Double(summary.eventsLoaded) / summary.elapsed) : 0
    if let eventDataStore {
      print("\(ingestor.destinationEvents) events copied into event data store \(eventDataStore)")
    }
    print("\(summary.line) in \(String(format: "%.1f", summary.elapsed)) s (\(rate) events/s)")
    if summary.rejected > 0 { throw ExitCode(1) }
  }
}
