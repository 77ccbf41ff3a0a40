import Yams

extension ModelParser {
  // MARK: Zones

  func parseZone(_ node: Node) -> Zone? {
    guard let fields = mapping(node, what: "a zone", keys: ModelKeys.zone), let id = id(fields, what: "a zone") else {
      return nil
    }
    var locations = entityLocations(fields)
    let what = "zone '\(id)'"
    let name = optionalText(fields, "name", what: what, into: &locations)
    let description = optionalText(fields, "description", what: what, into: &locations)
    var purdue = PurdueLevel.supervisory
    if let node = fields["purdue"] {
      locations.fields["purdue"] = location(node)
      if let value = text(node, what: "'purdue' of \(what)") {
        if let level = PurdueLevel(text: value) {
          purdue = level
        } else {
          report(.invalidValue, "Purdue level '\(value)' of \(what) must be 0, 1, 2, 3, 3.5, 4 or 5", at: node)
        }
      }
    } else {
      report(.missingKey, "\(what) has no 'purdue' level", at: node)
    }
    var target = SecurityLevelTarget.none
    if let node = fields["sl_target"] {
      locations.fields["sl_target"] = location(node)
      target = parseSecurityLevelTarget(node, what: what) ?? target
    } else {
      report(.missingKey, "\(what) has no 'sl_target' (target security level 0–4)", at: node)
    }
    var networks: [IPNetwork] = []
    if let node = fields["networks"] {
      locations.fields["networks"] = location(node)
      for (text, item) in texts(node, what: "'networks' of \(what)") {
        guard let network = IPNetwork(text) else {
          report(.malformedNetwork, "'\(text)' in \(what) is not a CIDR block such as 10.50.2.0/24", at: item)
          continue
        }
        if network.hadHostBits {
          report(.networkHostBits, "'\(text)' in \(what) has host bits set; the block is \(network)", at: item)
        }
        locations.fields["networks[\(networks.count)]"] = location(item)
        networks.append(network)
      }
    }
    return Zone(
      id: id, name: name, purdue: purdue, securityLevelTarget: target, networks: networks, description: description,
      locations: locations)
  }

  func parseSecurityLevelTarget(_ node: Node, what: String) -> SecurityLevelTarget? {
    let range = "0–\(SecurityLevelTarget.maximum)"
    func level(_ item: Node) -> Int? {
      guard let value = text(item, what: "a security level"), let n = Int(value),
        (0...SecurityLevelTarget.maximum).contains(n)
      else {
        report(.invalidValue, "security level of \(what) must be a whole number \(range)", at: item)
        return nil
      }
      return n
    }
    switch node {
    case .scalar:
      return level(node).flatMap { SecurityLevelTarget(uniform: $0) }
    case .sequence(let sequence):
      let levels = sequence.map(level)
      guard levels.count == FoundationalRequirement.allCases.count else {
        report(.invalidValue, "SL-T vector of \(what) needs seven levels, FR1 to FR7; it has \(levels.count)", at: node)
        return nil
      }
      let valid = levels.compactMap { $0 }
      return valid.count == levels.count ? SecurityLevelTarget(vector: valid) : nil
    case .mapping:
      guard let fields = mapping(node, what: "the SL-T vector of \(what)", keys: ModelKeys.securityLevelVector) else {
        return nil
      }
      var levels: [Int] = []
      var complete = true
      for requirement in FoundationalRequirement.allCases {
        guard let item = fields[requirement.key] else {
          report(.missingKey, "SL-T vector of \(what) has no \(requirement.key)", at: node)
          complete = false
          continue
        }
        if let n = level(item) { levels.append(n) } else { complete = false }
      }
      return complete ? SecurityLevelTarget(vector: levels) : nil
    default:
      report(.wrongType, "'sl_target' of \(what) must be a level \(range) or a vector FR1–FR7", at: node)
      return nil
    }
  }

  // MARK: Assets

