import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder an export writes into: files appear whole (written under a hidden temporary name in
/// their final folder, then renamed over the final name, so a reader never sees half a file), and
/// manifests are read and written here.
struct ExportFolder {
  let root: String

  /// The folder at `path`, created with its parents when missing.
  /// - Throws: `Diagnostic` `ExportFolderUnwritable` when it cannot be created, is not a folder, or
  ///   cannot be written.
  init(_ path: String) throws {
    root = URL(fileURLWithPath: path).standardizedFileURL.path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw Self.unwritable(root, "it exists and is not a folder")
      }
    } else {
      do {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
      } catch {
        throw Self.unwritable(root, "it cannot be created: \(Self.reason(error))")
      }
    }
    guard access(root, W_OK | X_OK) == 0 else {
      throw Self.unwritable(root, "it cannot be written: \(String(cString: strerror(errno)))")
    }
  }

  static func unwritable(_ path: String, _ reason: String) -> Diagnostic {
    Diagnostic(
      code: "ExportFolderUnwritable", summary: "cannot export into this folder", location: .init(path: path),
      reason: reason, help: "give --to a folder you can write (it is created when missing)")
  }

  private static func reason(_ error: Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if underlying?.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying!.code))) }
    return "\(error)"
  }

  func path(_ relative: String) -> String { root + "/" + relative }

  /// Writes `bytes` at `relative` (creating its folders), replacing what was there whole.
  /// - Throws: `Diagnostic` `ExportWriteFailed` naming the file.
  func write(_ bytes: [UInt8], to relative: String) throws {
    let final = path(relative)
    let folder = (final as NSString).deletingLastPathComponent
    let name = (final as NSString).lastPathComponent
    let temporary = folder + "/." + name + ".tmp"
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw failed(final, "cannot create its folder: \(Self.reason(error))")
    }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw failed(final, "cannot create \(temporary): \(String(cString: strerror(errno)))")
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var failure: String?
    do { try handle.write(contentsOf: bytes) } catch { failure = "\(error)" }
    try? handle.close()
    if failure == nil, rename(temporary, final) == 0 { return }
    let reason = failure ?? String(cString: strerror(errno))
    unlink(temporary)
    throw failed(final, "cannot write it: \(reason)")
  }

  private func failed(_ path: String, _ reason: String) -> Diagnostic {
    Diagnostic(
      code: "ExportWriteFailed", summary: "cannot write an export file", location: .init(path: path),
      reason: reason,
      help: "free some space or fix the folder's permissions, then export again (it replaces what it wrote)")
  }

  /// Removes the file at `relative`, then the folders above it that are left empty (never the root).
  func remove(_ relative: String) {
    var current = path(relative)
    unlink(current)
    while true {
      current = (current as NSString).deletingLastPathComponent
      guard current.count > root.count, current.hasPrefix(root + "/"), rmdir(current) == 0 else { return }
    }
  }

  /// The manifest of store `id`'s last export here, if any.
  /// - Throws: `Diagnostic` `ExportManifestUnreadable` for a manifest that is not one.
  func manifest(storeID id: String) throws -> ExportManifest? {
    try manifest(at: path(ExportManifest.fileName(storeID: id)))
  }

  /// Every manifest in the folder (other stores' exports too).
  func manifests() throws -> [ExportManifest] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return try names.filter { $0.hasPrefix(ExportManifest.namePrefix) && $0.hasSuffix(".json") }.sorted()
      .compactMap { try manifest(at: path($0)) }
  }

  private func manifest(at file: String) throws -> ExportManifest? {
    guard let data = FileManager.default.contents(atPath: file) else { return nil }
    do {
      return try JSONDecoder().decode(ExportManifest.self, from: data)
    } catch {
      throw Diagnostic(
        code: "ExportManifestUnreadable", summary: "cannot read an export manifest",
        location: .init(path: file),
        reason: "it is not a TrailDeck export manifest: \(error)",
        help: "remove it (the export then adds to the folder instead of replacing its previous files)")
    }
  }

  func write(_ manifest: ExportManifest, storeID id: String) throws {
    try write(try manifest.encoded(), to: ExportManifest.fileName(storeID: id))
  }
}
