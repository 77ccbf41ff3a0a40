import BulkheadCapture

/// Every dissector Bulkhead knows, and how a flow picks one by content.
public enum DissectorRegistry {
  /// All dissectors, one line each, most specific signature first (Modbus's signature is the weakest, so last).
  public static let all: [any Dissector.Type] = [
    DNP3Dissector.self,
    OPCUADissector.self,
    S7commDissector.self,
    ENIPDissector.self,
    ModbusDissector.self,
  ]

  /// The dissector with an identifier.
  public static func dissector(for id: ProtocolID) -> (any Dissector.Type)? {
    all.first { $0.id == id }
  }

  /// Picks the dissector whose signature matches a flow's first payload, on any port.
  ///
  /// When several signatures match, one whose well-known ports include `responderPort` wins; otherwise the most
  /// specific (earliest in ``all``).
  public static func select(
    firstPayload: UnsafeRawBufferPointer, transport: TransportProtocol, responderPort: UInt16
  ) -> (any Dissector.Type)? {
    candidates.select(firstPayload, transport: transport, responderPort: responderPort)?.type
  }

  /// ``all``, flattened for the signature check.
  private static let candidates = DissectorCandidates(all)

  /// Array convenience for ``select(firstPayload:transport:responderPort:)``.
  public static func select(
    firstPayload: [UInt8], transport: TransportProtocol, responderPort: UInt16
  ) -> (any Dissector.Type)? {
    firstPayload.withUnsafeBytes { select(firstPayload: $0, transport: transport, responderPort: responderPort) }
  }
}
