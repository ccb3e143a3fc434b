import Foundation
import Testing

@testable import TrailServer

/// Signatures computed by botocore 1.43's `SigV4Auth` / `S3SigV4Auth` for these exact requests (secret
/// `wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`): TrailDeck must compute the same.
@Suite struct SignatureV4Tests {
  static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

  static let cloudTrailRequest = ServerRequest(
    method: "POST", rawPath: "/",
    headers: [
      ("Host", "127.0.0.1:4588"), ("X-Amz-Target", "CloudTrail_20131101.GetTrail"),
      ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Date", "20261204T185519Z"),
      (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-1/cloudtrail/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=9cfb20d84444a63c127a7c2d80a91fd02906df026c88154404f63504715686fe"
      ),
    ], body: Data(#"{"Name":"trail-1"}"#.utf8))

  static let s3Request = ServerRequest(
    method: "GET", rawPath: "/my-bucket/AWSLogs/a%20b.json",
    rawQuery: "list-type=2&prefix=AWSLogs%2F&encoding-type=url",
    headers: [
      ("Host", "127.0.0.1:4588"), ("X-Amz-Date", "20261204T185519Z"),
      ("X-Amz-Content-SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      (
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=ab6dd2926e649155062f391b51fff4b4e4a2fa027b513cb38759d1c174ac858a"
      ),
    ])

  @Test func theScopeNamesKeyRegionAndService() throws {
    let signature = try SignatureV4.parse(Self.cloudTrailRequest)
    #expect(signature.accessKeyID == "AKIDEXAMPLE")
    #expect(signature.region == "eu-west-1")
    #expect(signature.service == "cloudtrail")
    #expect(signature.signedHeaders == ["content-type", "host", "x-amz-date", "x-amz-target"])
  }

  @Test func botocoresSignaturesVerify() throws {
    try SignatureV4.parse(Self.cloudTrailRequest).verify(Self.cloudTrailRequest, secret: Self.secret)
    try SignatureV4.parse(Self.s3Request).verify(Self.s3Request, secret: Self.secret)
  }

  @Test func aWrongSecretOrAChangedBodyIsAMismatch() throws {
    let signature = try SignatureV4.parse(Self.cloudTrailRequest)
    #expect(throws: SignatureV4.Problem.mismatch) {
      try signature.verify(Self.cloudTrailRequest, secret: "other")
    }
    var changed = Self.cloudTrailRequest
    changed.body = Data(#"{"Name":"trail-2"}"#.utf8)
    #expect(throws: SignatureV4.Problem.mismatch) { try signature.verify(changed, secret: Self.secret) }
  }

  @Test func malformedHeadersAreIncompleteAndAbsentOnesMissing() {
    #expect(throws: SignatureV4.Problem.missing) {
      try SignatureV4.parse(ServerRequest(method: "GET", rawPath: "/"))
    }
    for header in [
      "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00",
      "AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/aws4_request, SignedHeaders=host, Signature=00",
      "Basic dXNlcjpwYXNz",
    ] {
      let request = ServerRequest(method: "GET", rawPath: "/", headers: [("Authorization", header)])
      #expect(
        performing: { try SignatureV4.parse(request) },
        throws: { error in
          if case .incomplete = error as? SignatureV4.Problem { return true }
          return false
        })
    }
  }
}
