import BulkheadModel

extension RulesetGenerator {
  /// PAN-OS `set` commands: one layer-3 interface and one zone per plant zone, one address object per network and
  /// one service per service the plan uses, and one security rule per planned rule (logs left out: a security rule
  /// always decides), `from`/`to` naming the pair's zones, in plan order. Drop is `deny`, reject `reset-both`.
  func paloAltoText(_ plan: [GeneratedRule]) -> String {
    let rules = plan.filter { $0.action != .log }
    var lines = ["set deviceconfig system hostname bench-fw"]
    for i in 0..<zones {
      let address = IPAddress(v4: network(i).address.v4Value | 1)
      lines.append("set network interface ethernet \(interface(i, dialect: .paloalto)) layer3 ip \(address)/16")
    }
    for i in 0..<zones { lines.append("set zone zone\(i) network layer3 \(interface(i, dialect: .paloalto))") }
    var named: Set<String> = []
    for rule in rules {
      for network in [rule.source, rule.destination] where named.insert(Self.objectName(network)).inserted {
        lines.append("set address \(Self.objectName(network)) ip-netmask \(network)")
      }
    }
    var services: Set<String> = []
    for rule in rules where services.insert(rule.serviceName).inserted {
      let range =
        rule.ports.lower == rule.ports.upper ? "\(rule.ports.lower)" : "\(rule.ports.lower)-\(rule.ports.upper)"
      lines.append("set service \(rule.serviceName) protocol \(rule.proto) port \(range)")
    }
    for rule in rules {
      let prefix = "set rulebase security rules rule-\(rule.number)"
      lines += [
        "\(prefix) from zone\(rule.from)", "\(prefix) to zone\(rule.to)",
        "\(prefix) source \(Self.objectName(rule.source))",
        "\(prefix) destination \(Self.objectName(rule.destination))",
      ]
      if rule.sourceNegated { lines.append("\(prefix) negate-source yes") }
      let action: String
      switch rule.action {
      case .accept, .log: action = "allow"
      case .drop: action = "deny"
      case .reject: action = "reset-both"
      }
      lines += ["\(prefix) service \(rule.serviceName)", "\(prefix) application any", "\(prefix) action \(action)"]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
