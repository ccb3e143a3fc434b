import Crypto
import Foundation

/// A digest whose signature checked out, as the walk hands it on.
struct ValidatedDigest {
  /// The digest's JSON object.
  var json: JSONValue
  var startTime: Date
  var endTime: Date
}

/// What the walk reports besides valid digests (the aws CLI's `on_missing`, `on_gap`, `on_invalid`).
enum DigestEvent {
  /// `key` in `bucket` is listed or linked but not there.
  case missing(bucket: String, key: String)
  /// A chain starts (null links) while older digests remain: nothing was delivered in between.
  case gap(nextEnd: Date, lastStart: Date)
  /// A digest failed a check; `message` is the whole line.
  case invalid(message: String)
}

/// The walk of spec §6.4 step 4, newest to oldest, in the aws CLI's order and with its quirks: the
/// listing is consumed from the end as digests are taken from it, chain links are followed even to
/// keys the listing lacks, a digest with null links jumps to the next older listed digest (a gap), and
/// a missing or invalid digest to the next listed one older than it.
final class DigestTraversal {
  let folder: BucketFolder
  /// The trail as validate-logs sees it: account, organization, name, regions, and the first bucket.
  let trail: DigestTrail
  /// The keys that may have signed, by fingerprint (set once listed: the CLI lists digests first).
  var publicKeys: [String: PublicSigningKey] = [:]
  /// Listings by bucket and end, shared as the CLI's cache is: taking from one consumes it.
  private var listings: [String: [String]] = [:]

  init(folder: BucketFolder, trail: DigestTrail) {
    self.folder = folder
    self.trail = trail
  }

  /// Lists the keys of `bucket` for `[start, end]` (cached like the CLI's listing).
  func loadListing(bucket: String, start: Date, end: Date) throws -> String {
    let id = "\(bucket)\n\(start.timeIntervalSince1970)\n\(end.timeIntervalSince1970)"
    if listings[id] == nil {
      var located = trail
      located.bucket = bucket
      listings[id] = try DigestListing(folder: folder, trail: located).keys(start: start, end: end)
    }
    return id
  }

  /// Walks the digests from the newest listed one back to `start`, calling `onValid` for each valid
  /// digest (before going on, as the CLI's generator yields) and `onEvent` for everything else.
  /// Errors other than a digest's own problems (S3 failures other than a missing key, errors thrown by
  /// `onValid`) end the walk.
  func walk(
    listing firstListing: String, start: Date, onValid: (ValidatedDigest) throws -> Void,
    onEvent: (DigestEvent) -> Void
  ) throws {
    var listing = firstListing
    var bucket = trail.bucket
    var (key, endDate) = try lastDigest(listing, before: nil)
    var lastStart = endDate
    while let current = key, let boundary = lastStart, start <= boundary {
      let outcome: Result<ValidatedDigest, DigestProblem>
      do {
        outcome = .success(try loadAndValidate(bucket: bucket, key: current))
      } catch let problem as DigestProblem {
        outcome = .failure(problem)
      }
      switch outcome {
      case .success(let digest):
        endDate = digest.endTime
        lastStart = digest.startTime
        try onValid(digest)
        let previousBucket = digest.json["previousDigestS3Bucket"].flatMap(PythonText.string)
        let previousKey = digest.json["previousDigestS3Object"].flatMap(PythonText.string)
        if let previousBucket, let previousKey {
          key = previousKey
          if previousBucket != bucket {
            bucket = previousBucket
            listing = try loadListing(bucket: bucket, start: start, end: endDate!)
          }
        } else {
          (key, endDate) = try lastDigest(listing, before: current)
          if key != nil { onEvent(.gap(nextEnd: endDate!, lastStart: digest.startTime)) }
        }
      case .failure(let problem):
        (key, endDate) = try lastDigest(listing, before: current)
        switch problem {
        case .missing: onEvent(.missing(bucket: bucket, key: current))
        case .invalid(let message): onEvent(.invalid(message: message))
        }
      }
    }
  }

  /// Takes keys from the end of the listing: the last one, or the first one stamped before `key`'s stamp.
  private func lastDigest(_ listing: String, before key: String?) throws -> (String?, Date?) {
    guard let key else {
      guard let last = listings[listing]?.popLast() else { return (nil, nil) }
      return (last, try Self.stampDate(of: last))
    }
    let beforeDate = try Self.stampDate(of: key)
    while let next = listings[listing]?.popLast() {
      let date = try Self.stampDate(of: next)
      if date < beforeDate { return (next, date) }
    }
    return (nil, nil)
  }

