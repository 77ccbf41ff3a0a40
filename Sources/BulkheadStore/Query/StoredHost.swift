import BulkheadModel

/// A host over a window: when it was first and last seen sending traffic, the MACs it used, and the MACs the
/// capture's asset view bound to it.
public struct StoredHost: Hashable, Sendable {
  public var address: IPAddress
  public var firstSeen: Double
  public var lastSeen: Double
  /// MACs seen on its flows' frames.
  public var flowMACs: [MACAddress]
  /// MACs bound to it by ARP or other frames.
  public var boundMACs: [MACAddress]
}
