/// One fact a flow states about itself in its protocol's own terms, e.g. `sni` = `historian.plant.local`, `dialect`
/// = `3.1.1`, `community` = `public`: what an engineer reads in tshark or a Zeek log, kept for reports and rules.
public struct ProtocolAttribute: Hashable, Comparable, Sendable, Codable {
  /// The fact's name, lower case with dashes, stable per protocol (`version`, `sni`, `cipher`, `alpn` …).
  public var name: String
  /// Its value as the protocol spells it (names, not codes, where the specification names them).
  public var value: String

  /// Creates an attribute.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }

  public static func < (lhs: ProtocolAttribute, rhs: ProtocolAttribute) -> Bool {
    lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
  }
}
