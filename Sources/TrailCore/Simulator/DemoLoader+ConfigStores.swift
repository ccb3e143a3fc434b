/// The demo organization's event data stores for AWS Config configuration items and Audit Manager
/// evidence, as its management account would create them in `us-east-1` for the whole organization.
extension DemoLoader {
  /// `demo-config-items` (eventCategory `ConfigurationItem`) and `demo-audit-evidence` (`Evidence`).
  public static let configStores = [
    (name: "demo-config-items", category: "ConfigurationItem", selector: "Configuration items"),
    (name: "demo-audit-evidence", category: "Evidence", selector: "Audit Manager evidence"),
  ]

  /// Creates the two stores through `CreateEventDataStore` at the clock's now, unless the simulator
  /// writes no configuration items or a store of that name exists (a second seed of the same store).
  func createConfigStores(for simulator: DemoSimulator) throws {
    guard simulator.configuration.recordsConfigurationItems, let management = simulator.accountIds.first
    else {
      return
    }
    let services = try StoreServices(
      StoreContext(databasePath: databasePath, clock: clock, account: management, region: "us-east-1"))
    let existing =
      try ListEventDataStores.perform(ListEventDataStoresRequest(), with: services)
      .eventDataStores?.compactMap(\.name) ?? []
    for store in Self.configStores where !existing.contains(store.name) {
      let selector = AdvancedEventSelector(
        name: store.selector,
        fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: [store.category])])
      _ = try CreateEventDataStore.perform(
        CreateEventDataStoreRequest(
          name: store.name, advancedEventSelectors: [selector], multiRegionEnabled: true,
          organizationEnabled: true,
          terminationProtectionEnabled: false),
        with: services)
    }
  }
}