  /// The asset and whether it named its zone.
  func parseAsset(_ node: Node) -> (Asset, Bool)? {
    guard let fields = mapping(node, what: "an asset", keys: ModelKeys.asset), let id = id(fields, what: "an asset")
    else { return nil }
    var locations = entityLocations(fields)
    let what = "asset '\(id)'"
    let name = optionalText(fields, "name", what: what, into: &locations)
    let zone = optionalText(fields, "zone", what: what, into: &locations)
    let vendor = optionalText(fields, "vendor", what: what, into: &locations)
    let model = optionalText(fields, "model", what: what, into: &locations)
    let firmware = optionalText(fields, "firmware", what: what, into: &locations)
    let description = optionalText(fields, "description", what: what, into: &locations)
    var addresses: [IPAddress] = []
    if let node = fields["addresses"] {
      locations.fields["addresses"] = location(node)
      for (text, item) in texts(node, what: "'addresses' of \(what)") {
        guard let address = IPAddress(text) else {
          report(.malformedAddress, "'\(text)' in \(what) is not an IPv4 or IPv6 address", at: item)
          continue
        }
        locations.fields["addresses[\(addresses.count)]"] = location(item)
        addresses.append(address)
      }
    }
    var macs: [MACAddress] = []
    if let node = fields["macs"] {
      locations.fields["macs"] = location(node)
      for (text, item) in texts(node, what: "'macs' of \(what)") {
        guard let mac = MACAddress(text) else {
          report(.malformedMAC, "'\(text)' in \(what) is not a MAC address such as 00:80:f4:12:34:56", at: item)
          continue
        }
        locations.fields["macs[\(macs.count)]"] = location(item)
        macs.append(mac)
      }
    }
    var kind = AssetKind.other
    if let value = optionalText(fields, "kind", what: what, into: &locations), let node = fields["kind"] {
      if let parsed = AssetKind(text: value) {
        kind = parsed
      } else {
        report(.invalidValue, "unknown kind '\(value)' of \(what); one of: \(AssetKind.allNames)", at: node)
      }
    }
    var criticality: Criticality?
    if let value = optionalText(fields, "criticality", what: what, into: &locations), let node = fields["criticality"] {
      criticality = Criticality(text: value)
      if criticality == nil {
        report(.invalidValue, "criticality '\(value)' of \(what) must be low, medium, high or critical", at: node)
      }
    }
    let asset = Asset(
      id: id, name: name, zone: zone ?? "", addresses: addresses, macs: macs, kind: kind, vendor: vendor, model: model,
      firmware: firmware, criticality: criticality, description: description, origin: .model, locations: locations)
    return (asset, zone != nil)
  }

  // MARK: Groups

  func parseGroup(_ node: Node) -> AssetGroup? {
    guard let fields = mapping(node, what: "a group", keys: ModelKeys.group), let id = id(fields, what: "a group")
    else { return nil }
    var locations = entityLocations(fields)
    let what = "group '\(id)'"
    let name = optionalText(fields, "name", what: what, into: &locations)
    let description = optionalText(fields, "description", what: what, into: &locations)
    var members: [String] = []
    if let node = fields["members"] {
      locations.fields["members"] = location(node)
      for (member, item) in texts(node, what: "'members' of \(what)") {
        locations.fields["members[\(members.count)]"] = location(item)
        members.append(member)
      }
    } else {
      report(.missingKey, "\(what) has no 'members'", at: node)
    }
    return AssetGroup(id: id, name: name, members: members, description: description, locations: locations)
  }

  // MARK: Conduits

