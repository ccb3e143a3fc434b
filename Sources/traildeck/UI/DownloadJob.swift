import Foundation
import TrailCore
import TrailTUI

/// Writes a history download (`d`) on its own thread with its own connection, so a large export
/// neither blocks the UI loop nor holds up the queries behind it.
enum DownloadJob {
  /// The flag the UI thread sets and the download thread reads between pages.
  final class Cancellation: @unchecked Sendable {
    // @unchecked: `flag` is only touched while holding `lock`.
    private let lock = NSLock()
    private var flag = false

    func cancel() { lock.withLock { flag = true } }
    var isCancelled: Bool { lock.withLock { flag } }
  }

  /// Starts the download and returns at once; progress and the outcome arrive through `post`.
  /// Cancelling the returned flag stops the job before its next page, removes the partial file and
  /// posts `.downloadCancelled`.
  static func start(
    context: StoreContext, filter: HistoryFilter, format: DownloadFormat, path: String,
    post: @escaping @Sendable (RuntimeMessage) -> Void
  ) -> Cancellation {
    let cancellation = Cancellation()
    let thread = Thread {
      do {
        let count = try write(
          context: context, filter: filter, format: format, path: path, cancellation: cancellation,
          post: post)
        post(.input(.downloadFinished(path: path, count: count)))
      } catch is CancellationError {
        // `downloadFile` has removed the partial file.
        post(.input(.downloadCancelled(path: path)))
      } catch {
        post(.input(.failed(.download, .wrapping(error, summary: "cannot write the download"))))
      }
    }
    thread.name = "traildeck.download"
    thread.start()
    return cancellation
  }

  private static func write(
    context: StoreContext, filter: HistoryFilter, format: DownloadFormat, path: String,
    cancellation: Cancellation, post: @Sendable (RuntimeMessage) -> Void
  ) throws -> Int {
    let service = try StoreServices(context)
    var lastReport: UInt64 = 0
    let exportFormat = HistoryExport.DownloadFormat(rawValue: format.rawValue) ?? .csv
    return try HistoryExport.downloadFile(
      filter, format: exportFormat, from: service, to: path,
      progress: { done in
        // A few reports a second are enough for the status bar; more would only cost repaints.
        let now = DispatchTime.now().uptimeNanoseconds
        guard lastReport == 0 || now - lastReport >= 200_000_000 else { return }
        lastReport = now
        post(.input(.downloadProgress(done: done, total: nil)))
      },
      isCancelled: { cancellation.isCancelled })
  }
}
