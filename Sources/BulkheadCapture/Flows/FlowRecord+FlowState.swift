import BulkheadModel

extension FlowRecord {
  /// The record of a finished flow from its table entry: the key's A and B sides mapped to initiator and responder.
  init(_ s: FlowState, _ c: FlowColdState, endReason reason: FlowEndReason) {
    let a = s.initiatorIsA
    var tcp: TCPFlowState?
    if s.key.transport == TransportProtocol.tcpNumber {
      var t = TCPFlowState()
      t.synSeen = s.bits & FlowState.Bit.syn != 0
      t.synAckSeen = s.bits & FlowState.Bit.synAck != 0
      t.handshakeCompleted = s.bits & FlowState.Bit.handshake != 0
      t.reset = s.bits & FlowState.Bit.reset != 0
      let finA = s.bits & FlowState.Bit.finA != 0
      let finB = s.bits & FlowState.Bit.finB != 0
      t.finFromInitiator = a ? finA : finB
      t.finFromResponder = a ? finB : finA
      tcp = t
    }
    let macA: MACAddress? = s.bits & FlowState.Bit.macA != 0 ? MACAddress(value: c.macA) : nil
    let macB: MACAddress? = s.bits & FlowState.Bit.macB != 0 ? MACAddress(value: c.macB) : nil
    self.init(
      identity: s.key.identity(flowID: c.id, initiatorIsA: a, vlan: c.vlan, basis: s.basis),
      initiatorMAC: a ? macA : macB, responderMAC: a ? macB : macA,
      packetsFromInitiator: a ? s.packetsA : s.packetsB, bytesFromInitiator: a ? s.bytesA : s.bytesB,
      payloadBytesFromInitiator: a ? s.payloadA : s.payloadB, packetsFromResponder: a ? s.packetsB : s.packetsA,
      bytesFromResponder: a ? s.bytesB : s.bytesA, payloadBytesFromResponder: a ? s.payloadB : s.payloadA,
      firstSeen: CaptureTimestamp(nanoseconds: s.firstSeen), lastSeen: CaptureTimestamp(nanoseconds: s.lastSeen),
      firstFileIndex: Int(c.firstFile), firstPacketNumber: c.firstPacket, tcp: tcp, endReason: reason)
  }
}
