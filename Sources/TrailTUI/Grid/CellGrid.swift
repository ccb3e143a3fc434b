/// One screen cell: the grapheme drawn there, its display width and its role.
///
/// A double-width grapheme (CJK, most emoji) occupies its cell with `width == 2`, and the cell to its
/// right holds a continuation (`width == 0`, empty text) that painters skip.
public struct Cell: Equatable, Sendable {
  public var text: String
  public var width: UInt8
  public var role: Role

  public init(text: String = " ", width: UInt8 = 1, role: Role = .normal) {
    self.text = text
    self.width = width
    self.role = role
  }

  public static let blank = Cell()
  public var isContinuation: Bool { width == 0 }
}

/// A rectangle of the grid, in cells.
public struct Rect: Equatable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var isEmpty: Bool { width <= 0 || height <= 0 }
}

/// Terminal size in cells.
public struct Size: Equatable, Sendable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

/// The in-memory screen every pane renders into; the terminal adapter paints it (changed cells only).
public struct CellGrid: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Sets a cell when (x, y) is on the grid; ignores it otherwise, so widgets may draw past edges.
  public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    cells[y * width + x] = cell
  }
}
