/// The per-packet counters of one flow in the flow table, as plain data laid out in exactly two cache lines
/// (128 bytes, 128-byte aligned): the key and times in the first, the counters in the second.
///
/// "A" and "B" are the key's canonical endpoints; `initiatorIsA` maps them to initiator and responder. Fields only
/// needed when a flow starts or ends live in ``FlowColdState``.
struct FlowState {
  /// TCP and bookkeeping bits.
  enum Bit {
    static let syn: UInt16 = 1
    static let synAck: UInt16 = 2
    static let handshake: UInt16 = 4
    static let reset: UInt16 = 8
    static let finA: UInt16 = 16
    static let finB: UInt16 = 32
    static let baseA: UInt16 = 64
    static let baseB: UInt16 = 128
    static let macA: UInt16 = 256
    static let macB: UInt16 = 512
  }

  /// ``stream`` of a flow whose payload nobody wants.
  static let noStream: Int32 = -1
  /// ``stream`` of a datagram flow whose datagrams are being screened (see ``FlowPayloadConsumer/screensFlows``).
  static let screening: Int32 = -2

  var key: FlowKey
  /// Index of the flow's payload stream in the session's stream list, ``noStream`` when no consumer wanted it, or
  /// ``screening`` while a screening consumer has not yet decided on a datagram flow.
  var stream: Int32 = FlowState.noStream
  var lastSeen: Int64
  var firstSeen: Int64
  var packetsA: UInt64 = 0
  var packetsB: UInt64 = 0
  var bytesA: UInt64 = 0
  var bytesB: UInt64 = 0
  var payloadA: UInt64 = 0
  var payloadB: UInt64 = 0
  var baseSeqA: UInt32 = 0
  var baseSeqB: UInt32 = 0
  var bits: UInt16 = 0
  var initiatorIsA = true
  var basis: InitiatorBasis = .firstPacket
  var live = true

  init(key: FlowKey, time: Int64) {
    self.key = key
    lastSeen = time
    firstSeen = time
  }
}
