/// The regions of the `aws` partition that TrailDeck knows: where a multi-region trail has its shadow
/// trails and which `--region` values name a real region.
///
/// AWS adds regions over time; this is the list of commercial regions enabled by default (opt-in
/// regions are left out, as they are not enabled for an account until it opts in).
public enum Partition {
  public static let name = "aws"

  public static let regions: [String] = [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-southeast-1", "ap-southeast-2", "sa-east-1",
  ]
}
