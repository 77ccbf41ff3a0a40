import BulkheadModel
import Foundation

extension NftablesParser {
  /// Reads the right side of a match into elements: a scalar, a list (flags), `{"set": […]}`, a range, a prefix,
  /// or `"@name"` (a named set of the same table).
  func values(_ right: Any, table: TableKey, context: inout Context) -> [NftValue]? {
    if let name = right as? String, name.hasPrefix("@") {
      let setName = String(name.dropFirst())
      guard let elements = context.sets[table]?[setName] else { return nil }
      if context.dynamicSets.contains("\(table.family) \(table.name) \(setName)") {
        context.diagnostics.append(
          Diagnostic(
            .note, .dynamicSet,
            "set \(setName) is updated at run time (dynamic/timeout); evaluated with the \(elements.count) exported element(s)",
            at: SourceLocation(file: file)))
      }
      return elements.compactMap(NftValue.element)
    }
    if let list = right as? [Any] { return list.compactMap(NftValue.element) }
    if let object = right as? [String: Any], let set = object["set"] {
      if let list = set as? [Any] { return list.compactMap(NftValue.element) }
      return NftValue.element(set).map { [$0] }
    }
    return NftValue.element(right).map { [$0] }
  }

  /// Reads verdict-map elements `[[key, {"accept": null}], …]` from an anonymous set or a named map.
  func mapElements(_ data: Any, table: TableKey, context: inout Context) -> [(NftValue?, RuleAction?)] {
    var pairs: [Any] = []
    if let name = data as? String, name.hasPrefix("@") {
      pairs = context.sets[table]?[String(name.dropFirst())] ?? []
    } else if let object = data as? [String: Any], let set = object["set"] as? [Any] {
      pairs = set
    }
    return pairs.map { pair in
      guard let kv = pair as? [Any], kv.count == 2 else { return (nil, nil) }
      var action: RuleAction? = nil
      if let v = kv[1] as? [String: Any], let (kind, body) = v.first {
        switch kind {
        case "accept": action = .accept
        case "drop": action = .drop
        case "reject": action = .reject
        case "return": action = .return
        case "continue": action = .continue("continue")
        case "jump": action = ((body as? [String: Any])?["target"] as? String).map { .jump($0) }
        case "goto": action = ((body as? [String: Any])?["target"] as? String).map { .goto($0) }
        default: action = nil
        }
      }
      return (NftValue.element(kv[0]), action)
    }
  }

  /// Converts `field op values` into IR conditions, or `nil` when some part is not expressible.
  func condition(_ field: NftField, op: String, values: [NftValue]) -> [Match]? {
    let negated: Bool
    switch op {
    case "==", "in": negated = false
    case "!=": negated = true
    case "<", ">", "<=", ">=":
      // Only ports have an order worth modeling.
      guard values.count == 1, case .scalar(let text) = values[0], let port = port(text) else { return nil }
      let range: PortRange
      switch op {
      case "<":
        guard port > 0 else { return nil }
        range = PortRange(lower: 0, upper: port - 1)
      case "<=": range = PortRange(lower: 0, upper: port)
      case ">":
        guard port < .max else { return nil }
        range = PortRange(lower: port + 1, upper: .max)
      default: range = PortRange(lower: port, upper: .max)
      }
      switch field {
      case .sourcePort(let p):
        return (p.map { [Match.proto([$0], negated: false)] } ?? []) + [.sourcePort([range], negated: false)]
      case .destinationPort(let p):
        return (p.map { [Match.proto([$0], negated: false)] } ?? []) + [.destinationPort([range], negated: false)]
      default: return nil
      }
    default: return nil
    }
    switch field {
    case .sourceAddress(let family), .destinationAddress(let family):
      var ranges: [AddressRange] = []
      for value in values {
        guard let r = addressRange(value), r.family == family else { return nil }
        ranges.append(r)
      }
      if case .sourceAddress = field { return [.family(family), .source(ranges, negated: negated)] }
      return [.family(family), .destination(ranges, negated: negated)]
    case .proto(let family):
      var protos: Set<UInt8> = []
      for value in values {
        switch value {
        case .scalar(let t):
          guard let n = ProtocolNames.number(Substring(t)) else { return nil }
          protos.insert(n)
        case .range(let a, let b):
          guard let x = ProtocolNames.number(Substring(a)), let y = ProtocolNames.number(Substring(b)), x <= y
          else { return nil }
          for n in x...y { protos.insert(n) }
        case .prefix: return nil
        }
      }
      return (family.map { [Match.family($0)] } ?? []) + [.proto(protos, negated: negated)]
    case .sourcePort(let p), .destinationPort(let p):
      var ranges: [PortRange] = []
      for value in values {
        switch value {
        case .scalar(let t):
          guard let n = port(t) else { return nil }
          ranges.append(PortRange(n))
        case .range(let a, let b):
          guard let x = port(a), let y = port(b), x <= y else { return nil }
          ranges.append(PortRange(lower: x, upper: y))
        case .prefix: return nil
        }
      }
      let protoMatch = p.map { [Match.proto([$0], negated: false)] } ?? []
      if case .sourcePort = field { return protoMatch + [.sourcePort(ranges, negated: negated)] }
      return protoMatch + [.destinationPort(ranges, negated: negated)]
    case .icmpType(let family), .icmpCode(let family):
      var numbers: Set<UInt8> = []
      let isType: Bool
      if case .icmpType = field { isType = true } else { isType = false }
      for value in values {
        switch value {
        case .scalar(let t):
          if let n = UInt8(t) {
            numbers.insert(n)
          } else if isType,
            let (type, code) = (family == .v4 ? IptablesValues.icmpNames : IptablesValues.icmpv6Names)[t],
            code == nil
          {
            numbers.insert(type)
          } else if !isType, let code = NftablesParser.icmpCodeNames[t] {
            numbers.insert(code)
          } else {
            return nil
          }
        case .range(let a, let b):
          guard let x = UInt8(a), let y = UInt8(b), x <= y else { return nil }
          for n in x...y { numbers.insert(n) }
        case .prefix: return nil
        }
      }
      let proto: UInt8 = family == .v4 ? 1 : 58
      return [
        .family(family), .proto([proto], negated: false),
        .icmp(family, types: isType ? numbers : nil, codes: isType ? nil : numbers, negated: negated),
      ]
    case .inName, .outName:
      var patterns: [InterfacePattern] = []
      for value in values {
        guard case .scalar(let t) = value else { return nil }
        // nft spells a prefix wildcard `eth*`; `\*` is a literal star.
        if t.hasSuffix("*") && !t.hasSuffix("\\*") {
          patterns.append(InterfacePattern(name: String(t.dropLast()), isWildcard: true))
        } else {
          patterns.append(InterfacePattern(name: t.replacingOccurrences(of: "\\*", with: "*"), isWildcard: false))
        }
      }
      if case .inName = field { return [.inInterface(patterns, negated: negated)] }
      return [.outInterface(patterns, negated: negated)]
    case .state:
      var states: Set<ConnectionState> = []
      for value in values {
        guard case .scalar(let t) = value else { return nil }
        if let s = ConnectionState(rawValue: t) {
          states.insert(s)
        } else if t != "untracked" {
          return nil
        }
        // `untracked` never applies to a forwarded packet Bulkhead models (every modeled packet is tracked).
      }
      return [.state(states, negated: negated)]
    case .family:
      var families: Set<IPAddress.Family> = []
      for value in values {
        guard case .scalar(let t) = value else { return nil }
        switch t {
        case "ipv4", "ip", "2": families.insert(.v4)
        case "ipv6", "ip6", "10": families.insert(.v6)
        default: return nil
        }
      }
      let chosen = negated ? Set([IPAddress.Family.v4, .v6]).subtracting(families) : families
      if chosen.count == 2 { return [] }
      if let only = chosen.first { return [.family(only)] }
      return [.proto([], negated: false)]  // matches nothing
    }
  }

