import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// The Cisco dialects' semantics on hand-written configurations (`Tests/Fixtures/firewall/cisco-*`): ASA security
/// levels, access groups, object groups, `name`, inactive entries and the connection table; IOS interface access
/// lists, object groups, `established` and the router's unfiltered forwarding.
@Suite struct CiscoSemanticsTests {
  static func packet(
    _ source: String, _ destination: String, proto: UInt8 = 6, dport: UInt16, in i: String, out o: String,
    state: ConnectionState = .new
  ) throws -> Packet {
    Packet(
      source: try #require(IPAddress(source)), destination: try #require(IPAddress(destination)), proto: proto,
      sourcePort: 40000, destinationPort: dport, inInterface: i, outInterface: o, state: state)
  }

  static func ruleset(_ fixture: String, _ vendor: FirewallVendor) throws -> Ruleset {
    let result = FirewallParser.parse(contentsOf: FixturePaths.fixture(fixture), vendor: vendor)
    let ruleset = try #require(result.ruleset, "\(result.diagnostics)")
    let problems = result.diagnostics.filter { $0.severity != .note }
    #expect(problems.isEmpty, "\(problems)")
    return ruleset
  }

  @Test func asaAccessListsAndSecurityLevels() throws {
    let ruleset = try Self.ruleset("cisco-asa/ot-boundary.cfg", .ciscoASA)
    let tracer = Tracer(ruleset: ruleset)
    func verdict(_ p: Packet) -> Verdict { tracer.trace(p).verdict }
    // The dmz access list: the historian (a `name`) to the PLC group on the Modbus/EtherNet/IP service group.
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.0.21", dport: 502, in: "dmz", out: "control")) == .allow)
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.0.22", dport: 44818, in: "dmz", out: "control")) == .allow)
    #expect(try verdict(Self.packet("10.20.0.11", "10.30.0.21", dport: 502, in: "dmz", out: "control")) == .deny)
    // The inactive ssh entry is not evaluated, and is reported.
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.0.21", dport: 22, in: "dmz", out: "control")) == .deny)
    let inactive = FirewallParser.parse(contentsOf: FixturePaths.fixture("cisco-asa/ot-boundary.cfg"))
      .diagnostics.filter { $0.code == FirewallDiagnosticCode.asaInactive.code }
    #expect(inactive.map(\.location.line) == [40])
    // The list replaces the security levels on dmz: dmz (50) to outside (0) is not permitted by it.
    #expect(try verdict(Self.packet("10.20.0.10", "192.0.2.9", dport: 443, in: "dmz", out: "outside")) == .deny)
    // No list on control (100): it reaches the lower levels; outside (0) reaches nothing higher.
    #expect(try verdict(Self.packet("10.30.0.5", "10.20.0.7", dport: 443, in: "control", out: "dmz")) == .allow)
    #expect(try verdict(Self.packet("10.30.0.5", "192.0.2.9", dport: 443, in: "control", out: "outside")) == .allow)
    #expect(try verdict(Self.packet("192.0.2.9", "10.20.0.7", dport: 443, in: "outside", out: "dmz")) == .deny)
    // The connection table passes return traffic: the PLC's replies to the historian, outside's to control.
    #expect(
      try verdict(
        Self.packet("192.0.2.9", "10.30.0.5", dport: 40000, in: "outside", out: "control", state: .established))
        == .allow)
    // The interface without nameif passes nothing, by either name.
    #expect(
      try verdict(Self.packet("10.30.0.5", "10.40.0.1", dport: 443, in: "control", out: "GigabitEthernet0/3"))
        == .deny)
    // Interfaces are known by nameif and hardware name alike.
    #expect(
      try verdict(
        Self.packet("10.20.0.10", "10.30.0.21", dport: 502, in: "GigabitEthernet0/1", out: "GigabitEthernet0/2"))
        == .allow)
  }

  @Test func iosInterfaceAccessListsAreStateless() throws {
    let ruleset = try Self.ruleset("cisco-ios/cell-router.cfg", .ciscoIOS)
    let tracer = Tracer(ruleset: ruleset)
    func verdict(_ p: Packet) -> Verdict { tracer.trace(p).verdict }
    let dmz = "GigabitEthernet0/0"
    let cell = "GigabitEthernet0/1"
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.0.21", dport: 502, in: dmz, out: cell)) == .allow)
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.1.77", dport: 502, in: dmz, out: cell)) == .allow)
    #expect(try verdict(Self.packet("10.20.0.10", "10.30.2.1", dport: 502, in: dmz, out: cell)) == .deny)
    #expect(try verdict(Self.packet("10.20.0.11", "10.30.0.21", dport: 502, in: dmz, out: cell)) == .deny)
    // `established`: TCP segments that open no connection pass, whatever their addresses; UDP does not.
    #expect(
      try verdict(Self.packet("10.20.0.11", "10.30.0.21", dport: 40000, in: dmz, out: cell, state: .established))
        == .allow)
    #expect(
      try verdict(
        Self.packet("10.20.0.11", "10.30.0.21", proto: 17, dport: 40000, in: dmz, out: cell, state: .established))
        == .deny)
    // Nothing filters traffic entering by the cell interface: a router forwards it.
    #expect(try verdict(Self.packet("10.30.0.21", "10.20.0.99", dport: 3389, in: cell, out: dmz)) == .allow)
  }
}
