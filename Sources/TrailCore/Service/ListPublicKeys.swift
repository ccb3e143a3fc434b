import Foundation

/// CloudTrail's `ListPublicKeys`: the caller's region's digest-signing public keys whose validity windows
/// overlap `[StartTime, EndTime]` (each defaulting to the clock's now, which returns the current key).
///
/// Keys are made when a region first signs a digest (`SigningKeyRing`), so a region that never signed
/// has none, and after a month without digests "now" may have none either. One page holds every key;
/// `NextToken` is reserved in the model, so a token given in a request cannot be one of ours.
/// - Throws: `ServiceError` — `InvalidTimeRangeException` (start after end), `InvalidTokenException`.
public enum ListPublicKeys: ServiceOperation {
  public static let name = "ListPublicKeys"

  public static func perform(_ request: ListPublicKeysRequest, with services: StoreServices) throws
    -> ListPublicKeysResponse
  {
    if let token = request.nextToken {
      throw ServiceError.invalidToken("The NextToken '\(token)' was not issued by ListPublicKeys.")
    }
    let now = services.context.clock.now()
    let start = request.startTime ?? now
    let end = request.endTime ?? now
    guard start <= end else {
      throw ServiceError.invalidTimeRange("StartTime must not be later than EndTime.")
    }
    let ring = SigningKeyRing(connection: services.connection, clock: services.context.clock)
    let keys = try ring.publicKeys(region: services.context.callerRegion, from: start, to: end)
    return ListPublicKeysResponse(publicKeyList: keys.map(PublicKey.init))
  }
}
