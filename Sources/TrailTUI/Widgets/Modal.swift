/// A bordered box over the screen; its content is drawn into `contentArea` by the owner.
public struct Modal: Widget {
  public var title: String
  public var width: Int
  public var height: Int

  public init(title: String, width: Int, height: Int) {
    self.title = title
    self.width = width
    self.height = height
  }

  /// Where the box goes in `screen`: centred, never larger than the screen.
  public func frame(in screen: Rect) -> Rect { screen.centered(width: width, height: height) }

  /// The inside of the box.
  public func contentArea(in screen: Rect) -> Rect {
    let box = frame(in: screen)
    return Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2)
  }

  public func render(in screen: Rect, into grid: inout CellGrid) {
    let box = frame(in: screen)
    guard box.width >= 2, box.height >= 2 else {
      grid.fill(box)
      return
    }
    grid.fill(box)
    let right = box.x + box.width - 1
    let bottom = box.y + box.height - 1
    for x in box.x...right {
      grid.write("─", x: x, y: box.y, width: 1, role: .border)
      grid.write("─", x: x, y: bottom, width: 1, role: .border)
    }
    for y in box.y...bottom {
      grid.write("│", x: box.x, y: y, width: 1, role: .border)
      grid.write("│", x: right, y: y, width: 1, role: .border)
    }
    grid.write("╭", x: box.x, y: box.y, width: 1, role: .border)
    grid.write("╮", x: right, y: box.y, width: 1, role: .border)
    grid.write("╰", x: box.x, y: bottom, width: 1, role: .border)
    grid.write("╯", x: right, y: bottom, width: 1, role: .border)
    if !title.isEmpty, box.width > 4 {
      grid.write(" \(title) ", x: box.x + 2, y: box.y, width: box.width - 4, role: .title)
    }
  }
}

/// A vertical list to choose from (attribute keys, time presets, columns, formats).
public struct PickerList: Widget {
  public var items: [String]
  public var scroll: ScrollState
  /// Per-item mark such as `[x]` for the column chooser.
  public var marks: [String]?

  public init(items: [String], scroll: ScrollState, marks: [String]? = nil) {
    self.items = items
    self.scroll = scroll
    self.marks = marks
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    var view = scroll
    view.keepVisible(count: items.count, visible: area.height)
    for row in 0..<area.height {
      let index = view.offset + row
      guard index < items.count else { break }
      let role: Role = index == view.selected ? .selection : .normal
      let mark = marks.map { $0[index] + " " } ?? ""
      grid.fill(area.row(row), role: role)
      grid.write(" " + mark + items[index], x: area.x, y: area.y + row, width: area.width, role: role)
    }
  }
}
