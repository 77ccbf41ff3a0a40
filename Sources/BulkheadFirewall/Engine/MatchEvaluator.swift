/// Decides whether one rule's conditions hold for one concrete packet.
public enum MatchEvaluator {
  /// Whether a single condition holds; `nil` for an unsupported condition (the caller applies the policy).
  public static func holds(_ match: Match, for packet: Packet) -> Bool? {
    switch match {
    case .family(let family):
      return packet.source.family == family
    case .source(let ranges, let negated):
      return ranges.contains { $0.contains(packet.source) } != negated
    case .destination(let ranges, let negated):
      return ranges.contains { $0.contains(packet.destination) } != negated
    case .proto(let protos, let negated):
      return protos.contains(packet.proto) != negated
    case .sourcePort(let ranges, let negated):
      // A port condition implies a port-carrying protocol in both polarities (nft adds the l4proto dependency;
      // iptables requires `-p tcp|udp` for the match to load at all).
      return packet.hasPorts && (ranges.contains { $0.contains(packet.sourcePort) } != negated)
    case .destinationPort(let ranges, let negated):
      return packet.hasPorts && (ranges.contains { $0.contains(packet.destinationPort) } != negated)
    case .anyPort(let ranges, let negated):
      let listed = ranges.contains { $0.contains(packet.sourcePort) || $0.contains(packet.destinationPort) }
      return packet.hasPorts && (listed != negated)
    case .icmp(let family, let type, let codes, let negated):
      guard packet.isICMP, packet.source.family == family else { return false }
      let typeOK = type.map { $0.contains(packet.icmpType) } ?? true
      let codeOK = codes.map { $0.contains(packet.icmpCode) } ?? true
      return (typeOK && codeOK) != negated
    case .inInterface(let patterns, let negated):
      return patterns.contains { $0.matches(packet.inInterface) } != negated
    case .outInterface(let patterns, let negated):
      return patterns.contains { $0.matches(packet.outInterface) } != negated
    case .state(let states, let negated):
      return states.contains(packet.state) != negated
    case .unsupported:
      return nil
    }
  }

  /// Whether the rule matches, applying the unsupported-condition policy of ``Rule/assumesUnsupportedMatch``.
  public static func matches(_ rule: Rule, _ packet: Packet) -> Bool {
    for match in rule.matches {
      let result = holds(match, for: packet) ?? rule.assumesUnsupportedMatch
      if !result { return false }
    }
    return true
  }
}
