import BulkheadCapture

/// One dissector as a ``DissectorConsumer`` tries it: the type, with its transports and ports flattened once into
/// plain values, so the per-flow signature check neither hashes nor touches a reference count.
struct DissectorCandidate {
  let type: any Dissector.Type
  /// The handler class for a flow this dissector claims.
  let handlerType: any DissectingHandler.Type
  let overTCP: Bool
  let overUDP: Bool
  /// The first four well-known ports (0 = none); a protocol with more is looked up in its set.
  private let ports: SIMD4<UInt16>
  private let morePorts: Bool

  init(_ type: any Dissector.Type) {
    self.type = type
    handlerType = type.handlerType
    overTCP = type.transports.contains(.tcp)
    overUDP = type.transports.contains(.udp)
    let sorted = type.wellKnownPorts.sorted()
    var ports = SIMD4<UInt16>(repeating: 0)
    for (index, port) in sorted.prefix(4).enumerated() { ports[index] = port }
    self.ports = ports
    morePorts = sorted.count > 4 || sorted.contains(0)
  }

  @inline(__always) func servesPort(_ port: UInt16) -> Bool {
    if morePorts { return type.wellKnownPorts.contains(port) }
    return port != 0 && any(ports .== SIMD4(repeating: port))
  }
}

/// A dissector list split by transport once, so screening a TCP or UDP payload walks only the dissectors that run
/// over it (every DNS and NTP datagram of a plant is screened a few times before it is given up).
struct DissectorCandidates {
  private let all: [DissectorCandidate]
  private let overTCP: [DissectorCandidate]
  private let overUDP: [DissectorCandidate]

  /// The candidates for `dissectors`, tried by signature priority (whatever order the list has).
  init(_ dissectors: [any Dissector.Type]) {
    all = DissectorRegistry.byPriority(dissectors).map(DissectorCandidate.init)
    overTCP = all.filter(\.overTCP)
    overUDP = all.filter(\.overUDP)
  }

  /// The candidate whose signature matches a flow's first payload, on any port: when several match, one whose
  /// well-known ports include `responderPort` wins, otherwise the one with the highest signature priority.
  func select(_ bytes: UnsafeRawBufferPointer, transport: TransportProtocol, responderPort: UInt16)
    -> DissectorCandidate?
  {
    let candidates: [DissectorCandidate]
    switch transport {
    case .tcp: candidates = overTCP
    case .udp: candidates = overUDP
    default: candidates = all.filter { $0.type.transports.contains(transport) }
    }
    var first: DissectorCandidate?
    for candidate in candidates {
      guard candidate.type.matches(bytes, transport: transport) else { continue }
      if candidate.servesPort(responderPort) { return candidate }
      if first == nil { first = candidate }
    }
    return first
  }
}