  func parseConduit(_ node: Node) -> Conduit? {
    guard let fields = mapping(node, what: "a conduit", keys: ModelKeys.conduit), let id = id(fields, what: "a conduit")
    else { return nil }
    var locations = entityLocations(fields)
    let what = "conduit '\(id)'"
    let name = optionalText(fields, "name", what: what, into: &locations)
    let description = optionalText(fields, "description", what: what, into: &locations)
    let owner = optionalText(fields, "owner", what: what, into: &locations)
    let justification = optionalText(fields, "justification", what: what, into: &locations)
    var zones: [String] = []
    if let node = fields["between"] {
      locations.fields["between"] = location(node)
      for (zone, item) in texts(node, what: "'between' of \(what)") {
        locations.fields["between[\(zones.count)]"] = location(item)
        zones.append(zone)
      }
    } else {
      report(.missingKey, "\(what) has no 'between' (the zones it joins)", at: node)
    }
    var enforcedBy: [String] = []
    if let node = fields["enforced_by"] {
      locations.fields["enforced_by"] = location(node)
      for (point, item) in texts(node, what: "'enforced_by' of \(what)") {
        locations.fields["enforced_by[\(enforcedBy.count)]"] = location(item)
        enforcedBy.append(point)
      }
    }
    var reviewBy: CalendarDate?
    if let value = optionalText(fields, "review_by", what: what, into: &locations), let node = fields["review_by"] {
      reviewBy = CalendarDate(value)
      if reviewBy == nil {
        report(.invalidValue, "review date '\(value)' of \(what) must be a date YYYY-MM-DD", at: node)
      }
    }
    var controls = ConduitControls()
    if let node = fields["controls"] {
      locations.fields["controls"] = location(node)
      controls = parseControls(node, what: what, into: &locations)
    }
    var flows: [ConduitFlow] = []
    if let node = fields["flows"] {
      locations.fields["flows"] = location(node)
      flows = sequence(node, what: "'flows' of \(what)").compactMap { parseFlow($0, what: what) }
    }
    return Conduit(
      id: id, name: name, zones: zones, flows: flows, enforcedBy: enforcedBy, controls: controls, owner: owner,
      justification: justification, reviewBy: reviewBy, description: description, locations: locations)
  }

  func parseControls(_ node: Node, what: String, into locations: inout NodeLocations) -> ConduitControls {
    var controls = ConduitControls()
    guard let fields = mapping(node, what: "'controls' of \(what)", keys: ModelKeys.controls) else { return controls }
    for (key, _, value) in fields.entries {
      locations.fields["controls.\(key)"] = location(value)
      switch key {
      case "authentication": controls.authentication = bool(value, what: "'authentication' of \(what)") ?? false
      case "encryption": controls.encryption = bool(value, what: "'encryption' of \(what)") ?? false
      case "unidirectional": controls.unidirectional = bool(value, what: "'unidirectional' of \(what)") ?? false
      case "proxy": controls.proxy = text(value, what: "'proxy' of \(what)")
      default: break
      }
    }
    return controls
  }

  func parseFlow(_ node: Node, what conduit: String) -> ConduitFlow? {
    guard let fields = mapping(node, what: "a flow of \(conduit)", keys: ModelKeys.flow) else { return nil }
    var locations = NodeLocations(entity: location(node))
    let what = "a flow of \(conduit)"
    let description = optionalText(fields, "description", what: what, into: &locations)
    var ends: [String: FlowEndpoint] = [:]
    for key in ["from", "to"] {
      guard let node = fields[key] else {
        report(.missingKey, "\(what) has no '\(key)'", at: fields.node)
        continue
      }
      locations.fields[key] = location(node)
      if let id = text(node, what: "'\(key)' of \(what)") { ends[key] = .unknown(id) }
    }
    var services: [Service] = []
    if let node = fields["service"] {
      locations.fields["service"] = location(node)
      for (index, (name, item)) in texts(node, what: "'service' of \(what)").enumerated() {
        locations.fields["service[\(index)]"] = location(item)
        switch catalog.resolve(name) {
        case .success(let service): services.append(service)
        case .failure(.unknownName(let name)):
          report(
            .unknownService, "unknown service '\(name)'; use a catalog name (modbus, opcua, …) or tcp/PORT", at: item)
        case .failure(.malformedSpec(let spec, let reason)):
          report(.malformedServiceSpec, "service '\(spec)' is malformed: \(reason)", at: item)
        }
      }
    } else {
      report(.missingKey, "\(what) has no 'service'", at: fields.node)
    }
    var operations: [OperationClass] = []
    if let node = fields["operations"] {
      locations.fields["operations"] = location(node)
      for (value, item) in texts(node, what: "'operations' of \(what)") {
        guard let operation = OperationClass(rawValue: value.lowercased()), operation != .other else {
          let all = OperationClass.declarable.map(\.rawValue).joined(separator: ", ")
          report(.invalidValue, "unknown operation '\(value)'; one of: \(all)", at: item)
          continue
        }
        if !operations.contains(operation) { operations.append(operation) }
      }
    }
    var security: SecurityRequirement?
    if let value = optionalText(fields, "security", what: what, into: &locations), let node = fields["security"] {
      security = SecurityRequirement(rawValue: value.lowercased())
      if security == nil {
        report(.invalidValue, "security '\(value)' must be none, sign or sign-and-encrypt", at: node)
      }
    }
    guard let from = ends["from"], let to = ends["to"] else { return nil }
    return ConduitFlow(
      from: from, to: to, services: services, operations: operations, security: security, description: description,
      locations: locations)
  }

