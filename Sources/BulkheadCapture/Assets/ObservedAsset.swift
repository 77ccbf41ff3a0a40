import BulkheadModel

/// A device seen in traffic: an IP address with the MAC addresses it used, or a MAC address that never showed an IP.
public struct ObservedAsset: Hashable, Sendable, Codable {
  /// The IP address, or `nil` for a link-layer-only device (e.g. a PROFINET or GOOSE sender).
  public var ipAddress: IPAddress?
  /// MAC addresses seen with this IP (a router's MAC appears with many remote IPs), sorted.
  public var macAddresses: [MACAddress]
  /// Vendor of each MAC from the IEEE OUI table, in the same order (empty string when unknown).
  public var vendors: [String]
  /// First packet time.
  public var firstSeen: CaptureTimestamp
  /// Last packet time.
  public var lastSeen: CaptureTimestamp
  /// Client and server roles from flows, sorted.
  public var roles: [ServiceRole]
  /// The IP↔MAC binding was stated by ARP (not only inferred from IP packets).
  public var seenInARP: Bool

  /// Creates an asset.
  public init(
    ipAddress: IPAddress?, macAddresses: [MACAddress] = [], vendors: [String] = [], firstSeen: CaptureTimestamp,
    lastSeen: CaptureTimestamp, roles: [ServiceRole] = [], seenInARP: Bool = false
  ) {
    self.ipAddress = ipAddress
    self.macAddresses = macAddresses
    self.vendors = vendors
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.roles = roles
    self.seenInARP = seenInARP
  }
}
