import TrailCore

/// A `:` command: its name, aliases and help, listed in the `?` overlay.
public struct Command: Sendable {
  public var name: String
  public var aliases: [String]
  public var argument: String?
  public var help: String

  public init(_ name: String, aliases: [String] = [], argument: String? = nil, help: String) {
    self.name = name
    self.aliases = aliases
    self.argument = argument
    self.help = help
  }

  public static let all: [Command] = [
    .init("dashboard", aliases: ["dash"], help: "show the dashboard"),
    .init("history", aliases: ["hist", "events"], help: "show the event history"),
    .init("lake", help: "show the Lake pane (SQL over the stored events)"),
    .init("insights", aliases: ["in"], help: "show the Insights pane (unusual API call and error rates)"),
    .init("theme", argument: "NAME", help: "switch colour theme"),
    .init("region", argument: "REGION", help: "limit to one region (empty or 'all' = every region)"),
    .init("help", help: "show keys and commands"),
    .init("q", aliases: ["quit"], help: "quit TrailDeck"),
  ]
}

/// What a command line asks for, once parsed.
public enum CommandRequest: Equatable, Sendable {
  case showPane(PaneID)
  case theme(String?)
  case region(String?)
  case help
  case quit
}

extension Command {
  /// Parses the text typed after `:`.
  ///
  /// - Returns: the request, or the message to show (`Unknown command ':histroy'. Did you mean ':history'?`).
  public static func parse(_ line: String) -> Result<CommandRequest, CommandError> {
    let words = line.trimmed.split(separator: " ", maxSplits: 1).map(String.init)
    guard let word = words.first else {
      return .failure(CommandError(message: "Type a command, e.g. :history"))
    }
    let argument = words.count > 1 ? words[1].trimmed : nil
    let command = all.first(where: { $0.name == word || $0.aliases.contains(word) })
    switch command?.name {
    case "dashboard": return .success(.showPane(.dashboard))
    case "history": return .success(.showPane(.history))
    case "lake": return .success(.showPane(.lake))
    case "insights": return .success(.showPane(.insights))
    case "theme": return .success(.theme(argument))
    case "region":
      let region = argument.flatMap { $0.isEmpty || $0.lowercased() == "all" ? nil : $0 }
      return .success(.region(region))
    case "help": return .success(.help)
    case "q": return .success(.quit)
    default:
      var message = "Unknown command ':\(word)'."
      if let guess = Suggestions.nearest(to: word, in: all.map(\.name) + all.flatMap(\.aliases)) {
        message += " Did you mean ':\(guess)'?"
      } else {
        message += " Commands: " + all.map { ":" + $0.name }.joined(separator: ", ")
      }
      return .failure(CommandError(message: message))
    }
  }
}

/// A command line that could not be understood, with the message for the status line.
public struct CommandError: Error, Equatable, Sendable {
  public var message: String
}
