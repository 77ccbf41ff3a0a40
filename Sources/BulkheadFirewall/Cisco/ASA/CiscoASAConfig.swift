import BulkheadModel

/// A Cisco ASA configuration as typed structures: what the reader took from the command tree, before lowering.
///
/// Objects keep their lines so the lowering can cite `object-group network OT-PLCs`; access-list entries keep their
/// line and text, which become the IR rule's provenance.
struct CiscoASAConfig {
  /// One `interface` with its `nameif` and `security-level`.
  struct Interface {
    var name: String
    var line: Int
    var nameif: String?
    /// `security-level N`; the ASA's default is 0, or 100 for an interface named `inside`.
    var securityLevel: Int?
    var securityLevelLine: Int?
    var shutdown = false
    /// `management-only`: the interface takes traffic to the device only, never through it.
    var managementOnly = false
    var addresses: [IPAddress] = []

    /// The effective security level.
    var level: Int { securityLevel ?? (nameif?.lowercased() == "inside" ? 100 : 0) }
  }

  /// An address as an access list or a group names it.
  enum Address: Equatable {
    /// `any` (IPv4 and IPv6), `any4`, `any6`.
    case any(IPAddress.Family?)
    case ranges([AddressRange])
    /// `object NAME`.
    case object(String)
    /// `object-group NAME`.
    case group(String)
    /// `interface NAME`: the addresses of that interface.
    case interface(String)
  }

  /// One way a service matches (shared with the other Cisco platform).
  typealias Service = CiscoService

  /// `object network NAME`.
  struct NetworkObject {
    var name: String
    var line: Int
    /// The addresses; `nil` with a reason when they are not in the configuration (`fqdn`).
    var ranges: [AddressRange]?
    var unmodeled: String?
  }

  /// A member of an `object-group network`.
  enum NetworkMember {
    case ranges([AddressRange])
    case object(String)
    case group(String)
  }

  /// A member of a service, protocol or ICMP group.
  enum ServiceMember {
    case services([Service])
    /// `port-object`: ports of the group's protocol (`tcp`, `udp`, `tcp-udp`).
    case ports([PortRange])
    case object(String)
    case group(String)
  }

  /// `object-group KIND NAME [tcp|udp|tcp-udp]`.
  struct Group {
    enum Kind: String {
      case network, service, `protocol`
      case icmpType = "icmp-type"
    }
    var kind: Kind
    var name: String
    var line: Int
    /// The protocols of `port-object` members (`object-group service NAME tcp-udp`: 6 and 17); empty otherwise.
    var portProtocols: [UInt8] = []
    var networks: [NetworkMember] = []
    var services: [ServiceMember] = []
  }

  /// `object service NAME`.
  struct ServiceObject {
    var name: String
    var line: Int
    var services: [Service]
  }

  /// The protocol field of an access-list entry.
  enum ProtocolField {
    /// `ip`, a name or a number.
    case number(UInt8?)
    /// `object-group NAME` (a protocol or service group) or `object NAME` (a service object).
    case group(String)
    case object(String)
  }

  /// A port field: ports, or `object-group NAME` (a service group of port-objects).
  typealias PortField = CiscoPortField

  /// One `access-list NAME extended …` entry.
  struct Entry {
    var acl: String
    var line: Int
    var text: String
    var permit: Bool
    var proto: ProtocolField
    var source: Address
    var sourcePorts: PortField?
    var destination: Address
    var destinationPorts: PortField?
    /// ICMP type and code, or `object-group NAME` of ICMP types.
    var icmpType: UInt8?
    var icmpCode: UInt8?
    var icmpGroup: String?
    var inactive = false
    var timeRange: String?
    /// Conditions that are not packet headers (users, security groups), with the words that state them.
    var unmodeled: [String] = []
    /// The remarks written just before it.
    var remarks: [String] = []
  }

  /// `access-group ACL in|out interface NAME` or `access-group ACL global`.
  struct AccessGroup {
    enum Direction: String {
      case `in`, out, global
    }
    var acl: String
    var direction: Direction
    /// The `nameif`; `nil` for a global access group.
    var interface: String?
    var line: Int
  }

  /// A NAT rule (object NAT inside `object network`, or twice NAT `nat (real,mapped) source …`).
  struct NAT {
    var kind: AddressTranslation.Kind
    var original: [AddressRange]
    var translated: [AddressRange]
    var interface: String?
    var line: Int
    var text: String
  }

  var interfaces: [Interface] = []
  var networkObjects: [String: NetworkObject] = [:]
  var serviceObjects: [String: ServiceObject] = [:]
  var groups: [String: Group] = [:]
  /// `name ADDRESS NAME`: an alias an access list may use for an address.
  var names: [String: IPAddress] = [:]
  var timeRanges: [String: Int] = [:]
  /// Access-list entries per list, in order; the line of each list's first entry.
  var entries: [String: [Entry]] = [:]
  var aclLines: [String: Int] = [:]
  var aclOrder: [String] = []
  var accessGroups: [AccessGroup] = []
  var sameSecurityInterLine: Int?
  var sameSecurityIntraLine: Int?
  var nat: [NAT] = []
}
