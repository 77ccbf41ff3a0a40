import BulkheadCapture

/// Frames TPKT (RFC 1006 §6) and COTP (ISO 8073 §13) once and hands each TPDU's user data to the payload parser that
/// recognises it. The first recognised payload decides what the flow carries; a different payload later on the same
/// connection is a violation, not a second protocol.
struct ISOTransportParser: FrameParser {
  var direction = FlowDirection.initiatorToResponder
  var packet = 0
  var violations = ViolationLog()
  /// What the flow carries, once recognised.
  private(set) var carried: ISOPayload?
  private var s7 = S7commParser()
  private var mms = MMSParser()
  private var rdp = RDPNegotiation()
  /// TPDUs by code, reported while the payload is not recognised.
  private var tpdus = OperationCounter()
  /// A TSDU split over several DT TPDUs (EOT clear, ISO 8073 §13.7.3), per direction, until its last one arrives.
  private var segments: [[UInt8]] = [[], []]
  /// The longest TSDU reassembled; beyond it the segments are dropped with a violation.
  static let maximumTSDU = 1 << 20

  /// RFC 1006 §6: version 3, reserved 0, total length including the 4-byte header.
  func measure(_ header: UnsafeRawBufferPointer) -> FrameMeasure {
    guard let version = header.u8(0), let length = header.u16be(2) else { return .invalid("short TPKT header") }
    guard version == 3 else {
      // After the X.224 exchange an RDP connection continues in TLS (or CredSSP over TLS) records, or in fast-path
      // PDUs, neither framed by TPKT (MS-RDPBCGR §5.4.5.1, §2.2.9.1.2): the rest is RDP's, not lost framing.
      if carried == .rdp { return .handedOver }
      return .invalid("TPKT version \(version), expected 3")
    }
    return .length(Int(length))
  }

  mutating func framingLost(_ why: String) {
    violations.record("cotp.framing", why, packet: packet, direction: direction)
  }

  mutating func frame(_ frame: UnsafeRawBufferPointer) {
    // ISO 8073 §13.2: length indicator (header bytes after itself), then the TPDU code in the high nibble.
    guard let indicator = frame.u8(4), let code = frame.u8(5), let header = frame.slice(4, 1 + Int(indicator)) else {
      violations.record("cotp.header", "COTP header longer than its TPKT", packet: packet, direction: direction)
      return
    }
    let tpdu = code & 0xF0
    let userData = frame.suffix(from: 5 + Int(indicator))
    // TPDUs are reported only for a flow whose payload is never recognised, so they are counted only until it is.
    if carried == nil { tpdus.count(UInt32(tpdu), direction == .initiatorToResponder ? .request : .response) }
    switch tpdu {
    case COTPTPDU.connectionRequest, COTPTPDU.connectionConfirm:
      // RDP's negotiation rides in the CR/CC's variable part (MS-RDPBCGR §2.2.1.1, §2.2.1.2).
      if carried == nil || carried == .rdp, rdp.connection(header, request: tpdu == COTPTPDU.connectionRequest) {
        carried = .rdp
      }
    case COTPTPDU.data where header.u8(2).map({ $0 & 0x80 == 0 }) == true || !segments[side].isEmpty:
      reassemble(userData, last: header.u8(2).map { $0 & 0x80 != 0 } ?? true)
    case COTPTPDU.data where carried == .s7comm:
      // The common case, kept inline: a DT on an S7comm connection.
      s7.direction = direction
      s7.packet = packet
      s7.pdu(userData)
    case COTPTPDU.data:
      data(userData)
    default:
      break
    }
  }

  /// Index of the current direction's reassembly buffer.
  private var side: Int { direction == .initiatorToResponder ? 0 : 1 }

  /// Collects the DT TPDUs of one TSDU and parses it once the last (EOT set) arrives.
  private mutating func reassemble(_ userData: UnsafeRawBufferPointer, last: Bool) {
    let index = side
    guard segments[index].count + userData.count <= Self.maximumTSDU else {
      violations.record(
        "cotp.segments", "TSDU longer than \(Self.maximumTSDU) bytes", packet: packet, direction: direction)
      segments[index].removeAll()
      return
    }
    segments[index].append(contentsOf: userData)
    guard last else { return }
    let tsdu = segments[index]
    segments[index].removeAll(keepingCapacity: true)
    tsdu.withUnsafeBytes { data($0) }
  }

  /// A gap loses the TSDU being reassembled in that direction.
  mutating func gap(direction: FlowDirection) {
    segments[direction == .initiatorToResponder ? 0 : 1].removeAll()
  }

  /// DT user data: the payload parser of the flow, or the first one that recognises it.
  private mutating func data(_ payload: UnsafeRawBufferPointer) {
    guard !payload.isEmpty else { return }
    switch carried {
    case .s7comm:
      s7.direction = direction
      s7.packet = packet
      s7.pdu(payload)
    case .mms:
      mms.direction = direction
      mms.packet = packet
      mms.pdu(payload)
    case .rdp:
      rdp.data(payload)
    case nil:
      if S7commParser.recognises(payload) {
        carried = .s7comm
        s7.direction = direction
        s7.packet = packet
        s7.pdu(payload)
      } else if MMSParser.recognises(payload) {
        carried = .mms
        mms.direction = direction
        mms.packet = packet
        mms.pdu(payload)
      }
    }
  }

  func observation() -> ProtocolObservation {
    switch carried {
    case .s7comm:
      return s7.observation(transport: violations)
    case .mms:
      return mms.observation(transport: violations)
    case .rdp:
      return rdp.observation(transport: violations)
    case nil:
      return ProtocolObservation(
        protocolID: .cotp, pduCount: tpdus.total, operations: tpdus.tallies(COTPTPDU.describe),
        violations: violations.kept, violationCount: violations.count)
    }
  }
}
