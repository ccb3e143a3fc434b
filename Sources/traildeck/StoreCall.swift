import Foundation
import TrailCore

/// One call of another service's (Organizations, IAM) on the store of `options`, reported as the aws
/// CLI reports it.
enum StoreCall {
  @discardableResult
  static func run<T>(_ operation: String, _ options: StoreOptions, _ body: (StoreContext) throws -> T)
    throws -> T
  {
    try OperationOutput.calling(operation) {
      // Like the trail commands, these work on a fresh machine: the account exists before any event.
      _ = try EventStore.openWriter(path: options.db)
      return try body(options.context())
    }
  }
}
