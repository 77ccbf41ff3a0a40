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
    .library(name: "BulkheadFirewall", targets: ["BulkheadFirewall"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .target(
      name: "BulkheadModel",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    .target(name: "BulkheadFirewall", dependencies: ["BulkheadModel"]),
    .executableTarget(
      name: "bulkhead",
      dependencies: [
        "BulkheadModel",
        "BulkheadFirewall",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "BulkheadModelTests", dependencies: ["BulkheadModel"]),
    .testTarget(name: "BulkheadFirewallTests", dependencies: ["BulkheadFirewall", "BulkheadModel"]),
  ],
  swiftLanguageModes: [.v6]
)
