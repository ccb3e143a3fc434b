import Testing

@testable import TrailTUI
