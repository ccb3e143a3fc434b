/// How `Rect.split` shares space along an axis.
public enum LayoutConstraint: Equatable, Sendable {
  /// Exactly `n` cells (or what is left).
  case length(Int)
  /// `p` percent of the whole.
  case percent(Int)
  /// An equal share of what the others leave.
  case fill
}

/// Which way `Rect.split` cuts: `.vertical` stacks rows top to bottom, `.horizontal` columns left to right.
public enum SplitAxis: Equatable, Sendable {
  case vertical
  case horizontal
}

extension Rect {
  /// Cuts the rectangle into consecutive parts, one per constraint.
  ///
  /// Fixed lengths and percentages are served first in order and clipped to what is left, so a tiny
  /// window gets empty rectangles at the end rather than negative ones; `.fill` parts share the rest.
  public func split(_ axis: SplitAxis, _ constraints: [LayoutConstraint]) -> [Rect] {
    let total = axis == .vertical ? height : width
    var sizes = [Int](repeating: 0, count: constraints.count)
    var left = total
    for (index, constraint) in constraints.enumerated() {
      switch constraint {
      case .length(let n): sizes[index] = min(max(0, n), left)
      case .percent(let p): sizes[index] = min(total * max(0, p) / 100, left)
      case .fill: continue
      }
      left -= sizes[index]
    }
    let fills = constraints.indices.filter { constraints[$0] == .fill }
    for (order, index) in fills.enumerated() {
      sizes[index] = left / fills.count + (order < left % fills.count ? 1 : 0)
    }
    var position = axis == .vertical ? y : x
    return sizes.map { size in
      defer { position += size }
      return axis == .vertical
        ? Rect(x: x, y: position, width: width, height: size)
        : Rect(x: position, y: y, width: size, height: height)
    }
  }

  /// The rectangle shrunk by `n` cells on every side.
  public func inset(by n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }

  /// Whether the cell (px, py) lies inside.
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < x + width && py >= y && py < y + height
  }

  /// A rectangle of at most `w`×`h` centred in this one.
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width)
    let ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }

  /// One row of this rectangle (relative index), empty when out of range.
  public func row(_ index: Int) -> Rect {
    guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + index, width: width, height: 1)
  }
}
