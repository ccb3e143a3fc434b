import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// `traildeck serve`: one HTTP/1.1 port (Hummingbird on SwiftNIO) for every protocol the router
/// knows. The only code that sees Hummingbird's types: it turns each request into a `ServerRequest`
/// (the body collected up to the protocol's limit, `Host` restored from the authority for SigV4) and
/// the router's `ServerResponse` back.
public struct TrailDeckServer: Sendable {
  public var host: String
  /// 0 takes a free port.
  public var port: Int
  public var router: ProtocolRouter

  public init(host: String, port: Int, router: ProtocolRouter) {
    self.host = host
    self.port = port
    self.router = router
  }

  /// Serves until SIGTERM or SIGINT; in-flight requests are answered first. `onListening` gets the
  /// bound address (`http://127.0.0.1:4588`) as soon as the port is bound.
  public func run(onListening: @escaping @Sendable (String) -> Void) async throws {
    let router = router
    let host = host
    var logger = Logger(label: "traildeck.serve", factory: { StreamLogHandler.standardError(label: $0) })
    logger.logLevel = .warning
    let responder = CallbackResponder<ServerRequestContext> { request, context in
      try await Self.respond(to: request, context: context, router: router)
    }
    let app = Application(
      responder: responder,
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        onListening("http://\(host):\(port)")
      },
      logger: logger)
    try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
  }

  static func respond(to request: Request, context: ServerRequestContext, router: ProtocolRouter) async throws
    -> Response
  {
    var headers: [(name: String, value: String)] = []
    if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
    for field in request.headers { headers.append((name: field.name.canonicalName, value: field.value)) }
    let target = request.head.path ?? "/"
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    var serverRequest = ServerRequest(
      method: request.method.rawValue, rawPath: String(parts[0]),
      rawQuery: parts.count > 1 ? String(parts[1]) : "",
      headers: headers, remoteAddress: context.remoteAddress)
    let answer: ServerResponse
    do {
      let buffer = try await request.body.collect(upTo: router.bodyLimit(for: serverRequest))
      serverRequest.body = Data(buffer.readableBytesView)
      answer = await router.respond(serverRequest)
    } catch {
      answer = router.tooLarge(serverRequest)
    }
    var fields = HTTPFields()
    for header in answer.headers {
      guard let name = HTTPField.Name(header.name) else { continue }
      fields.append(HTTPField(name: name, value: header.value))
    }
    let status = HTTPResponse.Status(code: answer.status)
    if request.method == .head {
      // HEAD answers carry the headers of a GET (the handler's Content-Length included) and no body.
      return Response(status: status, headers: fields, body: ResponseBody())
    }
    fields[.contentLength] = String(answer.body.count)
    return Response(
      status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
  }
}

/// Hummingbird's per-request context, keeping the peer's address (CloudTrail's `sourceIPAddress`).
public struct ServerRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public let remoteAddress: String

  public init(source: ApplicationRequestContextSource) {
    coreContext = CoreRequestContextStorage(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
  }

  /// Bodies are collected by the adapter itself, up to each protocol's own limit.
  public var maxUploadSize: Int { ProtocolRouter.maximumObjectBytes }
}
