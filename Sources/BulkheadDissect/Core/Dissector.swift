import BulkheadCapture

/// A stateful parser of one industrial protocol on one flow.
///
/// The flow table creates one value per flow after ``matches(_:transport:)`` accepted the flow's first payload, then
/// feeds every in-order payload chunk (TCP: reassembled stream bytes, any split; UDP: one datagram per call).
/// Dissectors never trap on input: malformed PDUs become ``ProtocolViolation``s in the observation.
public protocol Dissector: Sendable {
  /// The protocol's identifier, unique in ``DissectorRegistry``.
  static var id: ProtocolID { get }
  /// Every identifier this dissector's observations may carry (default: ``id``); a layered transport names a flow
  /// after what it carries (ISO transport: S7comm, S7comm-Plus, MMS, RDP).
  static var reportedIDs: [ProtocolID] { get }
  /// The protocols' names as a plant engineer writes them, for help texts, e.g. `Modbus/TCP`.
  static var displayName: String { get }
  /// How much a matching signature proves; decides between signatures that match the same payload.
  static var signaturePriority: SignaturePriority { get }
  /// Transports the protocol runs over.
  static var transports: Set<TransportProtocol> { get }
  /// Well-known responder ports, used only to break ties between matching signatures.
  static var wellKnownPorts: Set<UInt16> { get }
  /// Whether the first payload bytes of a flow (either direction) look like this protocol; cheap, no allocation.
  static func matches(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol) -> Bool

  /// Creates the state for a new flow.
  init(transport: TransportProtocol)
  /// Consumes the next in-order bytes of one direction; `packet` is the capture packet number that carried them.
  mutating func consume(_ bytes: UnsafeRawBufferPointer, direction: FlowDirection, packet: Int)
  /// Reports that bytes are missing in one direction before the next ``consume(_:direction:packet:)``.
  mutating func gap(direction: FlowDirection, packet: Int, length: Int)
  /// What the dissector saw so far.
  func observation() -> ProtocolObservation
  /// What the dissector saw, once the flow has ended; a flow's handler calls this where the dissector lives. It is
  /// `mutating` only for that reason: a non-mutating call on a class's stored property copies the whole dissector
  /// first. The default returns ``observation()``.
  mutating func finalObservation() -> ProtocolObservation
}

extension Dissector {
  public static var reportedIDs: [ProtocolID] { [id] }

  public mutating func finalObservation() -> ProtocolObservation { observation() }

  /// Consumes bytes from an array; a convenience for tests and tools.
  public mutating func consume(_ bytes: [UInt8], direction: FlowDirection, packet: Int) {
    bytes.withUnsafeBytes { consume($0, direction: direction, packet: packet) }
  }
}
