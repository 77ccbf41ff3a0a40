// swift-tools-version:6.0
// Bulkhead: IEC 62443 zones and conduits, reconciled against firewall configs and passive captures.
//
// One target per pipeline stage (see DESIGN.md); a target imports only the stages before it.
import PackageDescription

let package = Package(
  name: "Bulkhead",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "bulkhead", targets: ["bulkhead"]),
    .library(name: "BulkheadModel", targets: ["BulkheadModel"]),
    .library(name: "BulkheadCapture", targets: ["BulkheadCapture"]),
    .library(name: "BulkheadDissect", targets: ["BulkheadDissect"]),
    .library(name: "BulkheadFirewall", targets: ["BulkheadFirewall"]),
    .library(name: "BulkheadAnalysis", targets: ["BulkheadAnalysis"]),
    .library(name: "BulkheadDiscover", targets: ["BulkheadDiscover"]),
    .library(name: "BulkheadReport", targets: ["BulkheadReport"]),
    .library(name: "BulkheadStore", targets: ["BulkheadStore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // SQLite for the observation store; only BulkheadStore and the CLI depend on it.
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
  ],
  targets: [
    .target(
      name: "BulkheadModel",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    .target(name: "BulkheadCapture", dependencies: ["BulkheadModel"]),
    .target(name: "BulkheadDissect", dependencies: ["BulkheadModel", "BulkheadCapture"]),
    .target(name: "BulkheadFirewall", dependencies: ["BulkheadModel"]),
    .target(
      name: "BulkheadAnalysis",
      dependencies: [
        "BulkheadModel", "BulkheadCapture", "BulkheadDissect", "BulkheadFirewall",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Drafts a model from captures and firewall exports, and proposes amendments to an existing one.
    .target(
      name: "BulkheadDiscover",
      dependencies: ["BulkheadModel", "BulkheadCapture", "BulkheadFirewall", "BulkheadAnalysis"]
    ),
    .target(
      name: "BulkheadReport",
      dependencies: ["BulkheadAnalysis", "BulkheadModel", "BulkheadCapture", "BulkheadDissect", "BulkheadFirewall"]
    ),
    // libpcap, for `bulkhead monitor` (passive capture only).
    .systemLibrary(name: "CPcap", path: "Sources/CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
    // Observation history: flows and hosts per hour bucket in SQLite, baselines (see docs/store.md).
    .target(
      name: "BulkheadStore",
      dependencies: [
        "BulkheadModel", "BulkheadCapture", "BulkheadDissect", "BulkheadAnalysis", "CPcap",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The commit and date `bulkhead --version` prints, stamped by Scripts/release (one C file, so a new stamp
    // recompiles nothing else).
    .target(name: "BulkheadBuildStamp"),
    // Throughput harnesses behind `bulkhead bench` (figures printed, never asserted).
    .target(
      name: "BulkheadBench",
      dependencies: ["BulkheadModel", "BulkheadCapture", "BulkheadDissect", "BulkheadAnalysis", "BulkheadReport"]
    ),
    .executableTarget(
      name: "bulkhead",
      dependencies: [
        "BulkheadModel",
        "BulkheadCapture",
        "BulkheadDissect",
        "BulkheadFirewall",
        "BulkheadAnalysis",
        "BulkheadDiscover",
        "BulkheadReport",
        "BulkheadBench",
        "BulkheadStore",
        "BulkheadBuildStamp",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "BulkheadModelTests",
      dependencies: ["BulkheadModel", .product(name: "Yams", package: "Yams")]
    ),
    .testTarget(name: "BulkheadCaptureTests", dependencies: ["BulkheadCapture", "BulkheadModel"]),
    .testTarget(name: "BulkheadDissectTests", dependencies: ["BulkheadDissect", "BulkheadCapture", "BulkheadModel"]),
    .testTarget(name: "BulkheadFirewallTests", dependencies: ["BulkheadFirewall", "BulkheadModel"]),
    .testTarget(name: "BulkheadAnalysisTests", dependencies: ["BulkheadAnalysis", "BulkheadModel"]),
    .testTarget(
      name: "BulkheadDiscoverTests", dependencies: ["BulkheadDiscover", "BulkheadAnalysis", "BulkheadModel"]),
    .testTarget(name: "BulkheadReportTests", dependencies: ["BulkheadReport", "BulkheadAnalysis", "BulkheadModel"]),
    .testTarget(
      name: "BulkheadStoreTests",
      dependencies: [
        "BulkheadStore", "BulkheadAnalysis", "BulkheadModel", "BulkheadCapture", "BulkheadDissect", "bulkhead",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    // Runs the built `bulkhead` binary (the dependency makes SwiftPM build it before the tests); Yams reads action.yml
    // and .pre-commit-hooks.yaml.
    .testTarget(
      name: "BulkheadCLITests", dependencies: ["bulkhead", .product(name: "Yams", package: "Yams")]),
    // End-to-end: records the virtual plant (Testbed/plant.sh, needs root), checks the recording, assesses it.
    .testTarget(name: "TestbedTests", dependencies: ["BulkheadModel", "BulkheadCapture", "BulkheadAnalysis"]),
  ],
  swiftLanguageModes: [.v6]
)
