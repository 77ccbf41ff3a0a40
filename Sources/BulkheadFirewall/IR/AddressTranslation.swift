/// One address translation a configuration declares (FortiGate VIP, ASA object NAT, PAN NAT rule, iptables DNAT):
/// the IR's slot for NAT where it changes reachability. Recorded with its provenance and reported; the engine does
/// not rewrite packets with it (reachability is computed on the addresses the filters see).
public struct AddressTranslation: Hashable, Sendable, Codable {
  /// Which address is rewritten.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// The destination (port forwarding, VIP): traffic to `original` reaches `translated`.
    case destination
    /// The source (masquerade, hide NAT).
    case source
  }

  /// Which address is rewritten.
  public var kind: Kind
  /// The addresses before translation (empty when the configuration does not say, e.g. masquerade).
  public var original: [AddressRange]
  /// The addresses after translation (empty when chosen at run time).
  public var translated: [AddressRange]
  /// The interface it is bound to, when it is bound to one.
  public var interface: String?
  /// Where it was written.
  public var provenance: Provenance

  /// Creates a translation.
  public init(
    kind: Kind, original: [AddressRange], translated: [AddressRange], interface: String? = nil,
    provenance: Provenance
  ) {
    self.kind = kind
    self.original = original
    self.translated = translated
    self.interface = interface
    self.provenance = provenance
  }
}
