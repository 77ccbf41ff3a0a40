import BulkheadCapture
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDissect

/// A content signature is a hint, not evidence: RDP opens with the same TPKT/COTP connection request as S7comm
/// (ISO 8073 §13.3), so a flow is only named after a protocol when at least one PDU (or violation) of it was seen.
@Suite struct SignatureEvidenceTests {
  @Test func rdpNegotiationIsNotReportedAsS7comm() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let capture = root.appendingPathComponent("Examples/riverside-water/captures/enterprise.pcap").path
    let consumer = DissectorConsumer()
    let report = CaptureSession.run(files: [capture], consumer: consumer)
    let rdp = report.flows.filter { $0.responderPort == 3389 }
    try #require(!rdp.isEmpty, "the recording has corp-ws-17's RDP sessions")
    for flow in rdp {
      #expect(
        consumer.observations[flow.flowID] == nil,
        "RDP flow \(flow.flowID) was named \(String(describing: consumer.observations[flow.flowID]?.protocolID))")
      #expect(flow.annotations["protocol"] == nil)
    }
    let modbus = try #require(report.flows.first { $0.responderPort == 502 && $0.packetsFromResponder > 0 })
    #expect(consumer.observations[modbus.flowID]?.protocolID == .modbus)
  }
}
