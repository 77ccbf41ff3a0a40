import Foundation
import Testing

@testable import BulkheadDissect

@Suite struct DebugTests {
  @Test func dump() throws {
    guard let pcap = ProcessInfo.processInfo.environment["BH_DUMP"] else { return }
    for flow in try TsharkFlows.flows(try Corpus.pcap(pcap)) {
      guard let o = flow.observe() else { continue }
      print("FLOW", flow.key, o.protocolID, o.pduCount, o.violationCount, o.skippedBytes)
      for t in o.operations { print("  ", t.name, t.requests, t.responses, t.exceptions) }
      for v in o.violations.prefix(5) { print("  V", v) }
      print("  S", o.security, o.identities)
    }
  }
}
