import BulkheadCapture
import BulkheadModel

/// One service between two hosts as the captures show it: every flow from `initiator` to `responder` on the same
/// transport, port and recognised application, whatever client port each used.
public struct SeenService: Hashable, Comparable, Sendable {
  /// The host that opened the flows.
  public var initiator: IPAddress
  /// The host they addressed.
  public var responder: IPAddress
  /// The transport.
  public var transport: TransportProtocol
  /// The service port (0 for transports without ports).
  public var port: UInt16
  /// The application protocol the dissectors recognised by content (`modbus`), nil when none was.
  public var application: String?

  /// Creates a service key.
  public init(
    initiator: IPAddress, responder: IPAddress, transport: TransportProtocol, port: UInt16, application: String?
  ) {
    self.initiator = initiator
    self.responder = responder
    self.transport = transport
    self.port = port
    self.application = application
  }

  /// The service as the transport and port (`tcp/502`, `icmp`).
  public var spec: String { transport.hasPorts ? "\(transport)/\(port)" : "\(transport)" }

  /// `modbus tcp/502`, or the spec alone when no protocol was recognised.
  public var label: String { application.map { "\($0) \(spec)" } ?? spec }

  public static func < (lhs: SeenService, rhs: SeenService) -> Bool {
    if lhs.initiator != rhs.initiator { return lhs.initiator < rhs.initiator }
    if lhs.responder != rhs.responder { return lhs.responder < rhs.responder }
    if lhs.transport.number != rhs.transport.number { return lhs.transport.number < rhs.transport.number }
    if lhs.port != rhs.port { return lhs.port < rhs.port }
    return (lhs.application ?? "") < (rhs.application ?? "")
  }
}
