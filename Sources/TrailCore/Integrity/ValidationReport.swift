import Foundation

/// validate-logs' printing and counting, line for line as the aws CLI's `CloudTrailValidateLogs`:
/// the startup line and summary on stdout, `valid` lines on stdout only with `--verbose`, INVALID and
/// gap lines on stderr each followed by a blank line (and preceded by one after verbose output).
final class ValidationReport {
  let options: LogValidationOptions
  let end: Date
  let output: LogValidationOutput
  private(set) var validDigests = 0
  private(set) var invalidDigests = 0
  private(set) var validLogs = 0
  private(set) var invalidLogs = 0
  private var lastStatusWasDoubleSpaced = true
  private var foundStart: Date?
  private var foundEnd: Date?

  init(options: LogValidationOptions, end: Date, output: LogValidationOutput) {
    self.options = options
    self.end = end
    self.output = output
  }

  /// 1 when anything was INVALID, else 0.
  var exitStatus: Int32 { invalidDigests > 0 || invalidLogs > 0 ? 1 : 0 }

  /// `YYYY-MM-DDTHH:MM:SSZ`, fractions dropped (Python's `strftime`).
  static func display(_ date: Date) -> String { ISO8601Time.format(date) }

  func writeStartup() {
    output.standardOutput(
      "Validating log files for trail \(options.trailARN) between \(Self.display(options.start)) and "
        + "\(Self.display(end))\n\n")
  }

  func digestValid(_ digest: ValidatedDigest) {
    // The found range never reaches outside the requested one.
    let start = max(digest.startTime, options.start)
    if foundStart == nil || start < foundStart! { foundStart = start }
    let finish = min(digest.endTime, end)
    if foundEnd == nil || finish > foundEnd! { foundEnd = finish }
    validDigests += 1
    let bucket = digest.json["digestS3Bucket"].map(PythonText.format) ?? ""
    let key = digest.json["digestS3Object"].map(PythonText.format) ?? ""
    status("Digest file\ts3://\(bucket)/\(key)\tvalid")
  }

  func digestEvent(_ event: DigestEvent) {
    switch event {
    case .missing(let bucket, let key):
      invalidDigests += 1
      status("Digest file\ts3://\(bucket)/\(key)\tINVALID: not found", isError: true)
    case .gap(let nextEnd, let lastStart):
      status(
        "No log files were delivered by CloudTrail between \(Self.display(nextEnd)) and \(Self.display(lastStart))",
        isError: true)
    case .invalid(let message):
      invalidDigests += 1
      status(message, isError: true)
    }
  }

  func logValid(_ log: LogFileEntry) {
    validLogs += 1
    status("Log file\ts3://\(log.bucket)/\(log.key)\tvalid")
  }

  func logMissing(_ log: LogFileEntry) { logInvalid(log, "not found") }
  func logInvalidFormat(_ log: LogFileEntry) { logInvalid(log, "invalid format") }
  func logHashMismatch(_ log: LogFileEntry) { logInvalid(log, "hash value doesn't match") }

  private func logInvalid(_ log: LogFileEntry, _ reason: String) {
    invalidLogs += 1
    status("Log file\ts3://\(log.bucket)/\(log.key)\tINVALID: \(reason)", isError: true)
  }

  private func status(_ message: String, isError: Bool = false) {
    if isError {
      output.standardError(lastStatusWasDoubleSpaced ? "\(message)\n\n" : "\n\(message)\n\n")
      lastStatusWasDoubleSpaced = true
    } else if options.verbose {
      lastStatusWasDoubleSpaced = false
      output.standardOutput("\(message)\n")
    }
  }

  func writeSummary() {
    if !lastStatusWasDoubleSpaced { output.standardOutput("\n") }
    output.standardOutput(
      "Results requested for \(Self.display(options.start)) to \(Self.display(end))\n")
    guard validDigests + invalidDigests > 0 else {
      output.standardOutput("No digests found\n")
      return
    }
    if let foundStart, let foundEnd {
      output.standardOutput("Results found for \(Self.display(foundStart)) to \(Self.display(foundEnd)):\n")
    } else {
      output.standardOutput("No valid digests found in range\n")
    }
    ratio(validDigests, invalidDigests, "digest")
    ratio(validLogs, invalidLogs, "log")
    output.standardOutput("\n")
  }

  private func ratio(_ valid: Int, _ invalid: Int, _ name: String) {
    let total = valid + invalid
    guard total > 0 else { return }
    output.standardOutput("\n\(valid)/\(total) \(name) files valid")
    if invalid > 0 { output.standardOutput(", \(invalid)/\(total) \(name) files INVALID") }
  }
}
