import Crypto
import Foundation
import Testing

@testable import TrailCore

@Suite("SigningKeyRing")
struct SigningKeyRingTests {
  @Test func firstUseMakesAKeyThatSignsAndVerifies() throws {
    let scratch = try IntegrityScratch()
    let key = try scratch.ring.currentKey(region: "us-east-1")
    #expect(key.publicKey.validFrom == IntegrityScratch.origin)
    #expect(key.publicKey.validUntil == IntegrityScratch.origin.addingTimeInterval(2_592_000))
    #expect(key.publicKey.fingerprint == Insecure.MD5.hash(data: key.publicKey.der).hex)
    #expect(key.publicKey.fingerprint.count == 32)
    // PKCS#1 RSAPublicKey of a 2048-bit key: SEQUENCE { INTEGER n (257 bytes), INTEGER e } = 270 bytes.
    #expect(key.publicKey.der.count == 270 && key.publicKey.der.prefix(4) == [0x30, 0x82, 0x01, 0x0A])
    let message = Array("2024-03-01T12:07:28Z\nbucket/key\nabc\nnull".utf8)
    let signature = try key.sign(message)
    #expect(signature.count == 256)
    #expect(key.publicKey.isValidSignature(signature, for: message))
    #expect(!key.publicKey.isValidSignature(signature, for: message + [0x20]))
  }

  @Test func theKeyStaysForThirtyDaysThenRotatesAndOldKeysRemain() throws {
    let scratch = try IntegrityScratch()
    let first = try scratch.ring.currentKey(region: "us-east-1")
    scratch.clock.advance(by: 2_592_000 - 1)
    #expect(try scratch.ring.currentKey(region: "us-east-1").publicKey == first.publicKey)
    scratch.clock.advance(by: 1)
    let second = try scratch.ring.currentKey(region: "us-east-1")
    #expect(second.publicKey.fingerprint != first.publicKey.fingerprint)
    #expect(second.publicKey.validFrom == first.publicKey.validUntil)
    // Ninety days without signing: the next window is the one holding now, still on the same grid.
    scratch.clock.advance(by: 90 * 86_400)
    let third = try scratch.ring.currentKey(region: "us-east-1")
    #expect(third.publicKey.validFrom == second.publicKey.validUntil.addingTimeInterval(2 * 2_592_000))
    let all = try scratch.ring.publicKeys(
      region: "us-east-1", from: IntegrityScratch.origin, to: scratch.clock.now())
    #expect(all.map(\.fingerprint) == [third, second, first].map(\.publicKey.fingerprint))
    #expect(
      try scratch.ring.publicKey(region: "us-east-1", fingerprint: first.publicKey.fingerprint)
        == first.publicKey)
  }

  @Test func keysArePerRegionAndSurviveReopening() throws {
    let scratch = try IntegrityScratch()
    let east = try scratch.ring.currentKey(region: "us-east-1")
    let west = try scratch.ring.currentKey(region: "us-west-2")
    #expect(east.publicKey.fingerprint != west.publicKey.fingerprint)
    let reopened = try SigningKeyRing(databasePath: scratch.store.dbPath, clock: scratch.clock)
    let again = try reopened.currentKey(region: "us-east-1")
    #expect(again.publicKey == east.publicKey)
    // The private key came back from the store: its signatures verify with the first public key.
    let message = Array("x".utf8)
    #expect(east.publicKey.isValidSignature(try again.sign(message), for: message))
  }

  struct Window: Sendable, CustomStringConvertible {
    var start: TimeInterval
    var end: TimeInterval
    var expected: Int
    var description: String { "[\(start), \(end)] → \(expected)" }
  }

  // Keys: [0, 30d) and [30d, 60d) after origin.
  @Test(
    arguments: [
      Window(start: -10, end: -1, expected: 0), Window(start: -10, end: 0, expected: 1),
      Window(start: 100, end: 200, expected: 1), Window(start: 2_592_000 - 1, end: 2_592_000, expected: 2),
      Window(start: 2_592_000, end: 2_592_000, expected: 1), Window(start: 0, end: 9_999_999, expected: 2),
      Window(start: 5_184_000, end: 9_999_999, expected: 0),
    ])
  func publicKeysOverlappingARange(_ window: Window) throws {
    let scratch = try IntegrityScratch()
    _ = try scratch.ring.currentKey(region: "us-east-1")
    scratch.clock.advance(by: 2_592_000)
    _ = try scratch.ring.currentKey(region: "us-east-1")
    let keys = try scratch.ring.publicKeys(
      region: "us-east-1", from: IntegrityScratch.origin.addingTimeInterval(window.start),
      to: IntegrityScratch.origin.addingTimeInterval(window.end))
    #expect(keys.count == window.expected)
  }
}
