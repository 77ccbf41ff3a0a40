import BulkheadModel

extension RulesetGenerator {
  /// FortiOS: one interface per zone, one address object per network and one custom service per service the plan
  /// uses, and one policy per planned rule (logs left out: a FortiGate policy always decides), `srcintf`/`dstintf`
  /// naming the pair's interfaces, in plan order. Reject is `deny` (FortiOS sends no reset unless
  /// `send-deny-packet` is set; either way the packet does not pass).
  func fortiGateText(_ plan: [GeneratedRule]) -> String {
    let policies = plan.filter { $0.action != .log }
    var lines = ["#config-version=FGT600E-7.2.8-FW-build1639:opmode=0:vdom=0:user=bench", "config system interface"]
    for i in 0..<zones {
      lines += [
        "    edit \"\(interface(i, dialect: .fortigate))\"", "        set vdom \"root\"",
        "        set ip \(IPAddress(v4: network(i).address.v4Value | 1)) 255.255.0.0", "    next",
      ]
    }
    lines.append("end")
    lines.append("config firewall address")
    var named: Set<String> = []
    for rule in policies {
      for network in [rule.source, rule.destination] where named.insert(Self.objectName(network)).inserted {
        lines += ["    edit \"\(Self.objectName(network))\"", "        set subnet \(network)", "    next"]
      }
    }
    lines.append("end")
    lines.append("config firewall service custom")
    var services: Set<String> = []
    for rule in policies where services.insert(rule.serviceName).inserted {
      let range =
        rule.ports.lower == rule.ports.upper ? "\(rule.ports.lower)" : "\(rule.ports.lower)-\(rule.ports.upper)"
      lines += ["    edit \"\(rule.serviceName)\"", "        set \(rule.proto)-portrange \(range)", "    next"]
    }
    lines.append("end")
    lines.append("config firewall policy")
    for (index, rule) in policies.enumerated() {
      lines += [
        "    edit \(index + 1)", "        set name \"rule-\(rule.number)\"",
        "        set srcintf \"\(interface(rule.from, dialect: .fortigate))\"",
        "        set dstintf \"\(interface(rule.to, dialect: .fortigate))\"",
        "        set srcaddr \"\(Self.objectName(rule.source))\"",
        "        set dstaddr \"\(Self.objectName(rule.destination))\"",
      ]
      if rule.sourceNegated { lines.append("        set srcaddr-negate enable") }
      lines += [
        "        set action \(rule.action == .accept ? "accept" : "deny")", "        set schedule \"always\"",
        "        set service \"\(rule.serviceName)\"", "    next",
      ]
    }
    lines.append("end")
    return lines.joined(separator: "\n") + "\n"
  }

}
