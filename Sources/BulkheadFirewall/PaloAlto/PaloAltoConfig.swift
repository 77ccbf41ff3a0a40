import BulkheadModel

/// A PAN-OS configuration as typed structures: what the reader took from the statements, before lowering.
///
/// Objects live in namespaces (a vsys, `shared`, a Panorama device group, the `policy panorama` rules a firewall
/// received); rules live in rulebases (a vsys's own, the pre- and post-rulebases of `shared` and of device groups).
/// Everything keeps its line, so the lowering can cite `address-group OT-PLCs` at its line.
struct PaloAltoConfig {
  /// One address object (`address NAME ip-netmask|ip-range|fqdn|ip-wildcard …`).
  struct Address {
    enum Value {
      /// The addresses it covers.
      case ranges([AddressRange])
      /// A kind whose addresses are not in the configuration (fqdn, wildcard): not modeled.
      case unmodeled(String)
    }
    var name: String
    var value: Value
    var line: Int
  }

  /// One address group: static members, or a dynamic tag filter (members known only at run time).
  struct AddressGroup {
    var name: String
    var members: [String] = []
    var dynamicFilter: String?
    var line: Int
  }

  /// One way a service matches.
  struct ServiceEntry: Hashable {
    /// 6 (tcp), 17 (udp) or 132 (sctp).
    var proto: UInt8
    var destination: [PortRange]
    var source: [PortRange]
  }

  /// One service object, or a predefined one (`service-http`).
  struct Service {
    var name: String
    var entries: [ServiceEntry]
    var line: Int
  }

  /// A group of services, applications or addresses by name.
  struct Group {
    var name: String
    var members: [String]
    var line: Int
  }

  /// A custom application (`application NAME …`): App-ID identifies it by its signatures; without signatures only
  /// an application-override rule gives traffic its name.
  struct Application {
    var name: String
    var defaultPorts: [ServiceEntry] = []
    /// The IP protocol its `default ident-by-ip-protocol` names.
    var defaultProtocol: UInt8?
    /// `default ident-by-icmp-type` / `ident-by-icmp6-type`: ICMP (or ICMPv6, `v6`) of a type and code.
    var defaultICMP: [(v6: Bool, type: UInt8?, code: UInt8?)] = []
    var hasSignature = false
    var line: Int
  }

  /// The objects one place defines.
  struct Namespace {
    var addresses: [String: Address] = [:]
    var addressGroups: [String: AddressGroup] = [:]
    var services: [String: Service] = [:]
    var serviceGroups: [String: Group] = [:]
    var applications: [String: Application] = [:]
    var applicationGroups: [String: Group] = [:]
    /// Application filters and external dynamic lists: names a rule may use whose content is not packet space.
    var unmodeledNames: [String: (what: String, line: Int)] = [:]
  }

  /// One security rule (`rulebase security rules NAME`).
  struct SecurityRule {
    enum Action: String {
      case allow, deny, drop
      case resetClient = "reset-client"
      case resetServer = "reset-server"
      case resetBoth = "reset-both"
    }
    enum RuleType: String {
      case universal, intrazone, interzone
    }
    var name: String
    var line: Int
    var from: [String] = []
    var to: [String] = []
    var source: [String] = []
    var destination: [String] = []
    var negateSource = false
    var negateDestination = false
    var services: [String] = []
    var applications: [String] = []
    var action: Action?
    var actionLine = 0
    var ruleType: RuleType = .universal
    var disabled = false
    /// Conditions that are not packet headers (users, HIP profiles, URL categories, a schedule), with lines.
    var unmodeled: [(what: String, line: Int)] = []
    /// The rulebase it was read from, for provenance (`pre-rulebase of device-group DG1`).
    var origin = ""
  }

  /// One application-override rule: traffic it matches is given `application` without App-ID.
  struct OverrideRule {
    var name: String
    var line: Int
    var from: [String] = []
    var to: [String] = []
    var source: [String] = []
    var destination: [String] = []
    var negateSource = false
    var negateDestination = false
    var proto: UInt8?
    var ports: [PortRange] = []
    var application: String?
    var disabled = false
  }

  /// One NAT rule (`rulebase nat rules NAME`): recorded and reported, not applied.
  struct NATRule {
    var name: String
    var line: Int
    var from: [String] = []
    var to: [String] = []
    var source: [String] = []
    var destination: [String] = []
    var service = "any"
    /// `source-translation …` addresses (or `interface-address`), when present.
    var sourceTranslation: [String]?
    var sourceTranslationKind = ""
    /// `destination-translation translated-address …`, when present.
    var destinationTranslation: [String]?
    var translatedPort: String?
    var disabled = false
  }

  /// What a rulebase holds, in order.
  struct Rulebase {
    var security: [SecurityRule] = []
    var overrides: [OverrideRule] = []
    var nat: [NATRule] = []
    /// `default-security-rules rules intrazone-default|interzone-default action …`, with lines.
    var intrazoneDefault: (action: SecurityRule.Action, line: Int)?
    var interzoneDefault: (action: SecurityRule.Action, line: Int)?
  }

  /// One zone (`zone NAME network layer3|layer2|virtual-wire|tap|tunnel|external …`).
  struct Zone {
    var name: String
    var interfaces: [String] = []
    var kind = ""
    var line: Int
  }

  /// One virtual system: its zones, imported interfaces, objects and own rulebase.
  struct Vsys {
    var name: String
    var line: Int
    var zones: [String: Zone] = [:]
    var zoneOrder: [String] = []
    var importedInterfaces: [String] = []
    var objects = Namespace()
    var rulebase = Rulebase()
    /// Whether the configuration writes a rulebase (even an empty one): the default rules then decide.
    var hasRulebase = false
  }

  /// A Panorama device group: objects, pre- and post-rulebases, its parent.
  struct DeviceGroup {
    var name: String
    var line: Int
    var parent: String?
    var objects = Namespace()
    var pre = Rulebase()
    var post = Rulebase()
    var hasDevices = false
  }

  var vsys: [String: Vsys] = [:]
  var vsysOrder: [String] = []
  var shared = Namespace()
  var sharedPre = Rulebase()
  var sharedPost = Rulebase()
  var deviceGroups: [String: DeviceGroup] = [:]
  var deviceGroupOrder: [String] = []
  /// `policy panorama …`: objects and rules a firewall received from Panorama (the older export layout).
  var panorama = Namespace()
  var panoramaPre = Rulebase()
  var panoramaPost = Rulebase()
  /// Interfaces declared under `network interface`, with lines.
  var interfaces: [String: Int] = [:]
}
