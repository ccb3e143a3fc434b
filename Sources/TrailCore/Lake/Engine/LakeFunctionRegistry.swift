import CSQLite
import Foundation

/// Registers Swift closures as SQLite scalar and aggregate functions on one connection.
///
/// Each function's user data is a retained box; the boxes live as long as the registry, which the
/// engine keeps for as long as it uses the connection.
final class LakeFunctionRegistry {
  typealias Scalar = ([LakeValue]) throws -> LakeValue

  /// An aggregate's running state: fed each row, asked for the result once.
  protocol AggregateState: AnyObject {
    func step(_ arguments: [LakeValue]) throws
    func finish() throws -> LakeValue
  }

  final class ScalarBox {
    let body: Scalar
    init(_ body: @escaping Scalar) { self.body = body }
  }

  /// A function that reads SQLite's values and sets its result itself: for the few called once per
  /// row of a scan, where making each argument a `LakeValue` (a String for text) and the result a
  /// String cost more than the work.
  typealias RawScalar = (_ context: OpaquePointer?, _ arguments: UnsafeMutablePointer<OpaquePointer?>) throws
    -> Void

  final class RawScalarBox {
    let body: RawScalar
    init(_ body: @escaping RawScalar) { self.body = body }
  }

  private var rawScalars: [RawScalarBox] = []

  final class AggregateBox {
    let make: () -> any AggregateState
    init(_ make: @escaping () -> any AggregateState) { self.make = make }
  }

  private var scalars: [ScalarBox] = []
  /// Every function registered, to take back from the connection when the registry goes (the
  /// connection would otherwise keep pointers to freed boxes).
  private var registered: [(name: String, arity: Int32)] = []
  private var aggregates: [AggregateBox] = []
  let connection: SQLiteConnection

  init(_ connection: SQLiteConnection) { self.connection = connection }

  deinit {
    for function in registered {
      sqlite3_create_function_v2(
        connection.handle, function.name, function.arity, SQLITE_UTF8, nil, nil, nil, nil, nil)
    }
  }

  /// `arity` -1 takes any number of arguments.
  func scalar(_ name: String, arity: Int32, deterministic: Bool = true, _ body: @escaping Scalar) throws {
    let box = ScalarBox(body)
    scalars.append(box)
    registered.append((name, arity))
    let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
    let rc = sqlite3_create_function_v2(
      connection.handle, name, arity, flags, Unmanaged.passUnretained(box).toOpaque(),
      { context, count, values in
        let box = Unmanaged<ScalarBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
        let arguments = (0..<Int(count)).map { LakeValue(values?[$0]) }
        do {
          try box.body(arguments).result(context)
        } catch {
          LakeFunctionRegistry.fail(context, error)
        }
      }, nil, nil, nil)
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: rc, message: "cannot register \(name)", context: "lake functions")
    }
  }

  /// Registers a `RawScalar` of fixed `arity` (at least 1), deterministic.
  func rawScalar(_ name: String, arity: Int32, _ body: @escaping RawScalar) throws {
    let box = RawScalarBox(body)
    rawScalars.append(box)
    registered.append((name, arity))
    let rc = sqlite3_create_function_v2(
      connection.handle, name, arity, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
      Unmanaged.passUnretained(box).toOpaque(),
      { context, _, values in
        let box = Unmanaged<RawScalarBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
        do {
          try box.body(context, values!)
        } catch {
          LakeFunctionRegistry.fail(context, error)
        }
      }, nil, nil, nil)
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: rc, message: "cannot register \(name)", context: "lake functions")
    }
  }

  func aggregate(_ name: String, arity: Int32, _ make: @escaping () -> any AggregateState) throws {
    let box = AggregateBox(make)
    aggregates.append(box)
    registered.append((name, arity))
    let rc = sqlite3_create_function_v2(
      connection.handle, name, arity, SQLITE_UTF8, Unmanaged.passUnretained(box).toOpaque(), nil,
      { context, count, values in
        guard let state = LakeFunctionRegistry.state(context, create: true) else { return }
        let arguments = (0..<Int(count)).map { LakeValue(values?[$0]) }
        do {
          try state.step(arguments)
        } catch {
          LakeFunctionRegistry.fail(context, error)
        }
      },
      { context in
        let state = LakeFunctionRegistry.state(context, create: true)
        defer { LakeFunctionRegistry.release(context) }
        do {
          try (state?.finish() ?? .null).result(context)
        } catch {
          LakeFunctionRegistry.fail(context, error)
        }
      }, nil)
    guard rc == SQLITE_OK else {
      throw SQLiteError(code: rc, message: "cannot register \(name)", context: "lake functions")
    }
  }

  /// Makes `error` the function's result: the statement fails with its message.
  private static func fail(_ context: OpaquePointer?, _ error: any Error) {
    sqlite3_result_error(context, (error as? LakeFunctionError)?.message ?? "\(error)", -1)
  }

  /// The aggregate state of this group: SQLite keeps a pointer-sized slot per group for it.
  private static func state(_ context: OpaquePointer?, create: Bool) -> (any AggregateState)? {
    let size = Int32(MemoryLayout<UnsafeMutableRawPointer?>.size)
    guard let raw = sqlite3_aggregate_context(context, create ? size : 0) else { return nil }
    let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = slot.pointee {
      return Unmanaged<StateHolder>.fromOpaque(existing).takeUnretainedValue().state
    }
    guard create else { return nil }
    let box = Unmanaged<AggregateBox>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
    let holder = StateHolder(box.make())
    slot.pointee = Unmanaged.passRetained(holder).toOpaque()
    return holder.state
  }

  private static func release(_ context: OpaquePointer?) {
    guard let raw = sqlite3_aggregate_context(context, 0) else { return }
    let slot = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
    if let existing = slot.pointee {
      Unmanaged<StateHolder>.fromOpaque(existing).release()
      slot.pointee = nil
    }
  }

  final class StateHolder {
    let state: any AggregateState
    init(_ state: any AggregateState) { self.state = state }
  }
}
