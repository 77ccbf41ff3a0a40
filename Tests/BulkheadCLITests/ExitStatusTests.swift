import Foundation
import Testing

/// Issue 23 row 8 and item 7: one exit-status contract for every command (README, "Exit status"): 0 ok, 1 findings
/// (a failed gate, an invalid model), 2 an input that cannot be read or used, bad arguments, or an output that
/// cannot be written.
@Suite struct ExitStatusTests {
  static let plant = "Examples/riverside-water"
  static let capture = "Examples/riverside-water/captures/scada.pcap"
  static let firewall = "Examples/riverside-water/firewalls/fw-itot.iptables-save"

  /// (arguments, expected status) for each command: what succeeds, what finds something, what cannot be read.
  static let cases: [([String], Int32)] = [
    (["validate", plant, "--today", "2026-11-27"], 0),
    (["validate", "Tests/Fixtures/models/bh312-conduit-bypasses-dmz.yaml"], 1),
    (["validate", "no/such/dir"], 2),
    (["trace", "--config", firewall, "--src", "10.20.1.17", "--dst", "10.50.11.10", "--proto", "tcp"], 0),
    (["trace", "--config", "no/such.rules", "--src", "1.1.1.1", "--dst", "2.2.2.2", "--proto", "tcp"], 2),
    (["trace", "no/such/dir", "--src", "1.1.1.1", "--dst", "2.2.2.2", "--proto", "tcp"], 2),
    (["reach", "--config", firewall], 0),
    (["reach", plant], 0),
    (["reach", "--config", "no/such.rules"], 2),
    (["reach", "no/such/dir"], 2),
    (["flows", capture], 0),
    (["flows", "no/such.pcap"], 2),
    (["dissect", capture], 0),
    (["dissect", "no/such.pcap"], 2),
    (["assess", plant, "--today", "2026-11-27"], 0),
    (["assess", "no/such/dir"], 2),
    (["check", plant, "--today", "2026-11-27"], 1),
    (["check", plant, "--today", "2026-11-27", "--fail-on", "critical", "--accepted", "no/such.yaml"], 2),
    (["check", "no/such/dir"], 2),
    (["rules"], 0),
    (["diagram", plant, "--today", "2026-11-27"], 0),
    (["diagram", "no/such/dir"], 2),
    (["report", "no/such/dir", "--out", "/tmp/unused"], 2),
    (["init", "Examples/riverside-water"], 2),
    (["bench", "capture", "--repeat", "0", capture], 2),
    (["assess", "--format", "yaml"], 2),
  ]

  @Test(arguments: cases)
  func everyCommandKeepsTheContract(arguments: [String], expected: Int32) throws {
    let result = try CommandRunner.run(arguments)
    #expect(result.status == expected, "\(arguments): \(result.err.suffix(300))")
    #expect(!result.err.contains("Fatal error") && !result.err.contains("Stack dump"))
  }
}
