import Foundation

/// Where digests live in a bucket (spec §5.1), as CloudTrail writes them and validate-logs computes them:
/// `[<prefix>/]AWSLogs/[<o-id>/]<acct>/CloudTrail-Digest/<region>/<YYYY>/<MM>/<DD>/`
/// `<acct>_CloudTrail-Digest_<region>_<trailName>_<homeRegion>_<YYYYMMDDTHHMMSSZ>.json.gz`.
public enum DigestKeys {
  /// The folder holding every digest of `trail`'s region, without a trailing slash.
  public static func regionPrefix(_ trail: DigestTrail) -> String {
    var key = "AWSLogs/"
    if let organization = trail.organizationID { key += organization + "/" }
    key += "\(trail.accountID)/CloudTrail-Digest/\(trail.region)"
    guard let prefix = trail.keyPrefix, !prefix.isEmpty else { return key }
    return prefix + "/" + key
  }

  /// The key of `trail`'s digest whose window ends at `end` (the date folders and the name's stamp are
  /// both the end time, in UTC).
  public static func digestKey(_ trail: DigestTrail, end: Date) -> String {
    let stamp = compactStamp(end)
    let folders = "\(stamp.prefix(4))/\(stamp.dropFirst(4).prefix(2))/\(stamp.dropFirst(6).prefix(2))"
    return regionPrefix(trail) + "/" + folders + "/" + fileNamePrefix(trail) + stamp + ".json.gz"
  }

  /// The part of a digest's file name before its stamp:
  /// `<acct>_CloudTrail-Digest_<region>_<trailName>_<homeRegion>_`.
  public static func fileNamePrefix(_ trail: DigestTrail) -> String {
    "\(trail.accountID)_CloudTrail-Digest_\(trail.region)_\(trail.trailName)_\(trail.homeRegion)_"
  }

  /// `YYYYMMDDTHHMMSSZ` in UTC, the stamp of a digest's name.
  public static func compactStamp(_ date: Date) -> String {
    String(ISO8601Time.format(date).filter { $0 != "-" && $0 != ":" })
  }

  /// The instant of a `YYYYMMDDTHHMMSSZ` stamp; nil when it is not one.
  public static func date(ofStamp stamp: String) -> Date? {
    let c = Array(stamp)
    guard c.count == 16, c[8] == "T", c[15] == "Z" else { return nil }
    let text =
      "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T"
      + "\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15]))Z"
    return ISO8601Time.parse(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
  }
}
