import Foundation
import Testing

/// `trace` and `reach --config` on a pfSense config.xml, detected by content (`vendor: auto`): the CLI shows the
/// vendor's own rule with file:line, through the IR like every other dialect.
@Suite struct PfSenseCommandTests {
  static let config = "Tests/Fixtures/firewall/pfsense/plant-boundary.xml"

  @Test func traceCitesTheInterfaceRule() throws {
    let result = try CommandRunner.run([
      "trace", "--config", Self.config, "--src", "10.10.0.5", "--dst", "10.20.0.21", "--proto", "tcp", "--dport",
      "502", "--in", "em1", "--out", "em2",
    ])
    #expect(result.status == 0, "\(result.err.suffix(300))")
    #expect(result.out.contains("ALLOW by \(Self.config):123 (chain pf in) \"ENG to PLCs\""), "\(result.out)")
    #expect(result.out.contains("pass in quick on lan inet proto tcp from ENG_WS to OT_PLCS port OT_PORTS"))
    // What is not modeled is said on standard error, with file:line and code.
    #expect(result.err.contains("\(Self.config):93: warning: alias HISTORIAN holds entries resolved at run time"))
  }

  @Test func reachListsThePortsOfTheNestedPortAlias() throws {
    let result = try CommandRunner.run([
      "reach", "--config", Self.config, "--from", "10.10.0.0/28", "--to", "10.20.0.10/32", "--quiet",
    ])
    #expect(result.status == 0, "\(result.err.suffix(300))")
    for service in ["tcp/102", "tcp/502", "tcp/2222-2223", "tcp/44818"] {
      #expect(result.out.contains("allow \(service) "), "\(service): \(result.out)")
    }
  }
}
