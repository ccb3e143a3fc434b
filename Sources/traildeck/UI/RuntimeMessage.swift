import TrailCore
import TrailTUI

/// What background threads post to the UI loop's mailbox.
///
/// Mostly plain `Input`s; a loaded theme also carries the `Theme` itself, which only the loop may
/// install (the painter reads it), so it cannot travel as an `Input`.
enum RuntimeMessage: Sendable {
  case input(Input)
  case themeLoaded(name: String, theme: Theme, diagnostics: [Diagnostic])
}