  /// ICMP code names nft prints (`nft describe icmp code`).
  static let icmpCodeNames: [String: UInt8] = [
    "net-unreachable": 0, "host-unreachable": 1, "prot-unreachable": 2, "port-unreachable": 3, "frag-needed": 4,
    "net-prohibited": 9, "host-prohibited": 10, "admin-prohibited": 13, "no-route": 0, "addr-unreachable": 3,
    "policy-fail": 5, "reject-route": 6,
  ]

  private func port(_ text: String) -> UInt16? {
    UInt16(text) ?? NftablesParser.serviceNames[text]
  }

  private func addressRange(_ value: NftValue) -> AddressRange? {
    switch value {
    case .scalar(let t):
      if let net = IPNetwork(t) { return AddressRange(net) }
      return nil
    case .range(let a, let b):
      guard let x = IPAddress(a), let y = IPAddress(b) else { return nil }
      return AddressRange(first: x, last: y)
    case .prefix(let a, let len):
      guard let addr = IPAddress(a), len >= 0, len <= addr.family.bitWidth else { return nil }
      return AddressRange(IPNetwork(address: addr, prefixLength: len))
    }
  }

  /// nft-like text of an expression, for rule text and diagnostics.
  static func describe(_ any: Any) -> String {
    if let s = any as? String { return s.contains(" ") ? "\"\(s)\"" : s }
    if let n = any as? NSNumber { return n.stringValue }
    if let list = any as? [Any] { return list.map(describe).joined(separator: ",") }
    guard let object = any as? [String: Any] else { return "?" }
    if let payload = object["payload"] as? [String: Any] {
      return "\(payload["protocol"] as? String ?? "?") \(payload["field"] as? String ?? "?")"
    }
    if let meta = object["meta"] as? [String: Any] { return "meta \(meta["key"] as? String ?? "?")" }
    if let ct = object["ct"] as? [String: Any] { return "ct \(ct["key"] as? String ?? "?")" }
    if let set = object["set"] { return "{ \(describe(set is [Any] ? set : [set])) }" }
    if let range = object["range"] as? [Any], range.count == 2 { return "\(describe(range[0]))-\(describe(range[1]))" }
    if let prefix = object["prefix"] as? [String: Any] {
      return "\(describe(prefix["addr"] ?? "?"))/\(describe(prefix["len"] ?? "?"))"
    }
    if let elem = object["elem"] as? [String: Any], let val = elem["val"] { return describe(val) }
    if let (key, value) = object.first, object.count == 1 {
      if value is NSNull { return key }
      return "\(key) \(describe(value))"
    }
    return object.keys.sorted().map { "\($0) \(describe(object[$0] ?? "?"))" }.joined(separator: " ")
  }
}
