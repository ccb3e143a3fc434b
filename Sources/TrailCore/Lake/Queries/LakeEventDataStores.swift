import Foundation

/// The one place the query lifecycle asks about event data stores.
enum LakeEventDataStores {
  /// The ARN of event data store `idOrARN` (an ARN, or the ID that ends one), checked to be queryable.
  ///
  /// TODO(EventDataStoreCatalog): once event data stores are merged, look the store up with
  /// `EventDataStoreCatalog.find(idOrARN, connection:)`: no store → `EventDataStoreNotFoundException`;
  /// a store whose `.status` is PENDING_DELETION → `InactiveEventDataStoreException`; answer its
  /// `.arn`. Until then every well-formed reference is taken to name an active store of the caller.
  ///
  /// - Throws: `ServiceError` `EventDataStoreARNInvalidException` (an `arn:` that is not an event data
  ///   store's), `EventDataStoreNotFoundException` (an ID that cannot be one).
  static func checkedARN(_ idOrARN: String, connection: SQLiteConnection, context: StoreContext)
    throws(ServiceError) -> String
  {
    if idOrARN.hasPrefix("arn:") {
      let parts = idOrARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
      guard parts.count == 6, parts[2] == "cloudtrail", parts[5].hasPrefix("eventdatastore/"),
        isID(String(parts[5].dropFirst("eventdatastore/".count)))
      else {
        throw ServiceError(
          "EventDataStoreARNInvalidException",
          "'\(idOrARN)' is not an event data store ARN; expected arn:aws:cloudtrail:REGION:ACCOUNT:eventdatastore/ID."
        )
      }
      return idOrARN
    }
    guard isID(idOrARN) else {
      throw ServiceError(
        "EventDataStoreNotFoundException", "The event data store \(idOrARN) does not exist.")
    }
    return "arn:aws:cloudtrail:\(context.callerRegion):\(context.account):eventdatastore/\(idOrARN)"
  }

  /// The ID part of an event data store ARN.
  static func id(ofARN arn: String) -> String {
    arn.components(separatedBy: "eventdatastore/").last ?? arn
  }

  private static func isID(_ text: String) -> Bool {
    (3...256).contains(text.count)
      && text.range(of: #"^[A-Za-z0-9._-]+$"#, options: .regularExpression) != nil
  }
}
