extension TrailStore {
  /// Where the trail with `arn` delivers (validate-logs looks its bucket up this way when no
  /// `--s3-bucket` is given, as the aws CLI does with DescribeTrails); nil when no such trail exists.
  public func location(ofTrail arn: String) throws -> TrailLocation? {
    guard let trail = try trail(arn: arn) else { return nil }
    return TrailLocation(
      bucket: trail.s3BucketName, prefix: trail.s3KeyPrefix, isOrganizationTrail: trail.isOrganizationTrail,
      organizationID: trail.organizationId)
  }
}
