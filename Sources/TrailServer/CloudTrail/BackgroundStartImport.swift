import Foundation
import TrailCore

/// The server's `StartImport`: answers as soon as the import is recorded (`INITIALIZING`, as CloudTrail
/// does) and runs it on a thread of its own; `GetImport` shows its progress, `StopImport` stops it.
enum BackgroundStartImport: ServiceOperation {
  static let name = StartImport.name

  static func perform(_ request: StartImportRequest, with services: StoreServices) throws
    -> StartImportResponse
  {
    let id = try StartImport.begin(request, with: services)
    let response = try StartImport.response(id, with: services)
    let context = services.context
    let thread = Thread {
      // Failures are recorded in the import itself (FAILED, ListImportFailures).
      try? StartImport.run(importID: id, context: context)
    }
    thread.stackSize = 8 << 20
    thread.start()
    return response
  }
}
