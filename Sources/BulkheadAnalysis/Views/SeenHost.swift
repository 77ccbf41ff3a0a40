import BulkheadModel

/// A host the captures show taking part in IP traffic.
public struct SeenHost: Hashable, Comparable, Sendable, Codable {
  /// Its address.
  public var address: IPAddress
  /// MAC addresses seen with it (from ARP and Ethernet frames).
  public var macs: [MACAddress]
  /// The MAC vendor, from the IEEE OUI table, when known.
  public var vendor: String?
  /// First and last packet time.
  public var firstSeen: Double
  /// Last packet time.
  public var lastSeen: Double
  /// Services it answered on (`tcp/502`) and services it used as a client.
  public var serves: [String]
  /// Services it opened as a client.
  public var uses: [String]
  /// Where it first appears (capture file, packet number).
  public var seenAt: SourceLocation?

  /// Creates a host record.
  public init(
    address: IPAddress, macs: [MACAddress] = [], vendor: String? = nil, firstSeen: Double = 0, lastSeen: Double = 0,
    serves: [String] = [], uses: [String] = [], seenAt: SourceLocation? = nil
  ) {
    self.address = address
    self.macs = macs
    self.vendor = vendor
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.serves = serves
    self.uses = uses
    self.seenAt = seenAt
  }

  public static func < (lhs: SeenHost, rhs: SeenHost) -> Bool { lhs.address < rhs.address }
}
