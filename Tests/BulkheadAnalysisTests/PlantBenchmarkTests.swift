import BulkheadModel
import Foundation
import Testing

@testable import BulkheadAnalysis

/// The plant benchmark at a size CI reads in seconds: the example plant's model with one SPAN capture from
/// `Benchmarks/gen-riverside-capture.py` (Tests/Fixtures/plant/README.md). The generator plants every gap at a
/// known rate, so the causes are known: the test asserts exactly those, and that every flow that triggered a rule is
/// counted in exactly one of that rule's causes.
@Suite struct PlantBenchmarkTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The example plant's model, inventory and firewalls in a temporary directory, with `captures:` naming the
  /// fixture capture (what the generator writes beside its capture).
  static func plantDirectory() throws -> URL {
    let example = packageRoot.appendingPathComponent("Examples/riverside-water")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-plant-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("firewalls"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: example.appendingPathComponent("inventory.csv"), to: directory.appendingPathComponent("inventory.csv"))
    for name in try FileManager.default.contentsOfDirectory(atPath: example.appendingPathComponent("firewalls").path) {
      try FileManager.default.copyItem(
        at: example.appendingPathComponent("firewalls/\(name)"),
        to: directory.appendingPathComponent("firewalls/\(name)"))
    }
    let model = try String(contentsOf: example.appendingPathComponent("bulkhead.yaml"), encoding: .utf8)
    let head = try #require(model.range(of: "\n# Captures:")).lowerBound
    // Copied in: model paths must lie inside the plant directory (BH347).
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("captures"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Tests/Fixtures/plant/riverside-span-2mb.pcap"),
      to: directory.appendingPathComponent("captures/span.pcap"))
    let text =
      String(model[..<head])
      + "\ncaptures:\n  - path: captures/span.pcap\n    zones: [enterprise, ot-dmz, scada, filtration, dosing, safety]\n"
    try Data(text.utf8).write(to: directory.appendingPathComponent("bulkhead.yaml"))
    return directory
  }

  /// The assessment and every reconciled flow with its traffic class; `inspect` runs while the plant's files exist.
  static func assess(
    _ inspect: (AssessmentResult, Plant, [(ObservedFlowFacts, TrafficKey)]) throws -> Void = { _, _, _ in }
  ) throws -> (AssessmentResult, Plant, [(ObservedFlowFacts, TrafficKey)]) {
    let directory = try plantDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    return try assess(directory, inspect)
  }

  /// The assessment of the plant directory at `directory` (which stays), as `assess(_:)`.
  static func assess(
    _ directory: URL,
    _ inspect: (AssessmentResult, Plant, [(ObservedFlowFacts, TrafficKey)]) throws -> Void = { _, _, _ in }
  ) throws -> (AssessmentResult, Plant, [(ObservedFlowFacts, TrafficKey)]) {
    let today = try #require(CalendarDate("2026-11-27"))
    let loaded = try ModelLoader().load(path: directory.path, today: today)
    let flows = FlowSink()
    let result = Assessor(today: today, toolVersion: "test").assess(loaded) { flow, key in flows.add(flow, key) }
    try inspect(result, loaded.plant, flows.all)
    return (result, loaded.plant, flows.all)
  }

  /// Collects flows handed over from several threads.
  final class FlowSink: @unchecked Sendable {
    private let lock = NSLock()
    private var flows: [(ObservedFlowFacts, TrafficKey)] = []

    func add(_ flow: ObservedFlowFacts, _ key: TrafficKey) { lock.withLock { flows.append((flow, key)) } }

    var all: [(ObservedFlowFacts, TrafficKey)] { lock.withLock { flows } }
  }

  @Test func findsExactlyThePlantedCauses() throws {
    let (result, _, _) = try Self.assess()
    try Self.checkCauses(result)
  }

  /// The findings are exactly the causes in Benchmarks/riverside-expected-causes.txt.
  static func checkCauses(_ result: AssessmentResult) throws {
    let expected = try String(
      contentsOf: Self.packageRoot.appendingPathComponent("Benchmarks/riverside-expected-causes.txt"), encoding: .utf8
    )
    .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    .filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
    #expect(result.findings.map { "\($0.ruleID) | \($0.subject)" }.sorted() == expected)
  }

  @Test func everyFlowThatTriggeredARuleIsCountedInExactlyOneCause() throws {
    let (result, plant, flows) = try Self.assess()
    Self.checkConservation(result, plant, flows)
  }

  /// Every flow that triggered a rule is counted in exactly one of that rule's causes, with its packets.
  static func checkConservation(
    _ result: AssessmentResult, _ plant: Plant, _ flows: [(ObservedFlowFacts, TrafficKey)]
  ) {
    #expect(flows.count == result.flowCount)
    #expect(result.traffic.reduce(0) { $0 + $1.flows.flows } == result.flowCount)
    let index = CauseIndex(result: result, plant: plant)
    let rules = Dictionary(uniqueKeysWithValues: result.findings.map { ($0.fingerprint, $0.ruleID) })
    var counted: [String: (flows: Int, packets: Int)] = [:]
    var memo: [TrafficKey: [String]] = [:]
    for (flow, key) in flows {
      let causes = memo[key] ?? index.fingerprints(of: key)
      memo[key] = causes
      // At most one cause per rule for every flow.
      let byRule = causes.compactMap { rules[$0] }
      #expect(Set(byRule).count == byRule.count, "\(flow.summary) counts twice in one rule: \(causes)")
      for cause in causes {
        counted[cause, default: (0, 0)].flows += 1
        counted[cause, default: (0, 0)].packets += flow.packets
      }
    }
    for finding in result.findings {
      guard let aggregate = finding.flows else { continue }
      let recount = counted[finding.fingerprint] ?? (0, 0)
      #expect(recount.flows == aggregate.flows, "\(finding.ruleID) \(finding.subject)")
      #expect(recount.packets == aggregate.packets, "\(finding.ruleID) \(finding.subject)")
      #expect(aggregate.sample.count == min(aggregate.flows, FlowAggregate.sampleLimit))
    }
    // Two rules recounted from their definitions, without the index.
    func total(_ rule: String) -> Int {
      result.findings.filter { $0.ruleID == rule }.reduce(0) { $0 + ($1.flows?.flows ?? 0) }
    }
    let dropped = flows.filter { !$0.0.answered && $0.0.verdict == .denied && $0.0.crossesZones }.count
    let bypassed = flows.filter { $0.0.answered && $0.0.verdict == .denied }.count
    #expect(dropped > 0 && total("dropped-attempt") == dropped)
    #expect(bypassed > 0 && total("observed-not-permitted") == bypassed)
  }

  @Test func causesStayFewAndFixFirstNamesThem() throws {
    let (result, _, flows) = try Self.assess()
    #expect(flows.count > 300)
    #expect(result.findings.count < 60)
    #expect(result.fixFirst.map(\.ruleID).contains("dmz-bypass"))
    #expect(result.fixFirst.contains { $0.ruleID == "dmz-bypass" && $0.zones == ["enterprise", "safety"] })
    // One firewall drops it, in the finding's words.
    #expect(
      result.findings.contains {
        $0.ruleID == "observed-not-permitted" && $0.message.contains("although fw-itot drops it")
      })
  }

  /// The path memo shares one trace among flows whose addresses lie in the same model and rule sets; every flow must
  /// get exactly what its own look-ups and trace give.
  @Test func everyFlowHasThePathItsOwnTraceGives() throws {
    _ = try Self.assess { _, plant, flows in try Self.checkPaths(plant, flows) }
  }

  static func checkPaths(_ plant: Plant, _ flows: [(ObservedFlowFacts, TrafficKey)]) throws {
    let firewalls = FirewallView(plant: plant)
    #expect(firewalls.diagnostics.filter { $0.severity == .error }.isEmpty)
    for (flow, _) in flows {
      #expect(flow.initiatorZone == plant.zone(containing: flow.initiator)?.id)
      #expect(flow.responderZone == plant.zone(containing: flow.responder)?.id)
      var explaining: (String, Int)?
      search: for conduit in plant.conduits {
        for (index, declared) in conduit.flows.enumerated()
        where plant.endpoint(declared.from, contains: flow.initiator)
          && plant.endpoint(declared.to, contains: flow.responder)
          && declared.services.contains(where: {
            $0.contains(ipProtocol: flow.transport.number, port: flow.responderPort)
          })
        {
          explaining = (conduit.id, index)
          break search
        }
      }
      #expect(flow.conduit == explaining?.0 && flow.conduitFlowIndex == explaining?.1, "\(flow.summary)")
      guard flow.crossesZones else { continue }
      let own = firewalls.verdict(
        source: flow.initiator, destination: flow.responder, transport: flow.transport,
        sourcePort: flow.initiatorPort, destinationPort: flow.responderPort)
      #expect(flow.verdict == own.verdict && flow.verdictRules == own.rules, "\(flow.summary)")
    }
  }
}
