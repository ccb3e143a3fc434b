import Foundation

/// A request shape read from aws-CLI-style arguments: member `S3BucketName` is `--s3-bucket-name`.
///
/// This is how the aws CLI maps every operation's input (botocore's `xform_name`), so one decoder
/// gives every operation its aws CLI flags from its Codable request type:
/// - a Boolean member is `--flag` (true) or `--no-flag` (false);
/// - a string, number or timestamp takes one value (timestamps: ISO 8601 or epoch seconds);
/// - a list of strings takes the values that follow (`--trail-name-list a b`);
/// - a structure, a list of structures or a map takes JSON (inline or `file://PATH`) or the aws CLI's
///   shorthand, one structure a value (`--tags-list Key=team,Value=red Key=env,Value=prod`).
///
/// Unknown flags, missing required members and values of the wrong kind are `UsageError`s, which the
/// CLI reports with the aws CLI's exit status for usage errors (252).
public struct CLIArguments {
  /// A mistake in the arguments, in the aws CLI's words where it has them.
  public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
  }

  /// One flag as given: its values in order (empty for a bare `--flag`).
  struct Given {
    var name: String
    var values: [String]
  }

  private var given: [String: Given] = [:]
  private var order: [String] = []

  /// Splits `arguments` into flags and their values.
  public init(_ arguments: [String]) throws(UsageError) {
    var current: String?
    for argument in arguments {
      if argument.hasPrefix("--") && argument.count > 2 {
        let name = String(argument.dropFirst(2))
        guard given[name] == nil else { throw UsageError("argument --\(name): given twice") }
        given[name] = Given(name: name, values: [])
        order.append(name)
        current = name
      } else if let name = current {
        given[name]!.values.append(argument)
      } else {
        throw UsageError("Unknown options: \(argument)")
      }
    }
  }

  /// The request `T` built from the arguments.
  ///
  /// - Throws: `UsageError` for a missing required member (all of them named, as the aws CLI does),
  ///   an unknown flag, or a value that does not fit its member.
  public func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let members = Self.members(of: type)
    let missing = members.filter { $0.isRequired && given[$0.flag] == nil && given["no-" + $0.flag] == nil }
    if !missing.isEmpty {
      throw UsageError(
        "the following arguments are required: " + missing.map { "--" + $0.flag }.joined(separator: ", "))
    }
    // `--no-x` exists only for Boolean members, as in the aws CLI.
    let known = Set(members.flatMap { $0.kind == .boolean ? [$0.flag, "no-" + $0.flag] : [$0.flag] })
    let unknown = order.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw UsageError("Unknown options: " + unknown.map { "--" + $0 }.joined(separator: ", "))
    }
    do {
      return try T(from: ArgumentDecoder(arguments: self))
    } catch let error as UsageError {
      throw error
    } catch let error as DecodingError {
      throw UsageError(Self.describe(error))
    }
  }

  /// The value of one member, found by its flag.
  func value(for key: String) -> (flag: String, values: [String], negated: Bool)? {
    let flag = Self.flagName(key)
    if let found = given[flag] { return (flag, found.values, false) }
    if let found = given["no-" + flag] { return (flag, found.values, true) }
    return nil
  }

  // MARK: Flag names

  /// The aws CLI's flag for a member: botocore's `xform_name` with dashes (`SnsTopicARN` →
  /// `sns-topic-arn`, `trailNameList` → `trail-name-list`).
  public static func flagName(_ member: String) -> String {
    var name = member
    // A trailing plural of capitals (`ARNs`) becomes one word first, as botocore does.
    if let range = name.range(of: "[A-Z]{2,}s$", options: .regularExpression) {
      name = name[..<range.lowerBound] + "-" + name[range].lowercased()
    }
    name = name.replacingOccurrences(
      of: "(.)([A-Z][a-z]+)", with: "$1-$2", options: .regularExpression)
    name = name.replacingOccurrences(
      of: "([a-z0-9])([A-Z])", with: "$1-$2", options: .regularExpression)
    return name.lowercased()
  }

  // MARK: Members, for help and checks

  /// A member of a request shape as the CLI sees it.
  public struct Member: Equatable, Sendable {
    /// The flag without dashes, e.g. `s3-bucket-name`.
    public var flag: String
    public var isRequired: Bool
    public var kind: Kind

    /// How the member's value is written.
    public enum Kind: Equatable, Sendable {
      case boolean, string, number, timestamp, strings, structure
    }

    /// `--name <value>` as help lists it.
    public var usage: String {
      switch kind {
      case .boolean: "--\(flag) | --no-\(flag)"
      case .string: "--\(flag) <value>"
      case .number: "--\(flag) <integer>"
      case .timestamp: "--\(flag) <timestamp>"
      case .strings: "--\(flag) <value> [<value> …]"
      case .structure: "--\(flag) <JSON, file://PATH or shorthand>"
      }
    }
  }

  /// The members of request type `T`, in the order it decodes them.
  public static func members<T: Decodable>(of type: T.Type) -> [Member] {
    let recorder = MemberRecorder()
    _ = try? T(from: recorder)
    return recorder.members
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
      .dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).filter { Int($0) == nil }
      let flag = path.first.map { "argument --\(flagName($0))" } ?? "arguments"
      let member = path.count > 1 ? " (member \(path.dropFirst().joined(separator: ".")))" : ""
      return "\(flag)\(member): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}
