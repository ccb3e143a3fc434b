import Testing

@testable import TrailCore

@Test func diagnosticOneLineNamesFileAndRecord() {
  let d = Diagnostic(
    code: "InvalidRecord", summary: "cannot read log file",
    location: .init(path: "a.json", record: 3, field: "eventTime"), reason: "missing eventTime")
  #expect(d.oneLine == "a.json:record 3: missing eventTime")
}
