import Foundation
import TrailCore

/// A one-line progress bar on stderr (files, events, events/s, ETA), drawn only on a terminal.
///
/// Not `Sendable`, and need not be: each command makes one and calls it only on its own thread, from
/// the ingest's and the demo loader's callbacks, which run on the caller's thread (non-`@Sendable`
/// closures), so its mutable state never crosses threads.
final class ProgressLine {
  private let enabled: Bool
  /// Monotonic nanoseconds of the last draw (a redraw rate is real time, not the clock's).
  private var lastDraw: UInt64 = 0
  private var drawn = false

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ p: IngestProgress) {
    let now = DispatchTime.now().uptimeNanoseconds
    guard enabled, lastDraw == 0 || now - lastDraw > 100_000_000 || p.filesDone == p.filesTotal else {
      return
    }
    lastDraw = now
    let fraction = p.bytesTotal > 0 ? Double(p.bytesDone) / Double(p.bytesTotal) : 1
    let width = 24
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    var text =
      "\r\(bar) \(p.filesDone)/\(p.filesTotal) files  \(p.eventsLoaded) events  \(Int(p.eventsPerSecond)) ev/s"
    if let eta = p.estimatedRemaining { text += "  ETA \(Int(eta.rounded())) s" }
    FileHandle.standardError.write(Data((text + "\u{1B}[K").utf8))
    drawn = true
  }

  func showText(_ line: String) {
    guard enabled else { return }
    FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    drawn = true
  }

  func clear() {
    guard enabled, drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
