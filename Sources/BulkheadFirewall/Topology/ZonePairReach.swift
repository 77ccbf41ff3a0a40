/// One cell of the zone matrix: what one zone may send to another, through which firewalls.
public struct ZonePairReach: Hashable, Sendable, Encodable {
  /// Source zone id.
  public var from: String
  /// Destination zone id.
  public var to: String
  /// The firewalls crossed, in topology order; empty means no firewall separates the zones.
  public var firewalls: [String]
  /// The allowed services, each with a witness packet.
  public var services: [ServiceSummary]

  /// Creates a cell.
  public init(from: String, to: String, firewalls: [String], services: [ServiceSummary]) {
    self.from = from
    self.to = to
    self.firewalls = firewalls
    self.services = services
  }
}
