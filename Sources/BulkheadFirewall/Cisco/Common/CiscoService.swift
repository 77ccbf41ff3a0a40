import BulkheadModel

/// One way a Cisco access-list entry or service object matches traffic: a protocol (`nil`: every protocol), ports,
/// ICMP type and code. The ASA and IOS readers both produce it.
struct CiscoService: Hashable {
  var proto: UInt8?
  var sourcePorts: [PortRange] = []
  var destinationPorts: [PortRange] = []
  var icmpType: UInt8? = nil
  var icmpCode: UInt8? = nil

  /// The IR matches of this service (none: any protocol); ICMP with a type matches the family of its protocol.
  var matches: [Match] {
    guard let proto else { return [] }
    if proto == 1 || proto == 58, let type = icmpType {
      return [.icmp(proto == 58 ? .v6 : .v4, types: [type], codes: icmpCode.map { [$0] }, negated: false)]
    }
    var m: [Match] = [.proto([proto], negated: false)]
    if !sourcePorts.isEmpty { m.append(.sourcePort(sourcePorts, negated: false)) }
    if !destinationPorts.isEmpty { m.append(.destinationPort(destinationPorts, negated: false)) }
    return m
  }
}