  private static func stampDate(of key: String) throws -> Date {
    let stamp = DigestListing.stamp(of: key)
    guard let date = DigestKeys.date(ofStamp: stamp) else {
      throw LogValidationFailure("Unable to parse date value: \(stamp)")
    }
    return date
  }

  /// A digest's own problem: the walk reports it and goes on.
  enum DigestProblem: Error {
    case missing
    case invalid(String)
  }

  /// Fetches and checks one digest as the CLI's `_load_and_validate_digest` does, in its order.
  private func loadAndValidate(bucket: String, key: String) throws -> ValidatedDigest {
    let line = "Digest file\ts3://\(bucket)/\(key)\tINVALID: "
    let object: (bytes: [UInt8], metadata: ObjectMetadata)
    do {
      object = try folder.get(bucket: bucket, key: key)
    } catch {
      if error.code == "NoSuchKey" { throw DigestProblem.missing }
      throw LogValidationFailure.s3(error, operation: "GetObject")
    }
    guard let inflated = FirstGzipMember.inflate(object.bytes, requireEnd: true),
      let text = String(bytes: inflated, encoding: .utf8), let json = try? JSONValue(parsing: text),
      case .object = json
    else { throw DigestProblem.invalid(line + "invalid format") }
    guard let signatureHex = object.metadata.user["signature"],
      object.metadata.user["signature-algorithm"] != nil
    else { throw DigestProblem.invalid(line + "signature verification failed") }
    let required = [
      "digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "previousDigestSignature",
      "digestEndTime",
      "digestStartTime",
    ]
    guard required.allSatisfy({ json[$0] != nil }) else {
      throw DigestProblem.invalid(line + "invalid format")
    }
    guard json["digestS3Bucket"] == .string(bucket), json["digestS3Object"] == .string(key) else {
      throw DigestProblem.invalid(line + "has been moved from its original location")
    }
    let fingerprint = PythonText.format(json["digestPublicKeyFingerprint"]!)
    guard case .string(let fingerprintText) = json["digestPublicKeyFingerprint"]!,
      let publicKey = publicKeys[fingerprintText]
    else {
      throw DigestProblem.invalid(
        line + "public key not found in region \(trail.homeRegion) for fingerprint \(fingerprint)")
    }
    guard (try? PublicSigningKey.loadPublicKey(publicKey.der)) != nil else {
      throw DigestProblem.invalid(line + "Unable to load PKCS #1 key with fingerprint \(fingerprint)")
    }
    let previousSignature = json["previousDigestSignature"]!
    let toSign = DigestDocument.stringToSign(
      endTime: PythonText.format(json["digestEndTime"]!), bucket: PythonText.format(json["digestS3Bucket"]!),
      key: PythonText.format(json["digestS3Object"]!), hashHex: SHA256.hash(data: inflated).hex,
      previousSignature: previousSignature == .null ? nil : PythonText.format(previousSignature))
    guard let signature = [UInt8](hex: signatureHex) else {
      // binascii.unhexlify's errors, which the CLI prints after "INVALID: ".
      let reason = signatureHex.utf8.count % 2 == 1 ? "Odd-length string" : "Non-hexadecimal digit found"
      throw DigestProblem.invalid(line + reason)
    }
    guard publicKey.isValidSignature(signature, for: Array(toSign.utf8)) else {
      throw DigestProblem.invalid(line + "signature verification failed")
    }
    let end = try Self.parseDate(json["digestEndTime"]!, line)
    let start = try Self.parseDate(json["digestStartTime"]!, line)
    return ValidatedDigest(json: json, startTime: start, endTime: end)
  }

  private static func parseDate(_ value: JSONValue, _ line: String) throws -> Date {
    guard case .string(let text) = value, let seconds = ISO8601Time.parse(text) else {
      throw DigestProblem.invalid(line + "Unable to parse date value: \(PythonText.format(value))")
    }
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }
}

/// How Python's f-strings spell the JSON values validate-logs prints or signs.
enum PythonText {
  /// A string as itself, `null` as `None`, anything else as compact JSON (close enough for values no
  /// digest should hold).
  static func format(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .null: "None"
    case .bool(let flag): flag ? "True" : "False"
    default: value.compactText()
    }
  }

  /// The text of a string value; nil for `null` (Python's `None`) and other kinds.
  static func string(_ value: JSONValue) -> String? {
    if case .string(let text) = value { return text }
    return nil
  }
}
