import Foundation
import Testing

@testable import TrailServer

@Suite struct ServerRequestTests {
  @Test func queryItemsAreDecodedInOrder() {
    let request = ServerRequest(
      method: "GET", rawPath: "/b", rawQuery: "prefix=AWSLogs%2F1&list-type=2&x&q=a+b")
    #expect(request.queryItems.map(\.name) == ["prefix", "list-type", "x", "q"])
    #expect(request.query("prefix") == "AWSLogs/1")
    #expect(request.query("x") == "")
    #expect(request.query("q") == "a b")
    #expect(request.query("missing") == nil)
  }

  @Test func headerNamesMatchInAnyCase() {
    let request = ServerRequest(
      method: "POST", rawPath: "/",
      headers: [("X-Amz-Target", "T"), ("x-amz-meta-a", "1"), ("X-AMZ-META-A", "2")])
    #expect(request.header("x-amz-target") == "T")
    #expect(request.headerValues("X-Amz-Meta-A") == ["1", "2"])
  }
}
