import BulkheadModel

/// The canonical bidirectional key of a flow: the lower (address, port) endpoint first, plus transport and VLAN.
///
/// Both directions of a conversation produce the same key; a plain-old-data struct so hashing and comparing it is a
/// handful of integer operations.
struct FlowKey: Equatable {
  var aHigh: UInt64
  var aLow: UInt64
  var bHigh: UInt64
  var bLow: UInt64
  var aPort: UInt16
  var bPort: UInt16
  var transport: UInt8
  var family: UInt8
  var vlan: UInt32

  /// A well-mixed 64-bit hash (multiply-xorshift, after splitmix64's finaliser).
  @inline(__always) var hash: UInt64 {
    var h = aLow &* 0x9e37_79b9_7f4a_7c15
    h ^= bLow &* 0xc2b2_ae3d_27d4_eb4f
    h ^= (aHigh ^ (bHigh << 1 | bHigh >> 63)) &* 0x1656_67b1_9e37_79f9
    h ^= UInt64(aPort) << 48 | UInt64(bPort) << 32 | UInt64(transport) << 24 | UInt64(vlan)
    h = (h ^ (h >> 31)) &* 0xbf58_476d_1ce4_e5b9
    h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
    return h ^ (h >> 31)
  }

  /// The hash that decides which ``CaptureShard`` owns the flow (the same value ``ShardPrefilter`` reads from a
  /// frame; VLANs left out, so the shortcut need not parse them).
  @inline(__always) var shardHash: UInt64 {
    ShardPrefilter.hash(lowXor: aLow ^ bLow, highXor: aHigh ^ bHigh, portXor: aPort ^ bPort, transport: transport)
  }

  @inline(__always) static func == (lhs: FlowKey, rhs: FlowKey) -> Bool {
    lhs.aLow == rhs.aLow && lhs.bLow == rhs.bLow && lhs.aPort == rhs.aPort && lhs.bPort == rhs.bPort
      && lhs.aHigh == rhs.aHigh && lhs.bHigh == rhs.bHigh && lhs.transport == rhs.transport
      && lhs.family == rhs.family && lhs.vlan == rhs.vlan
  }

  /// Side A's address (`a`) or side B's, as an ``IPAddress`` of the key's family.
  @inline(__always) func address(a: Bool) -> IPAddress {
    let high = a ? aHigh : bHigh
    let low = a ? aLow : bLow
    return family == 4 ? IPAddress(v4: UInt32(truncatingIfNeeded: low)) : IPAddress(v6High: high, low: low)
  }

  /// The flow's identity with side A as the initiator (`initiatorIsA`) or side B.
  func identity(flowID: Int, initiatorIsA a: Bool, vlan: UInt32, basis: InitiatorBasis) -> FlowIdentity {
    FlowIdentity(
      flowID: flowID, initiator: address(a: a), initiatorPort: a ? aPort : bPort, responder: address(a: !a),
      responderPort: a ? bPort : aPort, transport: TransportProtocol(number: transport), vlan: vlan,
      initiatorBasis: basis)
  }
}
