import BulkheadModel

/// The plain input of the zone matrix: zones with their networks, and the firewalls between them.
///
/// The model loader fills this from `bulkhead.yaml`; tests build it by hand.
public struct ZoneTopology: Sendable {
  /// Zone id → the networks that make up the zone.
  public var zones: [String: [IPNetwork]]
  /// The firewalls.
  public var firewalls: [PlacedFirewall]

  /// Creates a topology.
  public init(zones: [String: [IPNetwork]], firewalls: [PlacedFirewall]) {
    self.zones = zones
    self.firewalls = firewalls
  }

  /// The firewalls a packet from `source` to `destination` crosses, with the interfaces it enters and leaves by.
  ///
  /// A firewall is on the path when it faces both zones through different interfaces; firewalls in sequence all
  /// see the packet (addresses are unchanged: NAT is not modeled).
  public func path(from source: String, to destination: String) -> [(firewall: Int, in: [String], out: [String])] {
    var hops: [(firewall: Int, in: [String], out: [String])] = []
    for (index, fw) in firewalls.enumerated() {
      let ins = fw.interfaces(facing: source)
      let outs = fw.interfaces(facing: destination)
      guard !ins.isEmpty, !outs.isEmpty, Set(ins) != Set(outs) else { continue }
      hops.append((index, ins, outs))
    }
    return hops
  }
}
