import BulkheadModel
import Foundation

extension NftablesParser {
  /// Service names `nft` may print for ports (`/etc/services`, the common ones).
  static let serviceNames: [String: UInt16] = [
    "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53, "bootps": 67, "bootpc": 68,
    "tftp": 69, "http": 80, "ntp": 123, "snmp": 161, "snmp-trap": 162, "ldap": 389, "https": 443, "smtps": 465,
    "submission": 587, "ldaps": 636, "imaps": 993, "pop3s": 995, "ms-sql-s": 1433, "mqtt": 1883, "ms-wbt-server": 3389,
    "mysql": 3306, "postgresql": 5432, "bgp": 179, "syslog": 514, "modbus": 502, "http-alt": 8080,
  ]

  /// Verdict statements and other statements that end or continue evaluation.
  private func verdict(_ kind: String, _ body: Any) -> RuleAction? {
    switch kind {
    case "accept": return .accept
    case "drop": return .drop
    case "reject": return .reject
    case "return": return .return
    case "continue": return .continue("continue")
    case "jump":
      return ((body as? [String: Any])?["target"] as? String).map { .jump($0) }
    case "goto":
      return ((body as? [String: Any])?["target"] as? String).map { .goto($0) }
    default: return nil
    }
  }

  /// Builds the IR rules of one nft rule; a verdict map yields one rule per map element (same provenance).
  func buildRules(
    _ exprs: [Any], family: String, table: TableKey, provenance: inout Provenance, context: inout Context
  ) -> [Rule] {
    var matches: [Match] = []
    var texts: [String] = []
    var action: RuleAction? = nil
    var logPrefix: String?? = nil
    var pending: [(String, String)] = []  // (what, why)
    var vmapRules: [([Match], RuleAction)] = []
    var notes: [(String, String)] = []

    for expr in exprs {
      guard let object = expr as? [String: Any], object.count == 1, let (kind, body) = object.first else {
        pending.append(("expression", "unreadable expression"))
        continue
      }
      if action != nil {
        notes.append(("\(kind) after the verdict", "never executed"))
        continue
      }
      if let v = verdict(kind, body) {
        action = v
        texts.append(v.description)
        // In an inet table `meta nfproto ipv4 reject` is exported as a bare reject of type icmp: the reject type is
        // all that is left of the family test (icmp: IPv4 only, icmpv6: IPv6 only, icmpx and tcp reset: both).
        if kind == "reject", let type = (body as? [String: Any])?["type"] as? String {
          if type == "icmp" { matches.append(.family(.v4)) }
          if type == "icmpv6" { matches.append(.family(.v6)) }
          if type == "tcp reset" { matches.append(.proto([6], negated: false)) }
        }
        continue
      }
      switch kind {
      case "match":
        guard let m = body as? [String: Any], let op = m["op"] as? String, let left = m["left"], let right = m["right"]
        else {
          pending.append(("match", "unreadable match"))
          continue
        }
        let leftText = NftablesParser.describe(left)
        let rightText = NftablesParser.describe(right)
        texts.append(op == "==" || op == "in" ? "\(leftText) \(rightText)" : "\(leftText) \(op) \(rightText)")
        if let field = NftField.read(left), field == .state, let bits = (right as? [String: Any])?["|"] as? [Any] {
          // `ct state != new,established` compiles to an exact comparison of the state bits with new|established
          // (`cmp neq 0xa`): a packet has one state bit, so `!=` holds for every packet and `==` for none.
          let names = bits.compactMap { $0 as? String }
          if names.count == 1 || op == "in",
            let converted = condition(field, op: op == "in" ? "==" : op, values: names.map { .scalar($0) })
          {
            // A single flag, or `in` (flags: any of the bits), is plain membership.
            matches.append(contentsOf: converted)
          } else if op == "!=" {
            continue
          } else if op == "==" {
            matches.append(.state([], negated: false))
          } else {
            pending.append(("\(leftText) \(op) \(rightText)", "match not modeled"))
          }
        } else if let field = NftField.read(left), let values = values(right, table: table, context: &context),
          let converted = condition(field, op: op, values: values)
        {
          matches.append(contentsOf: converted)
        } else {
          pending.append(("\(leftText) \(op) \(rightText)", "match not modeled"))
        }
      case "counter":
        if let c = body as? [String: Any] {
          provenance.packets = (c["packets"] as? NSNumber)?.uint64Value
          provenance.bytes = (c["bytes"] as? NSNumber)?.uint64Value
        }
        texts.append("counter")
      case "log":
        logPrefix = .some((body as? [String: Any])?["prefix"] as? String)
        texts.append("log")
      case "vmap":
        guard let v = body as? [String: Any], let key = v["key"], let data = v["data"] else {
          pending.append(("vmap", "unreadable verdict map"))
          continue
        }
        let keyText = NftablesParser.describe(key)
        texts.append("\(keyText) vmap \(NftablesParser.describe(data))")
        let field = NftField.read(key)
        for pair in mapElements(data, table: table, context: &context) {
          guard let element = pair.0, let target = pair.1 else {
            pending.append(("vmap element", "verdict map element not understood"))
            continue
          }
          if let field, let converted = condition(field, op: "==", values: [element]) {
            vmapRules.append((converted, target))
          } else {
            vmapRules.append(([.unsupported("\(keyText) \(element)")], target))
            pending.append(("\(keyText) vmap", "verdict map key not modeled"))
          }
        }
        action = .continue("vmap")
      case "limit", "quota", "xt", "synproxy", "connlimit", "numgen", "flow":
        pending.append(
          ("\(kind) \(NftablesParser.describe(body))", "\(kind) statement acts as a condition Bulkhead does not model"))
        texts.append(kind)
      case "dnat", "snat", "masquerade", "redirect", "tproxy":
        notes.append((kind, "NAT is not modeled; reachability is computed on the addresses the filter chains see"))
        texts.append(kind)
      case "queue":
        action = .accept
        notes.append(("queue", "hands the verdict to a userspace program; treated as accept (over-approximates)"))
      case "notrack", "mangle", "set", "meta", "ct", "dup", "fwd", "tcp option", "secmark":
        texts.append(kind)
        if kind == "set" { notes.append(("set", "updates a set at run time; evaluated with the exported contents")) }
      default:
        notes.append((kind, "statement not modeled; evaluation continues after it"))
        texts.append(kind)
      }
    }
    provenance.text = texts.joined(separator: " ")
    let locationPrefix = provenance.line > 0 ? "" : "rule handle \(provenance.handle.map(String.init) ?? "?"): "
    let finalAction = action ?? logPrefix.map { .log($0) } ?? .continue("no verdict")
    for (what, why) in notes {
      context.diagnostics.append(
        Diagnostic(
          .note, .nftStatement, "\(locationPrefix)\(what): \(why)",
          at: SourceLocation(file: file, line: provenance.line)))
    }
    for (what, why) in pending {
      matches.append(.unsupported(what))
      let assumed = Rule(matches: [], action: finalAction, provenance: provenance).assumesUnsupportedMatch
      context.diagnostics.append(
        Diagnostic(
          .warning, .unsupportedMatch,
          "\(locationPrefix)\(why): '\(what)' is not modeled; assumed to \(assumed ? "match (the rule does not drop)" : "never match (the rule drops, rejects or returns)")",
          at: SourceLocation(file: file, line: provenance.line)))
    }
    if case .continue("vmap") = finalAction {
      // nft looks the key up once; map elements never overlap, so trying them in turn is the same thing.
      return vmapRules.map { (extra, target) in
        Rule(matches: matches + extra, action: target, provenance: provenance)
      }
    }
    return [Rule(matches: matches, action: finalAction, provenance: provenance)]
  }
}
