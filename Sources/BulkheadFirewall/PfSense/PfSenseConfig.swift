import BulkheadModel

/// A pfSense or OPNsense `config.xml` as typed structures: what the reader took from the XML, before lowering.
/// Everything keeps its line so the lowering can cite `alias OT_PLCS` or the rule at its line.
struct PfSenseConfig {
  /// One assigned interface (`<interfaces><lan>…`): its key (`wan`, `lan`, `optN`), the real interface, addresses.
  struct Interface {
    /// An address an interface gets: written in the config, or known only at run time (DHCP, PPPoE, tracking).
    enum Address {
      case none
      case configured(IPAddress, prefix: Int)
      case runtime(String)
    }
    var key: String
    var device: String?
    var description: String?
    var enabled: Bool
    var v4: Address = .none
    var v6: Address = .none
    /// `ipaddr dhcp`: pfSense lets its DHCP client replies in (port 67 → 68).
    var isDHCPClient = false
    var blockPrivate: Int?
    var blockBogons: Int?
    var line: Int

    /// The names a rule or a plant model may give the interface: its key and its real interface.
    var names: [String] { [key] + (device.map { [$0] } ?? []) }
  }

  /// One alias (`<aliases><alias>`, or OPNsense's `<OPNsense><Firewall><Alias>`).
  struct Alias {
    var name: String
    var type: String
    var entries: [String]
    var line: Int
  }

  /// One side of a rule (`<source>` / `<destination>`).
  struct Endpoint {
    enum Target {
      case any
      /// `<network>`: an interface's subnet (`lan`), address (`lanip`), or `(self)`.
      case network(String)
      /// `<address>`: an address, a network or an alias name.
      case address(String)
    }
    var target: Target = .any
    var negated = false
    var port: String?
    var line: Int
  }

  /// One filter rule (`<filter><rule>`), as written.
  struct FilterRule {
    var line: Int
    var lastLine: Int
    var type: String?
    var interfaces: [String] = []
    var floating = false
    var quick = false
    var direction: String?
    var ipprotocol: String?
    var proto: String?
    var icmpTypes: [String] = []
    var source = Endpoint(line: 0)
    var destination = Endpoint(line: 0)
    var disabled = false
    var description: String?
    /// `<statetype>`, when written.
    var stateType: String?
    /// Conditions that are not packet headers or not modeled (`tagged`, `os`, a schedule, TCP flags), with lines.
    var unmodeled: [(what: String, line: Int)] = []
  }

  /// One NAT rule (`<nat><rule>` port forward, `<nat><outbound><rule>`): recorded and reported, not applied.
  struct NATRule {
    var kind: AddressTranslation.Kind
    var interface: String?
    var protocolName: String?
    /// The side the translation rewrites, before translation (the port forward's destination, the outbound rule's
    /// source).
    var original: Endpoint
    /// `target`: an address, an alias or (outbound) an interface address.
    var target: String?
    var localPort: String?
    var line: Int
  }

  /// One virtual IP (`<virtualip><vip>`): IP aliases and CARP addresses live on an interface, so they widen its
  /// `net` and `(self)`; proxy ARP and "other" VIPs only answer ARP.
  struct VirtualIP {
    var mode: String
    var interface: String
    var address: IPAddress
    var prefix: Int
    var line: Int
    var isOnInterface: Bool { mode == "ipalias" || mode == "carp" }
  }

  var product = "pfSense"
  var virtualIPs: [VirtualIP] = []
  var nat: [NATRule] = []
  var rootLine = 1
  var interfaces: [Interface] = []
  var aliases: [String: Alias] = [:]
  var rules: [FilterRule] = []
  var filterLine: Int?
  /// `<system><ipv6allow>`: without it pfSense blocks all IPv6.
  var ipv6AllowLine: Int?
  var systemLine: Int?
  /// `<system><no_apipa_block>`: without it pfSense blocks IPv4 link-local (RFC 3927) in.
  var noAPIPABlockLine: Int?
  /// `<system><disablefilter>`: pf is disabled, everything passes.
  var disableFilterLine: Int?
  /// `<hasync>` or `<virtualip>` with content: CARP may be in use, which changes the CARP rules generated.
  var usesCARP = false
  /// Whether the file is OPNsense's (`<opnsense>`): its rule generator differs from pfSense's in places.
  var isOPNsense: Bool { product == "OPNsense" }
  /// Interface groups (`<ifgroups><ifgroupentry>`): name → member interface keys.
  var groups: [String: (members: [String], line: Int)] = [:]

  /// The interface with a key (`lan`), case ignored.
  func interface(_ key: String) -> Interface? {
    interfaces.first { $0.key.lowercased() == key.lowercased() }
  }
}
