import BulkheadCapture
import BulkheadDissect
import BulkheadModel

/// Everything one capture file (or one live flush) adds to the store, aggregated per hour bucket; written in one
/// transaction, so the store holds all of it or none.
public struct ObservationBatch: Sendable {
  /// How many malformed PDUs a flow row keeps in full (all are counted).
  public static let violationLimit = 16

  /// Flows by key.
  public var flows: [FlowBucketKey: FlowBucketCounts] = [:]
  /// Hosts by bucket, capture point, address and MAC: first and last seen.
  public var hosts: [HostBucketKey: ClosedRange<Double>] = [:]
  /// Packets read.
  public var packets = 0
  /// IEEE OUI vendors of MACs the capture's asset view named.
  public var vendors: [MACAddress: String] = [:]

  /// An empty batch.
  public init() {}

  /// Flows, packets and bytes over every row.
  public var totals: (flows: Int, packets: Int, bytes: Int) {
    var totals = (flows: 0, packets: 0, bytes: 0)
    for counts in flows.values {
      totals.flows += counts.flows
      totals.packets += counts.packets
      totals.bytes += counts.bytes
    }
    return totals
  }

  /// The time span of the batch's flows.
  public var span: ClosedRange<Double>? {
    var start = Double.infinity
    var end = -Double.infinity
    for counts in flows.values {
      start = min(start, counts.firstSeen)
      end = max(end, counts.lastSeen)
    }
    return start <= end ? start...end : nil
  }

  /// Adds a flow's counts under its key.
  public mutating func add(_ key: FlowBucketKey, _ counts: FlowBucketCounts) {
    flows[key, default: FlowBucketCounts()].add(counts)
  }

  /// Notes a host seen from `first` to `last`.
  public mutating func note(host key: HostBucketKey, first: Double, last: Double) {
    if let known = hosts[key] {
      hosts[key] = min(known.lowerBound, first)...max(known.upperBound, last)
    } else {
      hosts[key] = min(first, last)...max(first, last)
    }
  }

  /// Adds one finished flow as the flow table and the dissectors saw it, the way the assessment reads a capture:
  /// a dissector match without one whole PDU is no protocol, a dissector that saw requests go the other way swaps
  /// the ends, and operations count requests (responses only for unsolicited data).
  public mutating func add(
    _ flow: FlowRecord, observation observed: ProtocolObservation?, file: String, capturePoint: String
  ) {
    let observation = observed.flatMap { $0.pduCount > 0 ? $0 : nil }
    var initiator = flow.initiator
    var responder = flow.responder
    var initiatorPort = flow.initiatorPort
    var responderPort = flow.responderPort
    var initiatorMAC = flow.initiatorMAC
    var responderMAC = flow.responderMAC
    var counts = FlowBucketCounts()
    counts.packetsFromInitiator = Int(flow.packetsFromInitiator)
    counts.packetsFromResponder = Int(flow.packetsFromResponder)
    counts.bytesFromInitiator = Int(flow.bytesFromInitiator)
    counts.bytesFromResponder = Int(flow.bytesFromResponder)
    if observation?.rolesReversed == true {
      swap(&initiator, &responder)
      swap(&initiatorPort, &responderPort)
      swap(&initiatorMAC, &responderMAC)
      swap(&counts.packetsFromInitiator, &counts.packetsFromResponder)
      swap(&counts.bytesFromInitiator, &counts.bytesFromResponder)
    }
    let answered: Bool
    if let tcp = flow.tcp {
      answered = tcp.synAckSeen || tcp.handshakeCompleted || flow.packetsFromResponder > 0
    } else {
      answered = flow.packetsFromResponder > 0
    }
    counts.flows = 1
    counts.firstSeen = flow.firstSeen.seconds
    counts.lastSeen = flow.lastSeen.seconds
    counts.firstFile = file
    counts.firstPacket = flow.firstPacketNumber
    counts.initiatorPort = initiatorPort
    if let observation {
      for tally in observation.operations where tally.requests + tally.responses > 0 {
        let count = tally.requests > 0 ? tally.requests : tally.responses
        let operation = FlowBucketCounts.Operation(
          name: tally.name, operationClass: tally.operationClass.rawValue)
        counts.operations[operation, default: 0] += count
      }
      for identity in observation.identities {
        counts.identities.insert(
          FlowBucketCounts.Identity(
            source: identity.source, vendor: identity.vendor ?? "", product: identity.product ?? "",
            serial: identity.serial ?? "", firmware: identity.firmware ?? "", model: identity.model ?? ""))
      }
      counts.violationCount = observation.violationCount
      for violation in observation.violations.prefix(Self.violationLimit) {
        counts.violations.append(
          FlowBucketCounts.Violation(
            file: file, packet: violation.packet, code: violation.code, message: violation.message))
      }
      counts.securityPolicy = observation.security.policy ?? ""
      counts.userIdentity = observation.security.userIdentity ?? ""
    }
    let key = FlowBucketKey(
      bucket: FlowBucketKey.bucket(of: counts.firstSeen), capturePoint: capturePoint, initiator: initiator,
      responder: responder, responderPort: flow.transport.hasPorts ? responderPort : 0,
      transport: flow.transport.number, vlan: flow.vlan, application: observation?.protocolID.rawValue ?? "",
      securityMode: observation?.security.mode ?? "",
      authenticated: observation.map { Self.flag($0.security.authenticated) } ?? -1,
      encrypted: observation.map { Self.flag($0.security.encrypted) } ?? -1, answered: answered,
      initiatorCertain: flow.initiatorBasis != .portHeuristic)
    add(key, counts)
    // Hosts that demonstrably sent traffic: the initiator, and the responder when it answered.
    let bucket = key.bucket
    note(
      host: HostBucketKey(bucket: bucket, capturePoint: capturePoint, address: initiator, mac: initiatorMAC),
      first: counts.firstSeen, last: counts.lastSeen)
    if answered {
      note(
        host: HostBucketKey(bucket: bucket, capturePoint: capturePoint, address: responder, mac: responderMAC),
        first: counts.firstSeen, last: counts.lastSeen)
    }
  }

  private static func flag(_ value: BulkheadDissect.ObservedAnswer) -> Int8 {
    switch value {
    case .yes: 1
    case .no: 0
    case .unknown: -1
    }
  }
}
