import BulkheadModel

/// Resolves what a rule's source, destination and ports name: aliases (nested, with loops caught), interface
/// networks and addresses (`lan net`, `lan address`, `(self)`), literal addresses and ports.
///
/// What pfSense cannot resolve makes it skip the rule (`filter_generate_user_rule`: "Unresolvable alias", an
/// interface without an address of the rule's family); that is ``Address/notLoaded``. What resolves only at run
/// time (FQDN entries, URL tables, a DHCP address) is ``Address/unsupported`` with a BH494 diagnostic.
struct PfSenseResolver {
  let config: PfSenseConfig
  let file: String
  var diagnostics: [Diagnostic] = []
  private var reported: Set<String> = []

  init(config: PfSenseConfig, file: String) {
    self.config = config
    self.file = file
  }

  enum Address {
    case any
    case ranges([AddressRange], objects: [String])
    case unsupported(String, objects: [String])
    case notLoaded(String)
  }

  enum Ports {
    case ports([PortRange], objects: [String])
    case unsupported(String, objects: [String])
  }

  /// Alias types whose content is fetched or learned at run time.
  static let runtimeTypes: Set<String> = [
    "url", "urltable", "url_ports", "urltable_ports", "geoip", "asn", "mac", "dynipv6host", "authgroup", "external",
    "internal", "interface_net",
  ]

  private mutating func once(
    _ key: String, _ severity: Diagnostic.Severity, _ code: FirewallDiagnosticCode,
    _ message: String, at line: Int
  ) {
    guard reported.insert(key).inserted else { return }
    diagnostics.append(Diagnostic(severity, code, message, at: SourceLocation(file: file, line: line)))
  }

  mutating func address(_ endpoint: PfSenseConfig.Endpoint, family: IPAddress.Family, line: Int) -> Address {
    switch endpoint.target {
    case .any: return .any
    case .network(let name): return network(name, family: family, line: line)
    case .address(let text):
      if text.isEmpty { return .notLoaded("an empty address") }
      if let alias = config.aliases[text] {
        var seen: Set<String> = []
        var unknown: [String] = []
        let ranges = expand(alias, seen: &seen, unknown: &unknown)
        let objects = ["alias \(alias.name)"]
        guard let ranges else { return .notLoaded("alias \(text) names an alias that does not resolve") }
        if !unknown.isEmpty {
          let why = "alias \(text) holds entries resolved at run time (\(unknown.joined(separator: ", ")))"
          once("rt \(text)", .warning, .pfRuntimeValue, "\(why): not modeled", at: alias.line)
          return .unsupported(why, objects: objects)
        }
        return .ranges(ranges, objects: objects)
      }
      if let ranges = PfSenseValues.ranges(text) { return .ranges(ranges, objects: []) }
      return .notLoaded("'\(text)' is neither an address, a network nor an alias (unresolvable alias)")
    }
  }

  /// Expands a host or network alias: its ranges, or `nil` when an entry does not resolve; run-time entries are
  /// collected in `unknown`.
  private mutating func expand(_ alias: PfSenseConfig.Alias, seen: inout Set<String>, unknown: inout [String])
    -> [AddressRange]?
  {
    guard seen.insert(alias.name).inserted else {
      once("loop \(alias.name)", .error, .pfUnresolved, "alias \(alias.name) contains itself", at: alias.line)
      return nil
    }
    if Self.runtimeTypes.contains(alias.type) {
      unknown.append("\(alias.type) alias \(alias.name)")
      return []
    }
    if alias.type == "port" {
      once(
        "kind \(alias.name)", .error, .pfUnresolved, "port alias \(alias.name) used as an address", at: alias.line)
      return nil
    }
    var ranges: [AddressRange] = []
    for entry in alias.entries {
      if let nested = config.aliases[entry] {
        guard let inner = expand(nested, seen: &seen, unknown: &unknown) else { return nil }
        ranges += inner
      } else if let r = PfSenseValues.ranges(entry) {
        ranges += r
      } else if entry.contains("."), entry.contains(where: \.isLetter) {
        // A host alias entry that is a name: resolved by filterdns at run time.
        unknown.append("FQDN \(entry)")
      } else {
        once(
          "entry \(alias.name) \(entry)", .error, .pfUnresolved,
          "alias \(alias.name): entry '\(entry)' is not an address, a network, a range or an alias", at: alias.line)
        return nil
      }
    }
    seen.remove(alias.name)
    return ranges
  }

