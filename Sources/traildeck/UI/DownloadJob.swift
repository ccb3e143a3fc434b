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
        // Only thrown once the file was created, so this removes our own partial output: half a CSV
        // looks like a complete, smaller result to whoever opens it later.
        try? FileManager.default.removeItem(atPath: path)
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
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw Diagnostic(
        code: "DownloadFailed", summary: "cannot write the download", location: .init(path: path),
        reason: "cannot create the file", help: "check that the folder exists and is writable")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var buffer: [UInt8] = []
    var lastReport: UInt64 = 0
    let exportFormat = HistoryExport.DownloadFormat(rawValue: format.rawValue) ?? .csv
    let count = try HistoryExport.download(
      filter, format: exportFormat, from: service,
      write: { text in
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 {
          try handle.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      },
      progress: { done in
        // A few reports a second are enough for the status bar; more would only cost repaints.
        let now = DispatchTime.now().uptimeNanoseconds
        guard lastReport == 0 || now - lastReport >= 200_000_000 else { return }
        lastReport = now
        post(.input(.downloadProgress(done: done, total: nil)))
      },
      isCancelled: { cancellation.isCancelled })
    try handle.write(contentsOf: buffer)
    return count
  }
}
