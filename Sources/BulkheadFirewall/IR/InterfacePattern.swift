/// An interface name as a rule names it: exact (`eth0`) or a prefix wildcard (`eth+` in iptables, `eth*` in nft).
public struct InterfacePattern: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The name, or the prefix when ``isWildcard`` is set.
  public var name: String
  /// Whether any interface whose name starts with ``name`` matches.
  public var isWildcard: Bool

  /// Creates a pattern.
  public init(name: String, isWildcard: Bool) {
    self.name = name
    self.isWildcard = isWildcard
  }

  /// Parses the iptables spelling: a trailing `+` makes a prefix wildcard (iptables(8), `-i`).
  public init(iptables text: Substring) {
    if text.hasSuffix("+") {
      self.init(name: String(text.dropLast()), isWildcard: true)
    } else {
      self.init(name: String(text), isWildcard: false)
    }
  }

  /// Whether an interface name matches; `nil` (no interface, e.g. locally generated) matches nothing.
  public func matches(_ interface: String?) -> Bool {
    guard let interface else { return false }
    return isWildcard ? interface.hasPrefix(name) : interface == name
  }

  public var description: String { isWildcard ? name + "+" : name }
}
