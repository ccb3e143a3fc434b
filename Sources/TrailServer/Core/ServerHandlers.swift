/// The protocol handlers `traildeck serve` mounts, by the SigV4 service name that selects them.
public enum ServerHandlers {
  /// Every handler over `environment`.
  public static func all(_ environment: ServerEnvironment) -> [String: any ProtocolHandler] {
    [
      "cloudtrail": CloudTrailHandler(environment: environment),
      "cloudtrail-data": CloudTrailDataHandler(environment: environment),
      "s3": S3Handler(environment: environment, maximumObjectSize: ProtocolRouter.maximumObjectBytes),
      "sns": SNSHandler(environment: environment),
    ]
  }
}