  // MARK: Enforcement points

  func parseEnforcementPoint(_ node: Node) -> EnforcementPoint? {
    guard let fields = mapping(node, what: "an enforcement point", keys: ModelKeys.enforcementPoint),
      let id = id(fields, what: "an enforcement point")
    else { return nil }
    var locations = entityLocations(fields)
    let what = "enforcement point '\(id)'"
    let name = optionalText(fields, "name", what: what, into: &locations)
    let description = optionalText(fields, "description", what: what, into: &locations)
    let config = optionalText(fields, "config", what: what, into: &locations)
    var vendor = FirewallVendor.auto
    if let value = optionalText(fields, "vendor", what: what, into: &locations) {
      vendor = FirewallVendor(text: value)
    } else {
      report(
        .missingKey, "\(what) has no 'vendor' (a firewall dialect such as iptables or nftables, or auto)", at: node)
    }
    var interfaces: [String: [String]] = [:]
    if let node = fields["interfaces"] {
      locations.fields["interfaces"] = location(node)
      if case .mapping(let mapping) = node {
        for (keyNode, value) in mapping {
          guard let interface = text(keyNode, what: "an interface name of \(what)") else { continue }
          locations.fields["interfaces.\(interface)"] = location(keyNode)
          var zones: [String] = []
          for (zone, item) in texts(value, what: "the zones behind interface '\(interface)' of \(what)") {
            locations.fields["interfaces.\(interface)[\(zones.count)]"] = location(item)
            zones.append(zone)
          }
          interfaces[interface] = zones
        }
      } else {
        report(.wrongType, "'interfaces' of \(what) must map interface names to zone ids", at: node)
      }
    }
    return EnforcementPoint(
      id: id, name: name, vendor: vendor, config: config, configPath: config.map(resolve), interfaces: interfaces,
      description: description, locations: locations)
  }

  // MARK: Captures

  /// A capture: a path or glob, or a mapping with `path` and where it was recorded.
  func parseCapture(_ node: Node) -> CapturePattern? {
    if case .scalar = node {
      guard let pattern = text(node, what: "a capture path") else { return nil }
      return CapturePattern(pattern: pattern, resolvedPattern: resolve(pattern), location: location(node))
    }
    guard let fields = mapping(node, what: "a capture", keys: ModelKeys.capture) else { return nil }
    var locations = NodeLocations(entity: location(node))
    let what = "a capture"
    guard let pattern = optionalText(fields, "path", what: what, into: &locations) else {
      report(.missingKey, "a capture written as a mapping needs 'path'", at: node)
      return nil
    }
    let point = optionalText(fields, "enforcement_point", what: what, into: &locations)
    let interface = optionalText(fields, "interface", what: what, into: &locations)
    if interface != nil && point == nil, let node = fields["interface"] {
      report(.missingKey, "capture '\(pattern)' names an interface but no 'enforcement_point'", at: node)
    }
    var zones: [String] = []
    if let node = fields["zones"] {
      locations.fields["zones"] = location(node)
      for (zone, item) in texts(node, what: "'zones' of capture '\(pattern)'") {
        locations.fields["zones[\(zones.count)]"] = location(item)
        zones.append(zone)
      }
    }
    _ = optionalText(fields, "description", what: what, into: &locations)
    return CapturePattern(
      pattern: pattern, resolvedPattern: resolve(pattern), enforcementPoint: point, interface: interface, zones: zones,
      locations: locations)
  }
}
