import Foundation

// Hourly digests of trails with log file validation, and the final one after StopLogging.
extension TrailDelivery {

  /// One digest occurrence at `time`: for every trail with log file validation that logged during
  /// the hour, a digest per region (and account) it applies in, listing the files delivered since the
  /// last one — empty ones too.
  public func writeDigests(at time: Date) throws {
    for trail in try trails.allTrails() where trail.logFileValidationEnabled {
      guard let started = trail.startLoggingTime, started < time else { continue }
      var state = try self.state(of: trail)
      // Judged at the occurrence's time: a one-shot run replays hours when the trail still logged.
      let stopped = !trail.isLogging && (trail.stopLoggingTime.map { $0 <= time } ?? true)
      if !stopped {
        state.finalDigestWritten = false
      } else if state.finalDigestWritten {
        continue
      }
      try writeDigests(of: trail, state: &state, at: time, isFinal: stopped)
      try save(state, of: trail)
    }
  }

  /// The digests of `trail` ending at `time`; `isFinal` after StopLogging (once delivery has reached
  /// the stop): no more are written until logging starts again.
  func writeDigests(of trail: TrailRecord, state: inout TrailDeliveryState, at time: Date, isFinal: Bool)
    throws
  {
    guard let started = trail.startLoggingTime else { return }
    let writer = DigestWriter(folder: folder, keyRing: keyRing)
    let organization = trail.isOrganizationTrail ? try trails.organization() : nil
    let accounts = organization?.accounts ?? [trail.ownerAccount]
    let regions = trail.isMultiRegionTrail ? Partition.regions : [trail.homeRegion]
    var failure: String?
    for account in accounts {
      for region in regions {
        let group = account + "/" + region
        var progress = state.digests[group] ?? DigestProgress()
        // A chain starts again when logging (re)started after its last digest (spec §6.1).
        if let end = progress.lastEnd, end < started { progress.previous = nil }
        let start = max(progress.lastEnd ?? started, started)
        let digestTrail = DigestTrail(
          accountID: account, organizationID: organization?.id, trailName: trail.name,
          homeRegion: trail.homeRegion, region: region, bucket: trail.s3BucketName,
          keyPrefix: trail.s3KeyPrefix)
        do {
          progress.previous = try writer.write(
            trail: digestTrail, previous: progress.previous, start: start, end: time,
            logFiles: progress.files.map(\.deliveredLogFile))
          digestsWritten += 1
          progress.lastEnd = time
          progress.files = []
          state.digests[group] = progress
          var status = try trails.status(arn: trail.arn, region: region)
          status.latestDigestDeliveryTime = time
          status.latestDigestDeliveryError = nil
          try trails.save(status, arn: trail.arn, region: region)
        } catch let error as BucketError {
          failure = error.code
        }
      }
    }
    if let failure {
      for region in regions {
        var status = try trails.status(arn: trail.arn, region: region)
        status.latestDigestDeliveryError = failure
        try trails.save(status, arn: trail.arn, region: region)
      }
    } else if isFinal {
      state.finalDigestWritten = true
    }
  }
}
