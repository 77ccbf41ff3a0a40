import BulkheadModel

/// A FortiOS configuration as typed structures: what the reader took from the syntax tree, before lowering.
///
/// One ``VDOM`` per virtual domain (a configuration without VDOMs has one, `root`); each holds the objects its
/// policies name. Everything refers to its line, so the lowering can cite `firewall addrgrp OT-PLCs` at its line.
struct FortiGateConfig {
  /// One IPv4 address object (`firewall address`), a VIP used as a destination, or a predefined name.
  struct Address {
    enum Value {
      /// The addresses it covers (a subnet, an iprange, `all`).
      case ranges([AddressRange])
      /// A kind whose addresses are not in the configuration (fqdn, geography, dynamic): not modeled.
      case unmodeled(String)
    }
    var name: String
    var value: Value
    var line: Int
    /// How evidence names it: `address OT-PLC-1`, `vip WEB`.
    var kind: String = "address"
  }

  /// One address group (`firewall addrgrp`), possibly excluding members.
  struct AddressGroup {
    var name: String
    var members: [String]
    var excluded: [String]
    var line: Int
  }

  /// One way a service matches (a service object may list several).
  enum ServiceEntry: Hashable {
    /// TCP (6), UDP (17) or SCTP (132) with destination and source port ranges (empty: any).
    case ports(UInt8, destination: [PortRange], source: [PortRange])
    /// ICMP or ICMPv6 with an optional type and code.
    case icmp(IPAddress.Family, type: UInt8?, code: UInt8?)
    /// An IP protocol number; `nil` is every protocol (`protocol IP` with number 0, the `ALL` service).
    case ip(UInt8?)
  }

  /// One service (`firewall service custom`), or a predefined one.
  struct Service {
    var name: String
    var entries: [ServiceEntry]
    /// Why its packets cannot be stated exactly (an explicit-proxy protocol, an address-restricted service).
    var unmodeled: String?
    var line: Int
  }

  /// One service group (`firewall service group`).
  struct ServiceGroup {
    var name: String
    var members: [String]
    var line: Int
  }

  /// A zone (`system zone`): interfaces a policy names together.
  struct Zone {
    var name: String
    var interfaces: [String]
    /// `set intrazone allow`: traffic between two member interfaces passes without a policy (FortiOS default deny).
    var intrazoneAllow: Bool
    var line: Int
  }

  /// One firewall policy (`firewall policy`, `edit ID`).
  struct Policy {
    enum Action: String {
      case accept, deny, ipsec
    }
    var id: String
    var name: String?
    var line: Int
    var sourceInterfaces: [String] = []
    var destinationInterfaces: [String] = []
    var sourceAddresses: [String] = []
    var destinationAddresses: [String] = []
    /// IPv6 addresses (`srcaddr6`/`dstaddr6`, FortiOS 6.4+ consolidated policies): the policy matches IPv6 packets
    /// when both are set, IPv4 packets when `srcaddr` and `dstaddr` are.
    var sourceAddresses6: [String] = []
    var destinationAddresses6: [String] = []
    var sourceNegated = false
    var destinationNegated = false
    var services: [String] = []
    var servicesNegated = false
    /// FortiOS's default action is deny.
    var action: Action = .deny
    var enabled = true
    var schedule = "always"
    /// Conditions the reader could not state as packet sets (users, internet services, applications), with lines.
    var unmodeled: [(what: String, line: Int)] = []
    /// The lines of the policy, for its provenance text.
    var lines: [String] = []
  }

  /// A virtual IP (`firewall vip`): destination NAT.
  struct VirtualIP {
    var name: String
    var external: [AddressRange]
    var mapped: [AddressRange]
    var interface: String?
    var line: Int
  }

  /// One virtual domain: its interfaces, objects and ordered policies.
  struct VDOM {
    var name: String
    var interfaces: [String] = []
    var zones: [String: Zone] = [:]
    var addresses: [String: Address] = [:]
    var groups: [String: AddressGroup] = [:]
    var addresses6: [String: Address] = [:]
    var groups6: [String: AddressGroup] = [:]
    var services: [String: Service] = [:]
    var serviceGroups: [String: ServiceGroup] = [:]
    var policies: [Policy] = []
    var virtualIPs: [String: VirtualIP] = [:]
    /// The line of `config firewall policy`, where the implicit rules are cited.
    var policyLine = 0
    /// Whether a separate IPv6 policy list (`firewall policy6`) exists: it is not modeled, so IPv6 is then allowed.
    var hasIPv6Policy = false
  }

  var vdoms: [VDOM] = []
  /// Whether the configuration declares VDOMs (`config vdom`): each then sees only its own interfaces.
  var multiVDOM = false
}
