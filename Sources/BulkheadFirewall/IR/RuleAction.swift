/// What a rule does with a packet it matches.
public enum RuleAction: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Let the packet through (terminal in its base chain).
  case accept
  /// Silently discard the packet.
  case drop
  /// Discard and answer (ICMP unreachable / TCP RST); a deny for reachability.
  case reject
  /// Evaluate a user chain, then continue after this rule if it returns.
  case jump(String)
  /// Evaluate a user chain; on return continue in the caller of the current chain (iptables `-g`, nft `goto`).
  case goto(String)
  /// Leave the current chain (in a base chain: apply the policy).
  case `return`
  /// Log and continue with the next rule (iptables `LOG`, nft `log`).
  case log(String?)
  /// A target that does not decide the verdict for filtering (MARK, CT, counter-only…): evaluation continues.
  case `continue`(String)

  /// Whether the action ends evaluation of the packet with a verdict.
  public var isTerminal: Bool {
    switch self {
    case .accept, .drop, .reject: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .accept: "accept"
    case .drop: "drop"
    case .reject: "reject"
    case .jump(let chain): "jump \(chain)"
    case .goto(let chain): "goto \(chain)"
    case .return: "return"
    case .log(let prefix): prefix.map { "log \"\($0)\"" } ?? "log"
    case .continue(let what): "continue (\(what))"
    }
  }
}
