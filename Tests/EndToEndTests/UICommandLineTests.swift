import Foundation
import Testing

/// What `traildeck ui` says about itself and refuses before any terminal is touched.
@Suite("UI command line")
struct UICommandLineTests {
  @Test func liveWithAFixedClockIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["ui", "--live", "--now", "2024-01-02T03:04:05Z"])
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains("Please drop --live or --now"), "\(result)")
  }
}
