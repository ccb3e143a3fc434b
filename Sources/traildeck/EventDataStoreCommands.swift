import TrailCore

// CloudTrail Lake's event data store and import operations as aws CLI subcommands (README "Event
// data stores"); flags and output come from each operation's shapes, as for trails.

extension CreateEventDataStore: CLIOperation {
  static let abstract =
    "Create an event data store that collects arriving events (default: management events)."
}
extension GetEventDataStore: CLIOperation {
  static let abstract = "Show an event data store's settings (by ARN or ID)."
}
extension UpdateEventDataStore: CLIOperation {
  static let abstract =
    "Change an event data store's settings; a shorter retention drops older events from it."
}
extension ListEventDataStores: CLIOperation {
  static let abstract = "List the event data stores of the account and region."
}
extension DeleteEventDataStore: CLIOperation {
  static let abstract = "Delete an event data store: pending deletion for 7 days of the clock, then purged."
}
extension RestoreEventDataStore: CLIOperation {
  static let abstract = "Restore an event data store pending deletion."
}
extension StartEventDataStoreIngestion: CLIOperation {
  static let abstract = "Let a stopped event data store collect arriving events again."
}
extension StopEventDataStoreIngestion: CLIOperation {
  static let abstract = "Stop an event data store collecting arriving events (what it holds stays)."
}
extension StartImport: CLIOperation {
  static let abstract =
    "Copy trail log files from s3://BUCKET[/prefix] into an event data store (runs to its end before printing)."
}
extension GetImport: CLIOperation {
  static let abstract = "Show an import's status and statistics."
}
extension ListImports: CLIOperation {
  static let abstract = "List the account's imports."
}
extension ListImportFailures: CLIOperation {
  static let abstract = "List the files an import could not copy."
}
extension StopImport: CLIOperation {
  static let abstract = "Stop an import (a run in another process stops after its current prefix)."
}
extension EnableFederation: CLIOperation {
  static let abstract =
    "Keep a Hive-partitioned JSON export of an event data store current for Athena, Trino or DuckDB."
}
extension DisableFederation: CLIOperation {
  static let abstract = "Stop federating an event data store (its export folder is removed; its events stay)."
}
