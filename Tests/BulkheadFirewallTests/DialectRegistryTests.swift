import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The dialect registry: every dialect is registered once, answers to its names, recognises its own exports and no
/// other dialect's, and every place that lists vendors reads the registry.
@Suite struct DialectRegistryTests {
  /// One sample export per registered dialect, by name: a dialect added without a sample fails here.
  static let samples: [String: [String]] = [
    "iptables": ["iptables/chains-jump-goto-return.rules", "iptables/iprange-state-comment.rules"],
    "nftables": ["nftables/forward-basic.json", "nftables/forward-basic.nft"],
    "fortigate": ["fortigate/plant-boundary.conf"],
    "cisco-asa": ["cisco-asa/ot-boundary.cfg"],
    "cisco-ios": ["cisco-ios/cell-router.cfg"],
    "paloalto": ["paloalto/plant-boundary.xml", "paloalto/plant-boundary.set"],
    "juniper-srx": ["juniper-srx/plant-boundary.conf", "juniper-srx/plant-boundary.set"],
    "pfsense": ["pfsense/plant-boundary.xml", "pfsense/opnsense-cell.xml"],
  ]

  @Test func namesAreUniqueAndLowerCase() {
    let names = FirewallDialects.all.flatMap(\.names)
    #expect(Set(names).count == names.count, "a name or alias is registered twice: \(names)")
    #expect(names.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty && $0 != FirewallVendor.auto.rawValue })
  }

  @Test func everyNameResolvesToItsDialect() {
    for dialect in FirewallDialects.all {
      for name in dialect.names {
        #expect(FirewallDialects.dialect(named: FirewallVendor(text: name.uppercased()))?.vendor == dialect.vendor)
      }
    }
    #expect(FirewallDialects.dialect(named: .auto) == nil)
    #expect(FirewallDialects.dialect(named: FirewallVendor(text: "no-such-firewall")) == nil)
  }

  @Test func everyDialectHasSamplesItAloneRecognises() throws {
    #expect(Set(Self.samples.keys) == Set(FirewallDialects.all.map(\.vendor.rawValue)))
    for (name, files) in Self.samples {
      for file in files {
        let text = try String(contentsOfFile: FixturePaths.fixture(file), encoding: .utf8)
        #expect(FirewallDialects.detect(text)?.vendor.rawValue == name, "\(file) is not detected as \(name)")
        let result = FirewallParser.parse(text: text, file: file, vendor: .auto)
        #expect(result.ruleset?.vendor.rawValue == name, "\(file): \(result.diagnostics)")
      }
    }
  }

  @Test func unknownVendorIsAnErrorNamingTheKnownOnes() {
    let result = FirewallParser.parse(text: "-A FORWARD -j DROP\n", file: "x", vendor: FirewallVendor(text: "pix"))
    #expect(result.ruleset == nil)
    let diagnostic = result.diagnostics.first
    #expect(diagnostic?.code == FirewallDiagnosticCode.unknownVendor.code && diagnostic?.severity == .error)
    for dialect in FirewallDialects.all { #expect(diagnostic?.message.contains(dialect.vendor.rawValue) == true) }
  }

  @Test func undetectableTextIsAnError() {
    let result = FirewallParser.parse(text: "hello\n", file: "x")
    #expect(result.diagnostics.map(\.code) == [FirewallDiagnosticCode.unknownDialect.code])
  }

  /// The model's JSON schema offers every registered name for `vendor`, and nothing else.
  @Test func schemaListsTheRegisteredVendors() throws {
    let url = FixturePaths.packageRoot.appendingPathComponent("docs/bulkhead.schema.json")
    let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let defs = try #require(schema["$defs"] as? [String: Any])
    let point = try #require(defs["enforcementPoint"] as? [String: Any])
    let properties = try #require(point["properties"] as? [String: Any])
    let vendor = try #require(properties["vendor"] as? [String: Any])
    let choices = try #require(vendor["anyOf"] as? [[String: Any]])
    let listed = try #require(choices.first?["enum"] as? [String])
    #expect(Set(listed) == Set(FirewallDialects.all.flatMap(\.names) + ["auto"]))
  }
}

/// docs/firewall-engine.md lists every firewall diagnostic code with its summary, and no other.
@Suite struct FirewallDiagnosticCodeTests {
  static func doc() throws -> String {
    try String(
      contentsOf: FixturePaths.packageRoot.appendingPathComponent("docs/firewall-engine.md"), encoding: .utf8)
  }

  @Test(arguments: FirewallDiagnosticCode.allCases)
  func everyCodeIsDocumented(code: FirewallDiagnosticCode) throws {
    let row = "| `\(code.code)` | \(code.summary) |"
    #expect(try Self.doc().contains(row), "docs/firewall-engine.md lacks: \(row)")
  }

  @Test func noOtherCodeIsDocumented() throws {
    let documented = try Self.doc().split(separator: "\n").compactMap { line -> String? in
      line.hasPrefix("| `BH4") ? String(line.dropFirst(3).prefix(5)) : nil
    }
    #expect(documented == FirewallDiagnosticCode.allCases.map(\.code))
  }

  /// No firewall source writes a code as a string literal: every diagnostic goes through the typed code.
  @Test func noCodeLiteralsInSources() throws {
    let root = FixturePaths.packageRoot.appendingPathComponent("Sources/BulkheadFirewall")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    for file in files where file.hasSuffix(".swift") && !file.hasSuffix("FirewallDiagnosticCode.swift") {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.contains("\"BH4"), "\(file) writes a BH4xx code as a string")
    }
  }
}
