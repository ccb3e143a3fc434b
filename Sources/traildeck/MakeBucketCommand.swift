import ArgumentParser
import Foundation
import TrailCore

/// `traildeck mb s3://NAME`: makes a bucket, which is a folder under `--buckets`, as `aws s3 mb` does.
struct MakeBucketCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mb",
    abstract: "Make an S3 bucket: a folder under --buckets (bucket NAME is DIR/NAME/), like `aws s3 mb`.")

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The bucket, as s3://NAME.", valueName: "s3://NAME"))
  var bucket: String

  /// The bucket's name; S3's naming rules apply.
  var name: String { bucket.hasPrefix("s3://") ? String(bucket.dropFirst(5)).trimmingSuffix("/") : bucket }

  func validate() throws {
    guard bucket.hasPrefix("s3://") else {
      throw ValidationError("Please give the bucket as s3://NAME; got '\(bucket)'.")
    }
  }

  func run() throws {
    let context = try store.context()
    do {
      try Buckets.make(name, in: context)
    } catch let error as ServiceError {
      FileHandle.standardError.write(Data("make_bucket failed: s3://\(name) \(error.message)\n".utf8))
      throw ExitCode(1)
    }
    print("make_bucket: \(name)")
  }
}

extension String {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
  }
}
