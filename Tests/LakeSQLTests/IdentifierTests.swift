import Testing

@testable import LakeSQL

@Suite struct IdentifierTests {
  @Test func namesMatchWhateverTheirCase() {
    #expect(Identifier("eventID").key == Identifier("EVENTid", quoted: true).key)
    #expect(Identifier("eventID").value == "eventID")
  }
}
