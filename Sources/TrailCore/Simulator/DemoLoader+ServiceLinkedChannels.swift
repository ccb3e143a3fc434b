import Foundation

/// The service-linked channels of the demo organization (`ServiceLinkedChannelPlan`), made as their
/// AWS service makes them.
extension DemoLoader {
  /// Makes each channel of the span through `ServiceLinkedChannels.create`, in its owner's account
  /// and region at the time of its `CreateServiceLinkedChannel` record and with the ID that record
  /// names; a channel with that ID already there (a second seed of the same store) is left alone.
  func createServiceLinkedChannels(for simulator: DemoSimulator) throws {
    for creation in simulator.serviceLinkedChannels.creations {
      guard let id = creation.request.channelID,
        try ChannelCatalog.find(id, connection: intake.connection) == nil
      else { continue }
      let services = try StoreServices(
        StoreContext(
          databasePath: databasePath,
          clock: FixedClock(Date(timeIntervalSince1970: Double(creation.time))),
          account: creation.account, region: creation.region))
      try ServiceLinkedChannels.create(creation.request, with: services)
    }
  }
}
