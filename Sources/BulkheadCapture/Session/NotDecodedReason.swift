/// Why a packet did not reach the flow table; every packet read is either in a flow or counted under one of these.
public enum NotDecodedReason: String, Hashable, Sendable, Codable, CaseIterable {
  /// The interface's link type has no decoder here (counted per interface as well).
  case unknownLinkType = "unknown-link-type"
  /// The packet names an interface the capture never described (pcapng).
  case unknownInterface = "unknown-interface"
  /// A non-IP frame: LLDP, PROFINET RT, GOOSE, STP, LLC and the like (its MAC addresses still count as assets).
  case nonIP = "non-ip"
  /// An ARP packet (used for MAC↔IP bindings, not a flow).
  case arp
  /// The captured bytes end inside a link, IP or transport header (snaplen cut, truncated file).
  case truncated
  /// An IP or transport header that contradicts itself (bad version, header length, total length).
  case malformed
  /// An IPv4/IPv6 fragment held for reassembly, or dropped when reassembly could not complete.
  case fragment
  /// A tunnel or encapsulation not decoded here (GRE, VXLAN, Geneve, ...); the outer flow is still counted when
  /// it is UDP.
  case unsupportedEncapsulation = "unsupported-encapsulation"

  /// The reason's counter in ``HotCounters``: the one mapping from reason to position.
  @inline(__always) var counterIndex: Int {
    switch self {
    case .unknownLinkType: 0
    case .unknownInterface: 1
    case .nonIP: 2
    case .arp: 3
    case .truncated: 4
    case .malformed: 5
    case .fragment: 6
    case .unsupportedEncapsulation: 7
    }
  }
}
