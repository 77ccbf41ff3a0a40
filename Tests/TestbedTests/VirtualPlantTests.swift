import BulkheadAnalysis
import BulkheadModel
import Foundation
import Testing

/// End-to-end: records Riverside Water's virtual plant (Testbed/plant.sh, root and network namespaces) into a
/// temporary directory and checks the recording itself against TOPOLOGY.md: flows in the right capture files,
/// dropped attempts absent past the firewall, ground truth consistent with captures and counters.
@Suite(.serialized)
struct VirtualPlantTests {
  static let skipRequested = ProcessInfo.processInfo.environment["BULKHEAD_SKIP_NETNS"] == "1"

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let plantScript = packageRoot.appendingPathComponent("Testbed/plant.sh").path

  /// The namespaces plant.sh creates (one per host, one switch per zone, two firewalls), without the prefix.
  static let plantNamespaces: Set<String> = [
    "fw-itot", "fw-ot", "sw-enterprise", "sw-ot-dmz", "sw-scada", "sw-filtration", "sw-dosing", "sw-safety",
    "corp-ws-17", "erp-app", "vendor-support-pc", "historian", "patch-server", "jump-host", "scada-server", "hmi-1",
    "eng-ws", "contractor-laptop", "plc-filt-1", "plc-filt-2", "plc-dose-1", "sis-1",
  ]

  /// One plant of this test run: its own namespace prefix and state directory (unique per run, like a PID), so the
  /// run creates, checks and deletes only its own namespaces, never those of a run in another checkout or of a
  /// plant someone started by hand.
  struct Plant {
    var prefix: String
    var stateDirectory: URL

    init(_ label: String) {
      prefix = "bh\(getpid())\(label)-"
      stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bulkhead-plant-state-\(prefix)")
    }

    var environment: [String: String] { ["BH_NS_PREFIX": prefix, "BH_STATE_DIR": stateDirectory.path] }
    var namespaces: Set<String> { Set(VirtualPlantTests.plantNamespaces.map { prefix + $0 }) }

    /// `plant.sh down` (bounded), then the state directory goes too.
    func tearDown() {
      _ = try? command(["down"], timeout: 120).run()
      try? FileManager.default.removeItem(at: stateDirectory)
    }

    func command(_ arguments: [String], timeout: TimeInterval) -> Command {
      var command = Command(timeout: timeout)
      command.arguments = ["bash", VirtualPlantTests.plantScript] + arguments
      command.environment = environment
      return command
    }
  }

  /// Capture file of each zone network (TOPOLOGY.md "Capture points").
  static let zoneCaptures: [(network: String, capture: String)] = [
    ("10.20.0.0/16", "enterprise"), ("172.16.10.0/24", "ot-dmz"), ("10.50.2.0/24", "scada"),
    ("10.50.11.0/24", "filtration"), ("10.50.12.0/24", "dosing"), ("10.50.13.0/24", "safety"),
  ]

  static let captureNames = zoneCaptures.map(\.capture)

