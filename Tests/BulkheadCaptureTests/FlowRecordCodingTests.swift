import BulkheadCapture
import BulkheadModel
import Foundation
import Testing

/// A ``FlowRecord`` holds its ``FlowIdentity`` as a value of its own, yet its JSON stays the one flat object
/// `bulkhead flows --format json` has always written.
@Suite struct FlowRecordCodingTests {
  static let record = FlowRecord(
    identity: FlowIdentity(
      flowID: 3, initiator: IPAddress(v4: 0x0a32_020a), initiatorPort: 40000, responder: IPAddress(v4: 0x0a32_0b0a),
      responderPort: 502, transport: .tcp, vlan: 13 << 12 | 10, initiatorBasis: .syn),
    initiatorMAC: MACAddress(value: 0x0242_ac00_0001), packetsFromInitiator: 4, bytesFromInitiator: 300,
    payloadBytesFromInitiator: 24, packetsFromResponder: 3, bytesFromResponder: 250, payloadBytesFromResponder: 19,
    firstSeen: CaptureTimestamp(nanoseconds: 1_000), lastSeen: CaptureTimestamp(nanoseconds: 9_000),
    firstPacketNumber: 7, tcp: TCPFlowState(), annotations: ["protocol": "modbus"])

  @Test func jsonIsOneFlatObject() throws {
    let data = try DeterministicJSON.data(Self.record)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "flowID", "initiator", "initiatorPort", "responder", "responderPort", "transport", "vlan", "initiatorBasis",
        "initiatorMAC", "packetsFromInitiator", "bytesFromInitiator", "payloadBytesFromInitiator",
        "packetsFromResponder", "bytesFromResponder", "payloadBytesFromResponder", "firstSeen", "lastSeen",
        "firstFileIndex", "firstPacketNumber", "tcp", "endReason", "annotations",
      ])
    #expect(object["initiatorPort"] as? Int == 40000)
    #expect(object["responderMAC"] == nil)
  }

  @Test func decodesWhatItEncodes() throws {
    let data = try DeterministicJSON.data(Self.record)
    let decoded = try JSONDecoder().decode(FlowRecord.self, from: data)
    #expect(decoded == Self.record)
    #expect(decoded.initiator == Self.record.identity.initiator)
    #expect(decoded.vlanIDs == [13, 10])
  }
}
