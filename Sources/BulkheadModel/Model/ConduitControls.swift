/// The security controls a conduit requires besides its firewalls (IEC 62443-3-3 SR 1.1, SR 4.1, SR 5.1, SR 5.2).
public struct ConduitControls: Hashable, Sendable, Codable {
  /// Every flow must authenticate its user or device (SR 1.1 / SR 1.2).
  public var authentication: Bool
  /// Every flow must be encrypted in transit (SR 4.1).
  public var encryption: Bool
  /// The asset every flow must terminate at (a broker, proxy or jump host), or `nil`.
  public var proxy: String?
  /// Traffic may only pass one way, through a unidirectional gateway (data diode) (SR 5.2 RE 3).
  public var unidirectional: Bool

  /// Creates controls; the defaults require nothing.
  public init(
    authentication: Bool = false, encryption: Bool = false, proxy: String? = nil, unidirectional: Bool = false
  ) {
    self.authentication = authentication
    self.encryption = encryption
    self.proxy = proxy
    self.unidirectional = unidirectional
  }
}
