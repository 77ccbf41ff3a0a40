/// What a flow reveals about its own protection: authentication, encryption and the negotiated policy.
public struct SecurityProperties: Hashable, Sendable, Codable {
  /// Whether the peers authenticated (a user identity, a signed channel, DNP3 Secure Authentication …).
  public var authenticated: ObservedAnswer
  /// Whether the application payload is encrypted.
  public var encrypted: ObservedAnswer
  /// The negotiated security policy, e.g. the OPC UA SecurityPolicyUri.
  public var policy: String?
  /// The negotiated message security mode, e.g. OPC UA `None`, `Sign`, `SignAndEncrypt`.
  public var mode: String?
  /// The kind of user identity presented, e.g. OPC UA `anonymous`, `username`, `certificate`.
  public var userIdentity: String?

  /// Creates security properties; everything unknown by default.
  public init(
    authenticated: ObservedAnswer = .unknown, encrypted: ObservedAnswer = .unknown, policy: String? = nil,
    mode: String? = nil, userIdentity: String? = nil
  ) {
    self.authenticated = authenticated
    self.encrypted = encrypted
    self.policy = policy
    self.mode = mode
    self.userIdentity = userIdentity
  }
}
