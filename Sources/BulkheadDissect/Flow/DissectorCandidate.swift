import BulkheadCapture

/// One dissector as a ``DissectorConsumer`` tries it: the type, with its transports and ports flattened once so the
/// per-flow signature check does no set hashing.
struct DissectorCandidate {
  let type: any Dissector.Type
  let overTCP: Bool
  let overUDP: Bool
  /// The well-known ports, few per protocol.
  let ports: [UInt16]

  init(_ type: any Dissector.Type) {
    self.type = type
    overTCP = type.transports.contains(.tcp)
    overUDP = type.transports.contains(.udp)
    ports = type.wellKnownPorts.sorted()
  }

  @inline(__always) func runs(over transport: TransportProtocol) -> Bool {
    switch transport {
    case .tcp: overTCP
    case .udp: overUDP
    default: type.transports.contains(transport)
    }
  }

  @inline(__always) func servesPort(_ port: UInt16) -> Bool { ports.contains(port) }
}
