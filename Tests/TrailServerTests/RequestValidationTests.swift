import Testing
import TrailCore

@testable import TrailServer

@Suite struct RequestValidationTests {
  let validation = RequestValidation(model: .cloudTrail)

  func problem(_ body: String, _ operation: String) -> ServiceError? {
    do {
      try validation.validate(try JSONValue(parsing: body), operation: operation)
      return nil
    } catch let error as ServiceError {
      return error
    } catch {
      return ServiceError("NotJSON", "\(error)")
    }
  }

  @Test func theEmbeddedModelHasEveryOperation() {
    #expect(ServiceModel.cloudTrail.operations.count == 60)
    #expect(ServiceModel.cloudTrail.targetPrefix == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")
  }

  @Test func validRequestsPass() {
    #expect(problem(#"{"Name":"t","S3BucketName":"b","IsMultiRegionTrail":true}"#, "CreateTrail") == nil)
    #expect(problem(#"{"StartTime":1700000000,"EndTime":"2024-01-01T00:00:00Z"}"#, "LookupEvents") == nil)
    #expect(problem(#"{"Unknown":1}"#, "DescribeTrails") == nil)
  }

  @Test func wrongTypesAreSerializationErrors() {
    #expect(
      problem(#"{"Name":"t","S3BucketName":"b","IsMultiRegionTrail":"yes"}"#, "CreateTrail")?.exceptionName
        == "SerializationException")
    #expect(problem(#"{"trailNameList":"t"}"#, "DescribeTrails")?.exceptionName == "SerializationException")
    #expect(problem("[]", "DescribeTrails")?.exceptionName == "SerializationException")
    #expect(problem(#"{"StartTime":"yesterday"}"#, "LookupEvents")?.exceptionName == "SerializationException")
  }

  @Test func missingMembersAndRangesAreValidationErrorsListedTogether() throws {
    let error = try #require(problem(#"{"S3BucketName":"b"}"#, "CreateTrail"))
    #expect(error.exceptionName == "ValidationException")
    #expect(
      error.message
        == "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
    )
    // ListImports' MaxResults has no exception of its own: the model's range applies.
    let range = try #require(problem(#"{"MaxResults":5000}"#, "ListImports"))
    #expect(
      range.message
        == "1 validation error detected: Value '5000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
    )
  }

  @Test func membersWithTheirOwnExceptionAreLeftToTheOperation() {
    #expect(problem(#"{"MaxResults":500}"#, "LookupEvents") == nil)
    #expect(problem(#"{"Name":"x"}"#, "GetTrail") == nil)
  }
}
