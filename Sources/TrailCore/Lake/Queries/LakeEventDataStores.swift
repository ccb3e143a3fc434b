import Foundation

/// The one place the query lifecycle asks about event data stores.
enum LakeEventDataStores {
  /// The ARN of event data store `idOrARN` (an ARN, or the ID that ends one), checked to be queryable.
  ///
  /// - Throws: `ServiceError` `EventDataStoreARNInvalidException` (an `arn:` that is not an event data
  ///   store's), `EventDataStoreNotFoundException`, `InactiveEventDataStoreException` (pending deletion).
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
    }
    let store: EventDataStoreRecord?
    do {
      store = try EventDataStoreCatalog.find(idOrARN, connection: connection)
    } catch {
      throw ServiceError("InvalidParameterException", "The event data stores cannot be read: \(error)")
    }
    guard let store else {
      throw ServiceError("EventDataStoreNotFoundException", "The event data store \(idOrARN) does not exist.")
    }
    guard store.status != EventDataStoreStatus.pendingDeletion else {
      throw ServiceError(
        "InactiveEventDataStoreException", "The event data store \(store.arn) is pending deletion.")
    }
    return store.arn
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
