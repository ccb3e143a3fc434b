/// One CloudTrail operation: a typed request, a typed response, and the function between them.
///
/// The request and response are the service model's shapes (member names, optional members omitted,
/// timestamps, blobs), checked against `service-2.json` by `ServiceModelShapeTests`. Every front calls
/// `perform`: the CLI prints the response as the aws CLI does, the server (later) encodes it as JSON 1.1,
/// the panes read it. Modelled errors are `ServiceError`s; anything else (a missing store, a broken
/// file) is the front's to report.
///
/// A new operation is: its shapes, a type conforming here, one line in the CLI's command list (and one
/// in the server's table).
public protocol ServiceOperation {
  associatedtype Request: Codable & Sendable
  associatedtype Response: Codable & Sendable

  /// The operation's name in the service model, e.g. `LookupEvents`.
  static var name: String { get }

  /// Runs the operation for the caller and store of `services.context`.
  static func perform(_ request: Request, with services: StoreServices) throws -> Response
}
