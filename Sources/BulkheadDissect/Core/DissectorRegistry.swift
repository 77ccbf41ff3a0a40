import BulkheadCapture

/// Every dissector Bulkhead knows, and how a flow picks one by content.
public enum DissectorRegistry {
  /// All dissectors, one line each, in the order their signatures are tried: by ``Dissector/signaturePriority``,
  /// highest first (the order written here does not matter).
  public static let all: [any Dissector.Type] = byPriority([
    BACnetDissector.self,
    DNP3Dissector.self,
    ENIPDissector.self,
    IEC104Dissector.self,
    ISOTransportDissector.self,
    ModbusDissector.self,
    MQTTDissector.self,
    OPCUADissector.self,
    SMBDissector.self,
    SSHDissector.self,
    TLSDissector.self,
  ])

  /// `dissectors` in the order their signatures are tried: highest priority first, ties (only between dissectors
  /// of different transports, see ``RegistryTests``) by identifier.
  static func byPriority(_ dissectors: [any Dissector.Type]) -> [any Dissector.Type] {
    dissectors.sorted {
      $0.signaturePriority != $1.signaturePriority
        ? $0.signaturePriority > $1.signaturePriority : $0.id < $1.id
    }
  }

  /// The dissector with an identifier (its own, or one its observations carry).
  public static func dissector(for id: ProtocolID) -> (any Dissector.Type)? {
    all.first { $0.id == id } ?? all.first { $0.reportedIDs.contains(id) }
  }

  /// Every protocol identifier a flow may be named with, sorted.
  public static var protocolIDs: [ProtocolID] { Set(all.flatMap { $0.reportedIDs }).sorted() }

  /// The protocols' names for help texts: "Modbus/TCP, DNP3, … and OPC UA".
  public static var displayNames: String {
    let names = all.map { $0.displayName }.sorted()
    guard names.count > 1, let last = names.last else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + last
  }

  /// Picks the dissector whose signature matches a flow's first payload, on any port.
  ///
  /// When several signatures match, one whose well-known ports include `responderPort` wins; otherwise the one with
  /// the highest ``Dissector/signaturePriority``.
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
