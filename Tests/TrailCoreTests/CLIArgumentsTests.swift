import Foundation
import Testing

@testable import TrailCore

/// Requests from aws-CLI-style arguments: flag names as botocore makes them, Booleans, lists, JSON,
/// `file://`, shorthand, and the usage errors.
@Suite("CLI arguments")
struct CLIArgumentsTests {
  /// Every input member of the service model maps to the flag the aws CLI uses for it.
  @Test func flagNamesAreBotocores() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/botocore-models/cli-flags.tsv")
    let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter {
      !$0.hasPrefix("#")
    }
    #expect(rows.count > 50)
    for row in rows {
      let fields = row.split(separator: "\t").map(String.init)
      #expect(CLIArguments.flagName(fields[0]) == fields[1], "\(fields[0])")
    }
  }

  struct Tag: Codable, Equatable {
    var key: String
    var value: String?
    enum CodingKeys: String, CodingKey {
      case key = "Key"
      case value = "Value"
    }
  }

  enum Mode: String, Codable { case all = "All", readOnly = "ReadOnly" }

  struct Request: Codable, Equatable {
    var name: String
    var s3BucketName: String?
    var isMultiRegionTrail: Bool?
    var maxResults: Int?
    var startTime: Date?
    var trailNameList: [String]?
    var tagsList: [Tag]?
    var mode: Mode?
    enum CodingKeys: String, CodingKey {
      case name = "Name"
      case s3BucketName = "S3BucketName"
      case isMultiRegionTrail = "IsMultiRegionTrail"
      case maxResults = "MaxResults"
      case startTime = "StartTime"
      case trailNameList = "trailNameList"
      case tagsList = "TagsList"
      case mode = "Mode"
    }
  }

  @Test func everyKindOfMember() throws {
    let request = try CLIArguments([
      "--name", "t1", "--s3-bucket-name", "logs", "--no-is-multi-region-trail", "--max-results", "5",
      "--start-time", "2024-03-01T00:00:00Z", "--trail-name-list", "a", "b", "--tags-list",
      "Key=team,Value=red", "Key=env", "--mode", "ReadOnly",
    ]).decode(Request.self)
    #expect(
      request
        == Request(
          name: "t1", s3BucketName: "logs", isMultiRegionTrail: false, maxResults: 5,
          startTime: Date(timeIntervalSince1970: 1_709_251_200), trailNameList: ["a", "b"],
          tagsList: [Tag(key: "team", value: "red"), Tag(key: "env", value: nil)], mode: .readOnly))
  }

  @Test func jsonInlineAndFromAFile() throws {
    let inline = try CLIArguments([
      "--name", "t", "--tags-list", #"[{"Key":"k","Value":"v"}]"#, "--is-multi-region-trail",
    ])
    .decode(Request.self)
    #expect(inline.tagsList == [Tag(key: "k", value: "v")])
    #expect(inline.isMultiRegionTrail == true)
    let path = NSTemporaryDirectory() + "cli-arguments-\(UUID().uuidString).json"
    try Data(#"[{"Key":"f"}]"#.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(
      try CLIArguments(["--name", "t", "--tags-list", "file://" + path]).decode(Request.self).tagsList == [
        Tag(key: "f", value: nil)
      ])
  }

  @Test(arguments: [
    (["--s3-bucket-name", "b"], "the following arguments are required: --name"),
    (["--name", "t", "--colour", "red"], "Unknown options: --colour"),
    (["--name", "t", "--max-results", "five"], "argument --max-results: invalid int value: 'five'"),
    (["--name"], "argument --name: expected one argument"),
    (["--name", "t", "--no-name"], "Unknown options: --no-name"),
    (["stray"], "Unknown options: stray"),
    (
      ["--name", "t", "--tags-list", "file:///nonexistent/x.json"],
      "Error parsing parameter '--tags-list': Unable to load paramfile file:///nonexistent/x.json"
    ),
  ])
  func usageErrors(arguments: [String], message: String) throws {
    #expect(throws: CLIArguments.UsageError(message)) {
      try CLIArguments(arguments).decode(Request.self)
    }
  }

  @Test func membersForHelp() {
    let members = CLIArguments.members(of: Request.self)
    #expect(members.map(\.flag).prefix(3) == ["name", "s3-bucket-name", "is-multi-region-trail"])
    #expect(members.first?.isRequired == true)
    #expect(members.first?.usage == "--name <value>")
    #expect(members[2].usage == "--is-multi-region-trail | --no-is-multi-region-trail")
  }
}
