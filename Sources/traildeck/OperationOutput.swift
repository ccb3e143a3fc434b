import ArgumentParser
import Foundation
import TrailCore

/// How a subcommand that is a CloudTrail (or KMS, SNS, Organizations, IAM) operation reports: the response as `aws --output json`
/// prints it on stdout; a `ServiceError` as the aws CLI's line on stderr with exit status 254; any
/// other failure as a `Diagnostic` with status 1.
enum OperationOutput {
  /// Runs `body`, turning its errors into the aws CLI's output and exit status.
  static func calling<T>(_ operation: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as ServiceError {
      // The aws CLI writes an empty line before the error line.
      FileHandle.standardError.write(Data(("\n" + error.awsCLIMessage(operation: operation) + "\n").utf8))
      throw ExitCode(254)
    } catch let error as KmsError {
      // KMS's errors print as any service's.
      return try calling(operation) { throw ServiceError(error.code, error.message) }
    } catch let diagnostic as Diagnostic {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
      throw ExitCode(1)
    }
  }

  /// Prints `response` as the aws CLI's JSON output does (indent 4, model member order); an empty
  /// response (`StartLogging`'s) prints nothing, as the aws CLI prints nothing for it.
  static func printJSON<Response: Encodable>(_ response: Response) throws {
    let value = try ShapeEncoder(.awsCLI).encode(response)
    if case .object(let members) = value, members.isEmpty { return }
    let text = value.awsCLIText()
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
