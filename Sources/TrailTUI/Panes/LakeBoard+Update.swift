import Foundation
import TrailCore

/// `d` in the Lake pane: opens the dashboards view and loads the boards.
func openLakeBoard(_ state: inout AppState) -> [Effect] {
  state.lake.board = LakeBoard()
  return loadLakeBoards(&state)
}

/// Asks for the boards (a newer request supersedes one in flight).
func loadLakeBoards(_ state: inout AppState) -> [Effect] {
  guard var board = state.lake.board else { return [] }
  board.requestID += 1
  board.isLoading = true
  board.lastRequest = state.now
  state.lake.board = board
  return [.loadLakeDashboards(requestID: board.requestID)]
}

/// Every key while the view is open: tiles and pages move, `r` refreshes, Enter opens the tile's
/// query in the editor, Esc or `d` goes back to the editor and results. Tab and quit stay global.
func handleLakeBoardKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
  guard var board = state.lake.board else { return nil }
  let tiles = board.board?.tiles.count ?? 0
  let pages = board.boards?.count ?? 0
  switch key {
  case .tab, .backTab, .character("q"), .control("c"), .character("?"), .character(":"):
    return nil
  case .character(let digit) where ("1"..."9").contains(digit):
    return nil
  case .escape, .character("d"):
    state.lake.board = nil
    return []
  case .right, .character("l"), .down, .character("j"):
    board.selectedTile = min(
      max(0, tiles - 1), board.selectedTile + (key == .down || key == .character("j") ? 2 : 1))
  case .left, .character("h"), .up, .character("k"):
    board.selectedTile = max(0, board.selectedTile - (key == .up || key == .character("k") ? 2 : 1))
  case .character("]"), .pageDown:
    guard pages > 0 else { return [] }
    board.page = (board.page + 1) % pages
    board.selectedTile = 0
  case .character("["), .pageUp:
    guard pages > 0 else { return [] }
    board.page = (board.page + pages - 1) % pages
    board.selectedTile = 0
  case .character("r"):
    guard let name = board.board?.name else {
      state.show("No dashboard to refresh: create-dashboard makes one", role: .warning)
      return []
    }
    state.show("Refreshing \(name)…", role: .normal)
    return [.refreshLakeDashboard(name: name)]
  case .enter:
    guard let tile = board.board?.tiles[safe: board.selectedTile] else { return [] }
    state.lake.board = nil
    state.lake.editor = TextEditor(tile.statement)
    state.lake.focus = .editor
    state.show("\(tile.title): ctrl-r runs it", role: .normal)
    return []
  default:
    return []
  }
  state.lake.board = board
  return []
}

/// Answers of the dashboards' effects.
func lakeBoardAnswer(_ state: inout AppState, _ input: Input) -> [Effect] {
  switch input {
  case .lakeDashboardsLoaded(let requestID, let boards):
    guard var board = state.lake.board, board.requestID == requestID else { return [] }
    board.boards = boards
    board.isLoading = false
    board.error = nil
    board.page = min(board.page, max(0, boards.count - 1))
    board.selectedTile = min(board.selectedTile, max(0, (board.board?.tiles.count ?? 1) - 1))
    state.lake.board = board
    return []
  case .lakeDashboardRefreshed(let name, let refreshID):
    state.show("Refresh \(refreshID) of \(name) started", role: .success)
    return loadLakeBoards(&state)
  default:
    return []
  }
}

/// While the view is open on the Lake pane, the boards are read again every `reloadInterval` of the
/// clock: refreshes (scheduled or by `r`) show as their queries end.
func lakeBoardTick(_ state: inout AppState, _ date: Date) -> [Effect] {
  guard state.pane == .lake, let board = state.lake.board, !board.isLoading else { return [] }
  guard board.lastRequest.map({ date.timeIntervalSince($0) >= LakeBoard.reloadInterval }) ?? true else {
    return []
  }
  return loadLakeBoards(&state)
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
