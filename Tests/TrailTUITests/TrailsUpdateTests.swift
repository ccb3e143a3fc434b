import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// The Trails pane as pure state → effects: loads, refreshes, start/stop, the form and the selector
/// editor.
@Suite struct TrailsUpdateTests {
  @Test func showingThePaneLoadsTheTrailsAndEachTickRefreshesThemOnce() {
    var state = Fixture.historyState()
    #expect(update(&state, .key(.character("3"))) == [.loadTrails])
    #expect(state.pane == .trails)
    // The first answer has not arrived: no second request piles up.
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(2))) == [])
    _ = update(&state, .trailsLoaded(Fixture.trails))
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(3))) == [.loadTrails])
  }

  @Test func clickingTheTrailsTabShowsThePane() {
    var state = Fixture.historyState()
    #expect(update(&state, .mouse(MouseEvent(kind: .press, x: 35, y: 0))) == [.loadTrails])
    #expect(state.pane == .trails)
    _ = update(&state, .trailsLoaded(Fixture.trails))
    // A click on the second row of the table selects it.
    _ = update(&state, .mouse(MouseEvent(kind: .press, x: 5, y: 3)))
    #expect(state.trails.selected?.name == "org-trail")
  }

  @Test func otherPanesDoNotRefreshTrails() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("2")))
    #expect(!update(&state, .tick(Fixture.now.addingTimeInterval(5))).contains(.loadTrails))
  }

  @Test func sStartsOrStopsTheSelectedTrail() {
    var state = Fixture.trailsState()
    #expect(update(&state, .key(.character("s"))) == [.setLogging(trail: "management-events", on: false)])
    _ = update(&state, .key(.character("j")))
    _ = update(&state, .key(.character("j")))
    #expect(update(&state, .key(.character("s"))) == [.setLogging(trail: "quiet", on: true)])
    _ = update(&state, .trailActionDone("Logging started for quiet"))
    #expect(state.message?.text == "Logging started for quiet")
  }

  @Test func aFailedStartShowsTheExceptionAndMessage() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("s")))
    _ = update(
      &state, .failed(.trailAction, ServiceError("TrailNotFoundException", "Unknown trail: x").diagnostic))
    #expect(state.message?.text == "TrailNotFoundException: Unknown trail: x")
    #expect(state.message?.role == .error)
  }

  @Test func theFormCreatesATrailWithTheTypedValues() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("n")))
    for key: Key in [.character("t"), .character("1"), .tab, .character("b"), .tab, .character("p"), .tab] {
      _ = update(&state, .key(key))
    }
    _ = update(&state, .key(.character(" ")))  // multi-region off
    let effects = update(&state, .key(.enter))
    #expect(
      effects == [
        .saveTrail(
          .create(
            CreateTrailRequest(
              name: "t1", s3BucketName: "b", s3KeyPrefix: "p", includeGlobalServiceEvents: true,
              isMultiRegionTrail: false, enableLogFileValidation: true)))
      ])
    // A second Enter while the save is on its way sends nothing.
    #expect(update(&state, .key(.enter)) == [])
    #expect(update(&state, .trailSaved(name: "t1")) == [.loadTrails])
    #expect(state.trails.form == nil)
    #expect(state.message?.text == "Created trail t1")
    _ = update(
      &state,
      .trailsLoaded(Fixture.trails + [TrailSummary(name: "t1", homeRegion: "us-east-1", s3BucketName: "b")]))
    #expect(state.trails.selected?.name == "t1")
  }

  @Test func anEmptyFormIsRefusedBeforeSending() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("n")))
    #expect(update(&state, .key(.enter)) == [])
    #expect(state.trails.form?.errors[.name] == "Type a trail name")
    #expect(state.trails.form?.errors[.bucket] != nil)
  }

  @Test(arguments: [
    ("InvalidTrailNameException", TrailField.name), ("S3BucketDoesNotExistException", .bucket),
    ("InvalidS3BucketNameException", .bucket), ("InvalidS3PrefixException", .prefix),
  ])
  func operationErrorsGoNextToTheFieldTheyName(_ exception: String, _ field: TrailField) {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("n")))
    state.trails.form?.name = InputLine("t")
    state.trails.form?.bucket = InputLine("b")
    _ = update(&state, .key(.enter))
    _ = update(&state, .failed(.trailForm, ServiceError(exception, "why").diagnostic))
    #expect(state.trails.form?.errors[field] == "\(exception): why")
    #expect(state.trails.form?.focus == field)
    #expect(state.trails.form?.isSaving == false)
  }

  @Test func controlCQuitsFromInsideTheForm() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("n")))
    #expect(update(&state, .key(.control("c"))) == [.quit])
  }

  @Test func otherErrorsGoToTheFormsFoot() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("n")))
    _ = update(&state, .failed(.trailForm, ServiceError("KmsException", "no key").diagnostic))
    #expect(state.trails.form?.formError == "KmsException: no key")
  }

  @Test func editingKeepsTheNameAndSendsUpdateTrail() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("e")))
    #expect(state.trails.form?.focus == .bucket)
    _ = update(&state, .key(.backspace))
    let effects = update(&state, .key(.enter))
    #expect(
      effects == [
        .saveTrail(
          .update(
            UpdateTrailRequest(
              name: "management-events", s3BucketName: "audit-log", s3KeyPrefix: "ct",
              includeGlobalServiceEvents: true, isMultiRegionTrail: true, enableLogFileValidation: true)))
      ])
    _ = update(&state, .key(.escape))
    #expect(state.trails.form == nil)
  }

  @Test func theSelectorEditorPreviewsEachChange() throws {
    var state = Fixture.trailsState()
    #expect(update(&state, .key(.character("v"))) == [.loadSelectors(trail: "management-events")])
    let loaded = update(
      &state,
      .selectorsLoaded(
        trail: "management-events",
        GetEventSelectorsResponse(eventSelectors: [
          EventSelector(readWriteType: .all, includeManagementEvents: true)
        ])))
    let window = Fixture.now.addingTimeInterval(-24 * 3600)..<Fixture.now
    guard case .previewSelectors(let first, let request, window) = loaded.first else {
      Issue.record("expected a preview over the last 24 h, got \(loaded)")
      return
    }
    #expect(request.eventSelectors == [EventSelector(readWriteType: .all, includeManagementEvents: true)])
    // Focus starts on read/write: space cycles All → ReadOnly and asks again; the old answer is stale.
    let changed = update(&state, .key(.character(" ")))
    guard case .previewSelectors(let second, let newer, _) = changed.first else {
      Issue.record("expected a new preview, got \(changed)")
      return
    }
    #expect(newer.eventSelectors?.first?.readWriteType == .readOnly)
    _ = update(&state, .selectorPreviewLoaded(requestID: first, SelectorPreview(matched: 1, scanned: 2)))
    #expect(state.trails.selectors?.preview == nil)
    _ = update(&state, .selectorPreviewLoaded(requestID: second, SelectorPreview(matched: 5, scanned: 9)))
    #expect(state.trails.selectors?.preview == SelectorPreview(matched: 5, scanned: 9))
    #expect(update(&state, .key(.enter)) == [.putSelectors(newer)])
    _ = update(&state, .selectorsSaved(trail: "management-events"))
    #expect(state.trails.selectors == nil)
  }

  @Test func advancedSelectorsThatDoNotParseSayWhyInsteadOfPreviewing() {
    var state = Fixture.trailsState()
    _ = update(&state, .key(.character("v")))
    _ = update(
      &state,
      .selectorsLoaded(trail: "management-events", GetEventSelectorsResponse(advancedEventSelectors: [])))
    #expect(state.trails.selectors?.mode == .advanced)
    #expect(update(&state, .key(.character("x"))) == [])
    #expect(state.trails.selectors?.error == "Not a JSON list of advanced event selectors")
  }

  @Test func theDeliveryLogListsWhatChangedBetweenLoads() {
    var state = Fixture.trailsState()
    var later = Fixture.trails
    later[0].latestDeliveryTime = Fixture.now.addingTimeInterval(60)
    later[0].latestDigestDeliveryTime = Fixture.now.addingTimeInterval(60)
    later[2].isLogging = true
    _ = update(&state, .tick(Fixture.now.addingTimeInterval(61)))
    _ = update(&state, .trailsLoaded(later))
    #expect(state.trails.log.map(\.kind) == [.logging, .digest, .logFile])
    #expect(state.trails.log.last?.text == "delivered to s3://audit-logs/ct/")
  }
}
