import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// Whether `python3` can import botocore (the suite below needs it).
let pythonHasBotocore: Bool =
  (try? SNSBotocoreTests.python(["-c", "import botocore"], input: Data()).status) == 0

/// botocore's own query parser reads `SNSHandler`'s bytes into the SNS model's output shapes: what
/// boto3 and the aws CLI will see. Skipped where python3 has no botocore.
@Suite(.enabled(if: pythonHasBotocore))
struct SNSBotocoreTests {
  /// Parses stdin as operation argv[1]'s output (status argv[2]) and prints it as sorted JSON.
  static let script = """
    import sys, json
    import botocore.loaders, botocore.model, botocore.parsers
    model = botocore.model.ServiceModel(botocore.loaders.Loader().load_service_model('sns', 'service-2'))
    shape = model.operation_model(sys.argv[1]).output_shape
    response = {'body': sys.stdin.buffer.read(), 'headers': {}, 'status_code': int(sys.argv[2])}
    parsed = botocore.parsers.QueryParser().parse(response, shape)
    parsed.pop('ResponseMetadata', None)
    print(json.dumps(parsed, sort_keys=True))
    """

  static func python(_ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(input)
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  /// What botocore makes of the handler's answer to `form`.
  static func parsed(_ fixture: SNSHandlerTests.Fixture, _ action: String, _ form: String) async throws
    -> String
  {
    let request = ServerRequest(method: "POST", rawPath: "/", body: Data("Action=\(action)&\(form)".utf8))
    let response = await fixture.handler.handle(request, caller: SNSHandlerTests.caller)
    let result = try python(["-c", script, action, String(response.status)], input: response.body)
    #expect(result.status == 0, "\(result.output)")
    return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func botocoreReadsEveryAnswer() async throws {
    let fixture = try SNSHandlerTests.Fixture()
    let arn = "arn:aws:sns:us-east-1:111122223333:t"
    let encodedARN = "arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3At"
    let form = "Name=t&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=A+%26+%3CB%3E"
    #expect(try await Self.parsed(fixture, "CreateTopic", form) == #"{"TopicArn": "\#(arn)"}"#)
    #expect(try await Self.parsed(fixture, "ListTopics", "") == #"{"Topics": [{"TopicArn": "\#(arn)"}]}"#)
    let attributes = try await Self.parsed(fixture, "GetTopicAttributes", "TopicArn=\(encodedARN)")
    let decoded = try #require(
      try JSONSerialization.jsonObject(with: Data(attributes.utf8)) as? [String: [String: String]])
    let map = try #require(decoded["Attributes"])
    #expect(map["DisplayName"] == "A & <B>")
    #expect(map["TopicArn"] == arn)
    let policy = try JSONValue(parsing: try #require(map["Policy"]))
    #expect(policy.compactText().contains(#""Resource":"\#(arn)""#))
    #expect(try await Self.parsed(fixture, "DeleteTopic", "TopicArn=\(encodedARN)") == "{}")
    #expect(
      try await Self.parsed(fixture, "GetTopicAttributes", "TopicArn=\(encodedARN)")
        == #"{"Error": {"Code": "NotFound", "Message": "Topic does not exist", "Type": "Sender"}}"#)
  }
}
