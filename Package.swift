// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "TrailDeck",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "traildeck", targets: ["traildeck"]),
    .executable(name: "traildeck-bench", targets: ["traildeck-bench"]),
    .library(name: "TrailCore", targets: ["TrailCore"]),
    .library(name: "TrailTUI", targets: ["TrailTUI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    // `traildeck serve`: HTTP/1.1 on SwiftNIO, graceful shutdown on SIGTERM/SIGINT through service-lifecycle.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
  ],
  targets: [
    // Debian's C libraries, reached through system-library targets (module map + header).
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
    .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
    // libdeflate inflates gzip twice as fast as zlib; zstd keeps raw records small (trained dictionary).
    .systemLibrary(name: "CDeflate", path: "Sources/CDeflate"),
    .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
    // XXH3 fingerprints files for the ingest journal at a hundredth of SHA-256's cost.
    .systemLibrary(name: "CXXHash", path: "Sources/CXXHash"),

    // CloudTrail Lake's SQL: parse, check, translate to SQLite SQL. Pure, so its tests need no store.
    .target(name: "LakeSQL"),
    .target(
      name: "TrailCore",
      dependencies: [
        "LakeSQL", "CSQLite", "CZlib", "CDeflate", "CZstd", "CXXHash",
        .product(name: "Crypto", package: "swift-crypto"),
        // RSA (SHA256withRSA) for digest signatures; swift-crypto keeps it outside the stable API.
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]
    ),
    .target(name: "TrailTUI", dependencies: ["TrailCore", "LakeSQL"]),
    // The CloudTrail-compatible API (`traildeck serve`): JSON 1.1, an S3 view of the bucket folders, SNS
    // topics, SigV4 identities, each protocol a handler over protocol-neutral requests.
    .target(
      name: "TrailServer",
      dependencies: [
        "TrailCore", .product(name: "Hummingbird", package: "hummingbird"),
        // A bounded thread pool for SQLite and file work, off the event loops.
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(name: "TerminalNcurses", dependencies: ["CNcurses", "TrailTUI"]),
    .executableTarget(
      name: "traildeck",
      dependencies: [
        "TrailCore", "TrailTUI", "TerminalNcurses", "TrailServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Paints a known grid through the ncurses adapter and echoes decoded input: the adapter's tmux test subject.
    .executableTarget(name: "terminal-check", dependencies: ["TerminalNcurses", "TrailTUI"]),
    .executableTarget(
      name: "traildeck-bench",
      dependencies: [
        "TrailCore", "TrailTUI", "LakeSQL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // What several test targets need alike (a plain target: test targets cannot depend on each other).
    .target(name: "TrailTestSupport", dependencies: ["TrailCore"], path: "Tests/TrailTestSupport"),
    .testTarget(
      name: "TrailCoreTests",
      dependencies: ["TrailCore", "LakeSQL", "TrailTestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(name: "LakeSQLTests", dependencies: ["LakeSQL"]),
    .testTarget(name: "TrailServerTests", dependencies: ["TrailServer", "TrailCore", "TrailTestSupport"]),
    .testTarget(name: "TrailTUITests", dependencies: ["TrailTUI"], exclude: ["Snapshots"]),
    // Drives the built `traildeck` binary (CLI exit codes, kill-and-resume, tmux sessions).
    // TrailCore writes the digests that `validate-logs` and awscli's own validator (a Python script) read.
    .testTarget(
      name: "EndToEndTests", dependencies: ["traildeck", "terminal-check", "TrailCore", "TrailTestSupport"],
      exclude: ["Support/awscli_validate.py"]),
  ]
)
