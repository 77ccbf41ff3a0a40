import BulkheadModel

/// A Cisco IOS / IOS-XE configuration as typed structures: access lists, object groups, interfaces and their
/// access groups, and the zone-based firewall (zones, zone pairs, inspect class and policy maps).
struct CiscoIOSConfig {
  /// One `interface`.
  struct Interface {
    var name: String
    var line: Int
    /// `ip access-group ACL in|out` and `ipv6 traffic-filter ACL in|out`, with their lines.
    var accessGroups: [AccessGroup] = []
    /// `zone-member security ZONE`.
    var zone: String?
    var zoneLine: Int?
    var shutdown = false
  }

  /// An access list applied to an interface.
  struct AccessGroup {
    var acl: String
    var inbound: Bool
    var family: IPAddress.Family
    var line: Int
  }

  /// An address as an access-list entry or a network group names it.
  enum Address {
    case any
    case ranges([AddressRange])
    /// `object-group NAME` (a network group; XR `net-group`, NX-OS `addrgroup`).
    case group(String)
  }

  /// One way a service matches (shared with the other Cisco platform).
  typealias Service = CiscoService

  /// The protocol field of an extended entry: a protocol (`nil`: `ip`/`ipv6`), or a protocol or service group.
  enum ProtocolField {
    case number(UInt8?)
    case group(String)
  }

  /// A port field: ports, or a port group (`portgroup`, `port-group`).
  typealias PortField = CiscoPortField

  /// One access-list entry (`permit`/`deny`), or a reflexive `evaluate NAME`.
  struct Entry {
    var acl: String
    var line: Int
    var text: String
    var permit: Bool
    var proto: ProtocolField = .number(nil)
    var source: Address = .any
    var sourcePorts: PortField? = nil
    var destination: Address = .any
    var destinationPorts: PortField? = nil
    var icmpType: UInt8? = nil
    var icmpCode: UInt8? = nil
    /// `established`: TCP segments with ACK or RST set, i.e. not the first packet of a connection.
    var established = false
    /// `reflect NAME`: permitted packets open a reflexive entry for their return traffic.
    var reflect: String? = nil
    /// `evaluate NAME`: return traffic of the sessions `reflect NAME` entries opened.
    var evaluate: String? = nil
    /// Conditions that are not modeled (DSCP, fragments, TCP flags, time ranges), as written.
    var unmodeled: [String] = []
    var remarks: [String] = []
  }

  /// One access list.
  struct AccessList {
    enum Kind {
      case standard, extended
    }
    var name: String
    var line: Int
    var kind: Kind
    var family: IPAddress.Family
    var entries: [Entry] = []
  }

  /// An object group (`object-group network|service|protocol|ip port`).
  struct Group {
    enum Kind: String {
      case network, service, `protocol`, port
    }
    var kind: Kind
    var name: String
    var line: Int
    var ranges: [AddressRange] = []
    var services: [Service] = []
    var ports: [PortRange] = []
    /// `group-object` members.
    var groups: [String] = []
  }

  /// One condition of an inspect class map.
  enum Condition {
    case acl(String, line: Int)
    /// `match protocol NAME`: the packets of its well-known ports (IOS port-to-application mapping defaults).
    case packets(String, [[Match]], line: Int)
    case classMap(String, line: Int)
    case unsupported(String, line: Int)
  }

  /// `class-map type inspect [match-all|match-any] NAME`.
  struct ClassMap {
    var name: String
    var line: Int
    var matchAll: Bool
    var conditions: [Condition] = []
  }

  /// What a policy map does with a class.
  enum Action: String {
    case inspect, pass, drop
  }

  /// `policy-map type inspect NAME`.
  struct PolicyMap {
    struct Class {
      var name: String
      var line: Int
      var action: Action
      var actionLine: Int
    }
    var name: String
    var line: Int
    var classes: [Class] = []
    /// `class class-default` and its action (default drop), with the line.
    var defaultAction: Action = .drop
    var defaultLine: Int?
  }

  /// `zone-pair security NAME source S destination D` with its `service-policy type inspect P`.
  struct ZonePair {
    var name: String
    var line: Int
    var source: String
    var destination: String
    var policy: String?
    var policyLine: Int?
  }

  var interfaces: [Interface] = []
  var accessLists: [String: AccessList] = [:]
  var aclOrder: [String] = []
  var groups: [String: Group] = [:]
  var zones: [String: Int] = [:]
  var zoneOrder: [String] = []
  var zonePairs: [ZonePair] = []
  var classMaps: [String: ClassMap] = [:]
  var policyMaps: [String: PolicyMap] = [:]
  var timeRanges: [String: Int] = [:]
  var translations: [AddressTranslation] = []
}