  /// `lan` (the interface's network), `lanip` (its address), `(self)` (every address of the firewall).
  private mutating func network(_ name: String, family: IPAddress.Family, line: Int) -> Address {
    let familyName = family == .v4 ? "IPv4" : "IPv6"
    if name == "(self)" {
      var ranges: [AddressRange] = [
        AddressRange(
          IPNetwork(family == .v4 ? "127.0.0.1/32" : "::1/128") ?? IPNetwork(address: .init(v4: 0), prefixLength: 0))
      ]
      var runtime: [String] = []
      for interface in config.interfaces where interface.enabled {
        switch family == .v4 ? interface.v4 : interface.v6 {
        case .configured(let ip, _): ranges.append(AddressRange(IPNetwork(address: ip, prefixLength: family.bitWidth)))
        case .runtime(let how): runtime.append("\(interface.key) (\(how))")
        case .none: break
        }
      }
      for vip in config.virtualIPs where vip.isOnInterface && vip.address.family == family {
        ranges.append(AddressRange(IPNetwork(address: vip.address, prefixLength: family.bitWidth)))
      }
      if !runtime.isEmpty {
        let why = "(self) includes addresses learned at run time: \(runtime.joined(separator: ", "))"
        once("self \(family)", .warning, .pfRuntimeValue, "\(why): not modeled", at: line)
        return .unsupported(why, objects: ["network (self)"])
      }
      return .ranges(ranges, objects: ["network (self)"])
    }
    var key = name
    var wantsAddress = false
    if config.interface(name) == nil, name.hasSuffix("ip"), config.interface(String(name.dropLast(2))) != nil {
      key = String(name.dropLast(2))
      wantsAddress = true
    }
    guard let interface = config.interface(key), interface.enabled else {
      return .notLoaded("network '\(name)' is not an enabled interface's net or address")
    }
    let label = wantsAddress ? "network \(key) address" : "network \(key) net"
    switch family == .v4 ? interface.v4 : interface.v6 {
    case .none: return .notLoaded("interface \(key) has no \(familyName) address")
    case .runtime(let how):
      let why = "\(label): the \(familyName) address of \(key) is learned at run time (\(how))"
      once("net \(key) \(family)", .warning, .pfRuntimeValue, "\(why): not modeled", at: interface.line)
      return .unsupported(why, objects: [label])
    case .configured(let ip, let prefix):
      if wantsAddress {
        return .ranges([AddressRange(IPNetwork(address: ip, prefixLength: family.bitWidth))], objects: [label])
      }
      // An interface's net also holds the networks of its IP alias and CARP addresses outside its own subnet
      // (filter.inc, filter_address_add_vips_subnets).
      var nets = [IPNetwork(address: ip, prefixLength: prefix)]
      for vip in config.virtualIPs
      where vip.isOnInterface && vip.interface.lowercased() == key.lowercased() && vip.address.family == family {
        if nets.contains(where: { AddressRange($0).contains(vip.address) }) { continue }
        nets.append(IPNetwork(address: vip.address, prefixLength: vip.prefix))
      }
      return .ranges(nets.map(AddressRange.init), objects: [label])
    }
  }

  /// A port field: `N`, `N-M`, or a port alias (nested); `nil` when it is none of them (pfSense skips the rule).
  mutating func ports(_ text: String, line: Int) -> Ports? {
    if let alias = config.aliases[text] {
      var seen: Set<String> = []
      var unknown: [String] = []
      guard let ports = expandPorts(alias, seen: &seen, unknown: &unknown) else { return nil }
      if !unknown.isEmpty {
        let why = "port alias \(text) holds entries fetched at run time (\(unknown.joined(separator: ", ")))"
        once("rt \(text)", .warning, .pfRuntimeValue, "\(why): not modeled", at: alias.line)
        return .unsupported(why, objects: ["alias \(text)"])
      }
      return .ports(ports, objects: ["alias \(text)"])
    }
    if let port = PfSenseValues.port(text) { return .ports([port], objects: []) }
    return nil
  }

  private mutating func expandPorts(_ alias: PfSenseConfig.Alias, seen: inout Set<String>, unknown: inout [String])
    -> [PortRange]?
  {
    guard seen.insert(alias.name).inserted else {
      once("loop \(alias.name)", .error, .pfUnresolved, "alias \(alias.name) contains itself", at: alias.line)
      return nil
    }
    if alias.type == "url_ports" || alias.type == "urltable_ports" {
      unknown.append("\(alias.type) alias \(alias.name)")
      return []
    }
    guard alias.type == "port" else {
      once(
        "kind \(alias.name)", .error, .pfUnresolved, "\(alias.type) alias \(alias.name) used as a port",
        at: alias.line)
      return nil
    }
    var ports: [PortRange] = []
    for entry in alias.entries {
      if let nested = config.aliases[entry] {
        guard let inner = expandPorts(nested, seen: &seen, unknown: &unknown) else { return nil }
        ports += inner
      } else if let port = PfSenseValues.port(entry) {
        ports.append(port)
      } else {
        once(
          "entry \(alias.name) \(entry)", .error, .pfUnresolved,
          "port alias \(alias.name): entry '\(entry)' is not a port, a range or an alias", at: alias.line)
        return nil
      }
    }
    seen.remove(alias.name)
    return ports
  }
}
