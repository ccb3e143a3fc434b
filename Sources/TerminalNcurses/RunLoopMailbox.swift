import Foundation

/// A thread-safe queue of messages for a `TerminalRunLoop`: background work posts results here and
/// the loop wakes at once to handle them.
public final class RunLoopMailbox<Message: Sendable>: @unchecked Sendable {
  // @unchecked: every access to `messages` holds `lock`.
  private let lock = NSLock()
  private var messages: [Message] = []
  private let wake: @Sendable () -> Void

  init(wake: @escaping @Sendable () -> Void) {
    self.wake = wake
  }

  /// Queues `message` and wakes the loop; callable from any thread.
  public func post(_ message: Message) {
    lock.withLock { messages.append(message) }
    wake()
  }

  /// Takes every queued message, oldest first.
  func drain() -> [Message] {
    lock.withLock {
      let taken = messages
      messages.removeAll()
      return taken
    }
  }
}
