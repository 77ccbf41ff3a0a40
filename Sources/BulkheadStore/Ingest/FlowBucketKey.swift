import BulkheadModel

/// What a stored flow row is keyed by: the hour, the capture point, the flow key (both ends, service, transport,
/// VLAN) and the facts a rule decides on (application, security, whether it was answered).
///
/// Flows that agree on all of these in one hour at one capture point are one row with counts.
public struct FlowBucketKey: Hashable, Sendable {
  /// Start of the hour bucket, seconds since the Unix epoch.
  public var bucket: Int64
  /// Where it was seen (`fw-itot/ent0`, or the capture file's path).
  public var capturePoint: String
  /// The host that opened the flows.
  public var initiator: IPAddress
  /// The host that answered (or was addressed).
  public var responder: IPAddress
  /// The service port (0 without ports).
  public var responderPort: UInt16
  /// IP protocol number.
  public var transport: UInt8
  /// VLAN ids as the flow table packs them (0 untagged).
  public var vlan: UInt32
  /// Application protocol by content, "" when none was recognised.
  public var application: String
  /// Protocol security mode, "" when it has none.
  public var securityMode: String
  /// Authenticated: 1 yes, 0 no, -1 unknown.
  public var authenticated: Int8
  /// Encrypted: 1 yes, 0 no, -1 unknown.
  public var encrypted: Int8
  /// Whether the responder answered.
  public var answered: Bool
  /// Whether the initiator is known from the handshake.
  public var initiatorCertain: Bool

  /// Creates a key.
  public init(
    bucket: Int64, capturePoint: String, initiator: IPAddress, responder: IPAddress, responderPort: UInt16,
    transport: UInt8, vlan: UInt32 = 0, application: String = "", securityMode: String = "",
    authenticated: Int8 = -1, encrypted: Int8 = -1, answered: Bool = true, initiatorCertain: Bool = true
  ) {
    self.bucket = bucket
    self.capturePoint = capturePoint
    self.initiator = initiator
    self.responder = responder
    self.responderPort = responderPort
    self.transport = transport
    self.vlan = vlan
    self.application = application
    self.securityMode = securityMode
    self.authenticated = authenticated
    self.encrypted = encrypted
    self.answered = answered
    self.initiatorCertain = initiatorCertain
  }

  /// The hour bucket a time falls in.
  public static func bucket(of seconds: Double) -> Int64 {
    guard seconds.isFinite else { return 0 }
    return Int64((seconds / 3600).rounded(.down)) * 3600
  }

  /// The same key at another capture point (read-time merging folds capture points together).
  func at(_ point: String) -> FlowBucketKey {
    var key = self
    key.capturePoint = point
    return key
  }
}
