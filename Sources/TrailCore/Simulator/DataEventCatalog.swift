/// The data-event and network-activity APIs the organization calls, with their share of that traffic.
///
/// Kept apart from `ServiceCatalog` so that adding them leaves the management mix, and with it every
/// management record a seed produced before, unchanged.
struct DataEventCatalog: Sendable {
  /// Object-level and item-level calls, logged as `eventCategory: "Data"`.
  let dataAPIs: [DemoAPI]
  /// Calls seen through VPC endpoints, logged as `eventCategory: "NetworkActivity"`.
  let networkAPIs: [DemoAPI]
  private let dataPicker: WeightedPicker
  private let networkPicker: WeightedPicker

  init() {
    dataAPIs = Self.dataTable
    networkAPIs = Self.networkTable
    dataPicker = WeightedPicker(dataAPIs.map(\.weight))
    networkPicker = WeightedPicker(networkAPIs.map(\.weight))
  }

  func pickData(_ random: inout SeededRandom) -> Int { dataPicker.pick(&random) }
  func pickNetwork(_ random: inout SeededRandom) -> Int { networkPicker.pick(&random) }

  // S3 reads dominate real data-event volume, then Lambda invocations and DynamoDB item reads.
  // `readOnly` follows CloudTrail's read/write split: GetObject/HeadObject/GetItem/Query read; Invoke
  // is a write.
  private static let dataTable: [DemoAPI] = [
    DemoAPI(service: .s3, name: "GetObject", isReadOnly: true, weight: 40),
    DemoAPI(service: .s3, name: "PutObject", isReadOnly: false, weight: 18),
    DemoAPI(service: .s3, name: "HeadObject", isReadOnly: true, weight: 10),
    DemoAPI(service: .s3, name: "DeleteObject", isReadOnly: false, weight: 3),
    DemoAPI(service: .lambda, name: "Invoke", isReadOnly: false, weight: 11),
    DemoAPI(service: .dynamodb, name: "GetItem", isReadOnly: true, weight: 9),
    DemoAPI(service: .dynamodb, name: "Query", isReadOnly: true, weight: 6),
    DemoAPI(service: .dynamodb, name: "PutItem", isReadOnly: false, weight: 3),
    DemoAPI(service: .dynamodb, name: "UpdateItem", isReadOnly: false, weight: 2),
  ]

  // Services whose interface endpoints CloudTrail logs network activity for; workloads in private
  // subnets reach them without a NAT gateway.
  private static let networkTable: [DemoAPI] = [
    DemoAPI(service: .s3, name: "GetObject", isReadOnly: true, weight: 30),
    DemoAPI(service: .s3, name: "PutObject", isReadOnly: false, weight: 12),
    DemoAPI(service: .s3, name: "ListBuckets", isReadOnly: true, weight: 3),
    DemoAPI(service: .kms, name: "Decrypt", isReadOnly: true, weight: 20),
    DemoAPI(service: .kms, name: "GenerateDataKey", isReadOnly: true, weight: 8),
    DemoAPI(service: .secretsmanager, name: "GetSecretValue", isReadOnly: true, weight: 10),
    DemoAPI(service: .ec2, name: "DescribeInstances", isReadOnly: true, weight: 8),
    DemoAPI(service: .cloudtrail, name: "LookupEvents", isReadOnly: true, weight: 2),
    DemoAPI(service: .cloudtrail, name: "ListTrails", isReadOnly: true, weight: 1),
  ]
}

/// Weighted random choice by binary search over cumulative weights.
struct WeightedPicker: Sendable {
  private let cumulative: [Double]

  init(_ weights: [Double]) {
    var total = 0.0
    cumulative = weights.map {
      total += $0
      return total
    }
  }

  /// An index drawn with probability proportional to its weight.
  func pick(_ random: inout SeededRandom) -> Int {
    let target = random.unit() * (cumulative.last ?? 0)
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] <= target { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
