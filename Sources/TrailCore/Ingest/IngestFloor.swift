/// The work ingest does before SQLite, alone: the floor the writer is measured against.
public enum IngestFloor {
  /// Reads, inflates and scans every file on the calling thread; returns the number of good records.
  public static func readAndScan(_ paths: [String]) -> Int {
    paths.reduce(0) { $0 + LogFileReader.read(path: $1).records.count }
  }
}
