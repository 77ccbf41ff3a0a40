/// The live counters of one flow in the flow table, as plain data (no references, so the table moves it freely).
///
/// "A" and "B" are the key's canonical endpoints; `initiatorIsA` maps them to initiator and responder.
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

  var key: FlowKey
  var hash: UInt64
  var id: Int
  var firstSeen: Int64
  var lastSeen: Int64
  var packetsA: UInt64 = 0
  var packetsB: UInt64 = 0
  var bytesA: UInt64 = 0
  var bytesB: UInt64 = 0
  var payloadA: UInt64 = 0
  var payloadB: UInt64 = 0
  var macA: UInt64 = 0
  var macB: UInt64 = 0
  var baseSeqA: UInt32 = 0
  var baseSeqB: UInt32 = 0
  var bits: UInt16 = 0
  var initiatorIsA = true
  var basis: InitiatorBasis = .firstPacket
  var firstFile: Int32 = 0
  var firstPacket: Int = 0
  /// Index of the flow's payload stream in the session's stream list, or -1 when no consumer wanted it.
  var stream: Int32 = -1
  var live = true
}