  @Test(.enabled(if: !skipRequested, "BULKHEAD_SKIP_NETNS=1: the virtual plant was NOT recorded or checked"))
  func recordingTwiceInARowGivesTheExpectedPlant() throws {
    try requirePrivileges()
    let plant = Plant("r")
    defer { plant.tearDown() }
    // A second plant up beside it all along (its own prefix): recording and tearing down must leave it alone.
    let neighbour = Plant("n")
    defer { neighbour.tearDown() }
    let neighbourUp = try neighbour.command(["up"], timeout: 120).run()
    try #require(neighbourUp.succeeded, "plant.sh up (neighbour): \(neighbourUp.errorOutput)")
    for run in 1...2 {
      let directory = try temporaryDirectory("run-\(run)")
      defer { try? FileManager.default.removeItem(at: directory) }
      let started = Date()
      let record = try plant.command(["record", "--out", directory.path], timeout: 170).run()
      print("run \(run): \(record.output.trimmingCharacters(in: .whitespacesAndNewlines))", terminator: "")
      print(" (\(Int(Date().timeIntervalSince(started))) s seen by the test)")
      let checked = Date()
      defer { print("run \(run): recording checked in \(Int(Date().timeIntervalSince(checked))) s") }
      try #require(
        record.succeeded,
        "plant.sh record (run \(run)) exit \(record.status), timed out \(record.timedOut): \(record.errorOutput)")
      try checkRecording(in: directory)
    }
    let down = try plant.command(["down"], timeout: 120).run()
    #expect(down.succeeded, "plant.sh down: \(down.errorOutput)")
    let existing = try existingNamespaces()
    #expect(existing.intersection(plant.namespaces).isEmpty, "namespaces left after down")
    #expect(
      existing.isSuperset(of: neighbour.namespaces),
      "the neighbouring plant lost \(neighbour.namespaces.subtracting(existing).sorted())")
    let neighbourDown = try neighbour.command(["down"], timeout: 120).run()
    #expect(neighbourDown.succeeded, "plant.sh down (neighbour): \(neighbourDown.errorOutput)")
    #expect(try existingNamespaces().intersection(neighbour.namespaces).isEmpty, "neighbour left after its down")
  }

  @Test(.enabled(if: !skipRequested, "BULKHEAD_SKIP_NETNS=1: the cleanup of a killed run was NOT checked"))
  func killedRecordIsCleanedUpByTheNextDown() throws {
    try requirePrivileges()
    let plant = Plant("k")
    defer { plant.tearDown() }
    let directory = try temporaryDirectory("killed")
    defer { try? FileManager.default.removeItem(at: directory) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.plantScript, "record", "--out", directory.path]
    process.environment = ProcessInfo.processInfo.environment.merging(plant.environment) { _, new in new }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill it once the plant is up and tcpdump writes, i.e. in the middle of the scenario (bounded wait).
    let capture = directory.appendingPathComponent("captures/scada.pcap").path
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline && process.isRunning && !FileManager.default.fileExists(atPath: capture) {
      Thread.sleep(forTimeInterval: 0.2)
    }
    Thread.sleep(forTimeInterval: 1)
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    #expect(wasRunning, "plant.sh record ended before it could be killed")
    #expect(Command.waitForExit(of: process, timeout: 30), "the killed plant.sh was not reaped within 30 s")
    let orphaned = try existingNamespaces().intersection(plant.namespaces)
    #expect(!orphaned.isEmpty, "a killed record should have left its namespaces behind")

    let down = try plant.command(["down"], timeout: 120).run()
    #expect(down.succeeded, "plant.sh down after a killed run: \(down.errorOutput)")
    let leftovers = try existingNamespaces().intersection(plant.namespaces)
    #expect(leftovers.isEmpty, "namespaces left after down: \(leftovers.sorted())")
    #expect(processesMentioning(directory.path).isEmpty, "processes of the killed run still alive")
  }

  // MARK: - The recording

  private func checkRecording(in directory: URL) throws {
    for file in ["firewalls/fw-itot.iptables-save", "firewalls/fw-ot.json", "ground-truth.json"] {
      #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file) missing")
    }
    var captures: [String: CaptureTable] = [:]
    for name in Self.captureNames {
      captures[name] = try CaptureTable(name: name, directory: directory)
    }
    checkFlows(captures)
    checkNothingLeftThePlant(captures)
    let truth = try GroundTruth.load(from: directory)
    for name in Self.captureNames {
      let counted = truth.captures[name]
      #expect(
        counted?.frames == captures[name]?.rows.count && counted?.truncated == false,
        "\(name): ground truth counts \(counted?.frames ?? -1) frames, tshark read \(captures[name]?.rows.count ?? -1)")
    }
    checkClientResults(truth)
    checkCounters(truth)
    checkSessionsAgainstCaptures(truth, captures)
    try checkExports(in: directory)
    try checkAssessment(of: directory)
  }

  /// Assesses the fresh recording with the example plant's model: exactly the planted findings
  /// (Examples/riverside-water/expected-findings.txt), as on the committed recording.
  private func checkAssessment(of directory: URL) throws {
    let example = Self.packageRoot.appendingPathComponent("Examples/riverside-water")
    for file in ["bulkhead.yaml", "inventory.csv"] {
      try FileManager.default.copyItem(
        at: example.appendingPathComponent(file), to: directory.appendingPathComponent(file))
    }
    let today = try #require(CalendarDate("2026-11-27"))
    let result = try Assessor(today: today, toolVersion: "test").assess(path: directory.path)
    let expected = try String(
      contentsOf: example.appendingPathComponent("expected-findings.txt"), encoding: .utf8)
    #expect(result.findings.map(FindingDigest.line).sorted() == FindingDigest.expected(fromFileText: expected))
  }

  /// A flow that must appear in some capture files and in none of the others.
  private struct FlowExpectation {
    var name: String
    var seenIn: Set<String>
    var minimum = 1
    var matches: (PacketRow) -> Bool
  }

  private func checkFlows(_ captures: [String: CaptureTable]) {
    func between(_ row: PacketRow, _ source: String, _ destination: String) -> Bool {
      row.source == source && row.destination == destination
    }
    let expectations = [
      FlowExpectation(name: "vendor Modbus FC 6 to plc-filt-1 (2019 rule)", seenIn: ["enterprise", "filtration"]) {
        between($0, "10.20.30.40", "10.50.11.10") && $0.modbusFunctions.contains(6)
      },
      FlowExpectation(name: "vendor Modbus FC 16 to plc-filt-1 (2019 rule)", seenIn: ["enterprise", "filtration"]) {
        between($0, "10.20.30.40", "10.50.11.10") && $0.modbusFunctions.contains(16)
      },
      FlowExpectation(name: "SCADA FC 3 polls of plc-filt-1", seenIn: ["scada", "filtration"], minimum: 5) {
        between($0, "10.50.2.10", "10.50.11.10") && $0.modbusFunctions.contains(3)
      },
      FlowExpectation(name: "SCADA FC 4 polls of sis-1", seenIn: ["scada", "safety"], minimum: 5) {
        between($0, "10.50.2.10", "10.50.13.10") && $0.modbusFunctions.contains(4)
      },
      FlowExpectation(name: "historian OPC UA channel with SecurityPolicy#None", seenIn: ["ot-dmz", "scada"]) {
        between($0, "172.16.10.10", "10.50.2.10") && $0.opcuaSecurityPolicies.contains { $0.hasSuffix("#None") }
      },
      FlowExpectation(name: "eng-ws S7 write var", seenIn: ["scada", "dosing"]) {
        between($0, "10.50.2.30", "10.50.12.10") && $0.s7Functions.contains(0x05)
      },
      FlowExpectation(name: "eng-ws S7 block download", seenIn: ["scada", "dosing"]) {
        between($0, "10.50.2.30", "10.50.12.10") && $0.s7Functions.contains(0x1a)
      },
      FlowExpectation(name: "eng-ws S7 block upload", seenIn: ["scada", "dosing"]) {
        between($0, "10.50.2.30", "10.50.12.10") && $0.s7Functions.contains(0x1d)
      },
      FlowExpectation(name: "SCADA S7 reads of plc-dose-1", seenIn: ["scada", "dosing"], minimum: 2) {
        between($0, "10.50.2.10", "10.50.12.10") && $0.s7Functions.contains(0x04)
      },
      FlowExpectation(name: "erp-app TLS ClientHello to historian", seenIn: ["enterprise", "ot-dmz"]) {
        between($0, "10.20.5.10", "172.16.10.10") && $0.tlsHandshakeTypes.contains(1)
      },
      FlowExpectation(name: "corp-ws-17 RDP request to jump-host", seenIn: ["enterprise", "ot-dmz"]) {
        between($0, "10.20.1.17", "172.16.10.30") && $0.destinationPort == 3389 && $0.tcpPayloadLength > 0
      },
      FlowExpectation(name: "jump-host RDP request to eng-ws", seenIn: ["ot-dmz", "scada"]) {
        between($0, "172.16.10.30", "10.50.2.30") && $0.destinationPort == 3389 && $0.tcpPayloadLength > 0
      },
      FlowExpectation(name: "unknown laptop DNS query to patch-server", seenIn: ["scada", "ot-dmz"]) {
        between($0, "10.50.2.99", "172.16.10.20") && $0.isUDP && $0.dnsQuery
      },
      FlowExpectation(name: "unknown laptop HTTP request on tcp/8530", seenIn: ["scada", "ot-dmz"]) {
        between($0, "10.50.2.99", "172.16.10.20") && $0.destinationPort == 8530 && $0.httpRequest
      },
      // Dropped by fw-itot: seen only on the side they came from.
      FlowExpectation(name: "corp-ws-17 SYN to plc-filt-1 tcp/502 (dropped)", seenIn: ["enterprise"]) {
        between($0, "10.20.1.17", "10.50.11.10") && $0.destinationPort == 502 && $0.isConnectionAttempt
      },
      FlowExpectation(name: "corp-ws-17 SYN to hmi-1 tcp/3389 (dropped)", seenIn: ["enterprise"]) {
        between($0, "10.20.1.17", "10.50.2.21") && $0.destinationPort == 3389 && $0.isConnectionAttempt
      },
      FlowExpectation(name: "anything answering corp-ws-17's dropped attempts", seenIn: []) {
        ($0.source == "10.50.11.10" || $0.source == "10.50.2.21") && $0.destination == "10.20.1.17"
      },
      FlowExpectation(name: "tcp/1433 (stale rule, nobody uses it)", seenIn: []) {
        !$0.isUDP && ($0.destinationPort == 1433 || $0.sourcePort == 1433)
      },
      FlowExpectation(name: "hmi-2 (powered off)", seenIn: []) {
        $0.source == "10.50.2.22" || $0.destination == "10.50.2.22" || $0.arpAddresses.contains("10.50.2.22")
      },
    ]
    for expectation in expectations {
      for name in Self.captureNames {
        let count = captures[name]?.count(where: expectation.matches) ?? 0
        if expectation.seenIn.contains(name) {
          #expect(count >= expectation.minimum, "\(expectation.name): \(count) frames in \(name).pcap")
        } else {
          #expect(count == 0, "\(expectation.name): \(count) frames in \(name).pcap, expected none")
        }
      }
    }
  }

  /// Every IPv4 address in every capture belongs to the plant: nothing was sent anywhere else.
  private func checkNothingLeftThePlant(_ captures: [String: CaptureTable]) {
    let plant = ["10.20.0.0/16", "172.16.10.0/24", "10.50.0.0/16"].compactMap { IPNetwork($0) }
    for (name, table) in captures {
      let foreign = Set(
        table.rows.flatMap { [$0.source, $0.destination] }.filter { !$0.isEmpty }
          .filter { text in
            guard let address = IPAddress(text) else { return true }
            return !plant.contains { $0.contains(address) }
          })
      #expect(foreign.isEmpty, "\(name).pcap has addresses outside the plant: \(foreign.sorted())")
      #expect(!table.rows.isEmpty, "\(name).pcap is empty")
      // Real stacks put well-formed PDUs on the wire; a malformed frame means a peer (or the testbed) misbehaves.
      let malformed = table.rows.filter(\.malformed).map(\.frame)
      #expect(malformed.isEmpty, "\(name).pcap frames tshark calls malformed: \(malformed)")
    }
  }

  private func checkClientResults(_ truth: GroundTruth) {
    #expect(truth.plant == "riverside-water")
    let dropped = [("hmi-1", "rdp"), ("plc-filt-1", "modbus")]
    for (server, proto) in dropped {
      let sessions = truth.clientSessions("corp-ws-17", to: server, proto)
      #expect(
        sessions.count == 1 && sessions.allSatisfy { $0.connection == "timed out" },
        "corp-ws-17 → \(server) \(proto) should time out (dropped): \(sessions.map(\.connection))")
    }
    let vendor = truth.clientSessions("vendor-support-pc", to: "plc-filt-1", "modbus")
    let vendorRequests = vendor.flatMap { $0.requests ?? [] }
    for code in [6, 16] {
      let ok = vendorRequests.filter { $0.functionCode == code }.map(\.ok).reduce(0, +)
      #expect(ok >= 1, "vendor-support-pc FC \(code) to plc-filt-1: \(ok) answered")
    }
    let polls = truth.clientSessions("scada-server", to: "sis-1", "modbus").flatMap { $0.requests ?? [] }
    #expect(
      polls.contains { $0.functionCode == 4 && $0.ok >= 5 && $0.ok == $0.sent }, "scada-server FC 4 polls of sis-1")
    let opcua = truth.clientSessions("historian", to: "scada-server", "opcua")
    #expect(
      opcua.count == 2 && opcua.allSatisfy { $0.connection == "connected" && $0.securityMode == "None" },
      "historian OPC UA sessions with security mode None: \(opcua.map { $0.securityMode ?? "-" })")
    #expect(
      opcua.compactMap(\.offeredEndpoints).joined().contains("Basic256Sha256/SignAndEncrypt"),
      "scada-server should offer a Basic256Sha256 SignAndEncrypt endpoint")
    let s7 = truth.clientSessions("eng-ws", to: "plc-dose-1", "s7comm").flatMap { $0.operations ?? [] }
    for operation in [
      "read_szl_cpu_state", "get_cpu_info", "read_db", "write_db", "upload_block", "download_block",
    ] {
      #expect(s7.contains { $0.operation == operation && $0.result == "ok" }, "eng-ws S7 \(operation) on plc-dose-1")
    }
    #expect(!truth.sessions.contains { $0.client == "hmi-2" || $0.server == "hmi-2" }, "hmi-2 must stay silent")
    #expect(!truth.sessions.contains { $0.port == 1433 }, "nothing uses tcp/1433")
  }

  private func checkCounters(_ truth: GroundTruth) {
    for firewall in ["fw-itot", "fw-ot"] {
      let rules = truth.firewalls[firewall]?.rules ?? []
      #expect(!rules.isEmpty, "\(firewall) has no rules in ground-truth.json")
      #expect(rules.allSatisfy { $0.sourceLine != nil }, "\(firewall): every rule has a source line")
      let vendor = truth.rules(firewall, containing: "ACME vendor support 2019")
      #expect(vendor.count == 1 && (vendor.first?.packets ?? 0) > 0, "\(firewall) vendor rule counter > 0")
    }
    let stale = truth.rules("fw-itot", containing: "--dport 1433")
    #expect(stale.count == 1 && stale.first?.packets == 0, "fw-itot stale tcp/1433 rule counter == 0")
    let shadowed = truth.rules("fw-itot", containing: "-s 10.20.1.0/24 -d 172.16.10.30/32")
    #expect(shadowed.count == 1 && shadowed.first?.packets == 0, "fw-itot shadowed /24 RDP rule counter == 0")
    let wide = truth.rules("fw-itot", containing: "-s 10.20.0.0/16 -d 172.16.10.30/32")
    #expect(wide.count == 1 && (wide.first?.packets ?? 0) > 0, "fw-itot /16 RDP rule counter > 0")
    let drops = (truth.firewalls["fw-itot"]?.rules ?? []).filter { $0.rule == "-A FORWARD -j DROP" }
    #expect(drops.count == 1 && (drops.first?.packets ?? 0) >= 2, "fw-itot final DROP counted the dropped SYNs")
    let anyAny = truth.rules("fw-ot", containing: "commissioning - TODO restrict")
    #expect(anyAny.count == 1 && (anyAny.first?.packets ?? 0) > 0, "fw-ot scada0 → dose0 any/any counter > 0")
  }

  /// Each TCP session the clients report left its SYN in the client zone's capture; connected ones also in the
  /// server zone's capture, timed-out ones never there.
  private func checkSessionsAgainstCaptures(_ truth: GroundTruth, _ captures: [String: CaptureTable]) {
    for session in truth.sessions where session.transport == "tcp" {
      guard let clientZone = captureName(of: session.clientAddress),
        let serverZone = captureName(of: session.serverAddress)
      else {
        Issue.record("session \(session.client) → \(session.server) has an address outside the zones")
        continue
      }
      let syn: (PacketRow) -> Bool = {
        $0.source == session.clientAddress && $0.destination == session.serverAddress
          && $0.destinationPort == session.port && $0.isConnectionAttempt
      }
      let label = "\(session.client) → \(session.server):\(session.port) (\(session.connection ?? "?"))"
      #expect((captures[clientZone]?.count(where: syn) ?? 0) >= 1, "\(label): no SYN in \(clientZone).pcap")
      let inServerZone = captures[serverZone]?.count(where: syn) ?? 0
      if session.connection == "connected" {
        #expect(inServerZone >= 1, "\(label): no SYN in \(serverZone).pcap")
      } else {
        #expect(inServerZone == 0, "\(label): SYN reached \(serverZone).pcap")
      }
    }
  }

  /// The exports carry the same story as the ground truth: the vendor rule counted packets in both kernels.
  private func checkExports(in directory: URL) throws {
    let save = try String(
      contentsOf: directory.appendingPathComponent("firewalls/fw-itot.iptables-save"), encoding: .utf8)
    let vendorLine = save.split(separator: "\n").first { $0.contains("ACME vendor support 2019") }
    let packets = vendorLine.flatMap { line in
      line.dropFirst().split(separator: ":").first.flatMap { Int($0) }
    }
    #expect((packets ?? 0) > 0, "fw-itot.iptables-save vendor rule: \(String(describing: vendorLine))")

    let data = try Data(contentsOf: directory.appendingPathComponent("firewalls/fw-ot.json"))
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let items = json?["nftables"] as? [[String: Any]] ?? []
    let vendorRule = items.compactMap { $0["rule"] as? [String: Any] }
      .first { ($0["comment"] as? String)?.contains("ACME vendor support 2019") == true }
    let counter = (vendorRule?["expr"] as? [[String: Any]] ?? [])
      .compactMap { $0["counter"] as? [String: Any] }.first
    #expect((counter?["packets"] as? Int ?? 0) > 0, "fw-ot.json vendor rule counter")
  }

  // MARK: - Helpers

  private func captureName(of address: String) -> String? {
    guard let ip = IPAddress(address) else { return nil }
    return Self.zoneCaptures.first { IPNetwork($0.network)?.contains(ip) == true }?.capture
  }

  /// Root and working `ip netns`, or a failure that says so (never a silent pass).
  private func requirePrivileges() throws {
    try #require(
      getuid() == 0,
      "the virtual plant needs root (network namespaces); run as root, or set BULKHEAD_SKIP_NETNS=1 to skip it")
    let netns = try Command("ip", "netns", "list", timeout: 10).run()
    try #require(
      netns.succeeded,
      "'ip netns' does not work here (\(netns.errorOutput)); set BULKHEAD_SKIP_NETNS=1 to skip the virtual plant")
  }

  /// Every network namespace on the machine (the callers intersect it with their own plant's names).
  private func existingNamespaces() throws -> Set<String> {
    let list = try Command("ip", "netns", "list", timeout: 10).run()
    let names = list.output.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    return Set(names)
  }

  /// PIDs whose command line mentions `text` (the killed run's output directory).
  private func processesMentioning(_ text: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        !stat.contains(") Z ")
      else { return false }
      return String(decoding: data, as: UTF8.self).contains(text)
    }
  }

  private func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("bulkhead-plant-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
