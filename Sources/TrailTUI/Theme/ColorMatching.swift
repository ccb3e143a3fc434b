/// Nearest-colour helpers for terminals without true colour (pure; the adapter picks which to use).
public enum ColorMatching {
  private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

  /// The xterm palette's RGB for the basic eight as most terminals draw them.
  private static let basicEight: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229),
  ]
  private static let brightEight: [(Int, Int, Int)] = [
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
  ]

  /// The xterm-256 index (16–255: colour cube or grey ramp) nearest to an RGB colour.
  ///
  /// Indices 0–15 are skipped because terminals redefine them freely.
  public static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
    let target = (Int(red), Int(green), Int(blue))
    func level(_ v: Int) -> Int {
      cubeLevels.indices.min(by: { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }) ?? 0
    }
    let (r, g, b) = (level(target.0), level(target.1), level(target.2))
    let cubeIndex = 16 + 36 * r + 6 * g + b
    let cubeDistance = distance(target, (cubeLevels[r], cubeLevels[g], cubeLevels[b]))
    let average = (target.0 + target.1 + target.2) / 3
    let greyStep = min(23, max(0, (average - 3) / 10))
    let greyValue = 8 + 10 * greyStep
    let greyDistance = distance(target, (greyValue, greyValue, greyValue))
    return UInt8(greyDistance < cubeDistance ? 232 + greyStep : cubeIndex)
  }

  /// The basic colour (0–7) nearest to an RGB colour.
  public static func nearest8(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
    let target = (Int(red), Int(green), Int(blue))
    let best = basicEight.indices.min(by: {
      distance(target, basicEight[$0]) < distance(target, basicEight[$1])
    })
    return UInt8(best ?? 7)
  }

  /// The RGB an xterm draws for a 256-colour index.
  public static func rgb(forIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
    let i = Int(index)
    let value: (Int, Int, Int)
    switch i {
    case 0..<8: value = basicEight[i]
    case 8..<16: value = brightEight[i - 8]
    case 16..<232:
      let n = i - 16
      value = (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6])
    default:
      let grey = 8 + 10 * (i - 232)
      value = (grey, grey, grey)
    }
    return (UInt8(value.0), UInt8(value.1), UInt8(value.2))
  }

  /// A colour reduced to what a 256-colour terminal can show.
  public static func reducedTo256(_ color: TerminalColor) -> TerminalColor {
    guard case .rgb(let r, let g, let b) = color else { return color }
    return .indexed(nearest256(red: r, green: g, blue: b))
  }

  /// A colour reduced to the basic eight (bright 8–15 map to their base colour).
  public static func reducedTo8(_ color: TerminalColor) -> TerminalColor {
    switch color {
    case .default: return .default
    case .indexed(let i) where i < 8: return color
    case .indexed(let i) where i < 16: return .indexed(i - 8)
    case .indexed(let i):
      let (r, g, b) = rgb(forIndex: i)
      return .indexed(nearest8(red: r, green: g, blue: b))
    case .rgb(let r, let g, let b): return .indexed(nearest8(red: r, green: g, blue: b))
    }
  }

  private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
    let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
    return dr * dr + dg * dg + db * db
  }
}
