import ArgumentParser
import Foundation

/// A string parameter as the aws CLI reads one: the text itself, or a file's text for `file://PATH`.
enum ParameterText {
  static func read(_ text: String, flag: String) throws -> String {
    guard text.hasPrefix("file://") else { return text }
    guard let data = FileManager.default.contents(atPath: String(text.dropFirst("file://".count))) else {
      throw ValidationError("Error parsing parameter '--\(flag)': Unable to load paramfile \(text)")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
