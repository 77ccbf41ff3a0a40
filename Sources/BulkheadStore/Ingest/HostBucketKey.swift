import BulkheadModel

/// A host in one hour bucket at one capture point, with one MAC it was seen with (nil when the link had none).
public struct HostBucketKey: Hashable, Sendable {
  /// Start of the hour bucket, seconds since the epoch.
  public var bucket: Int64
  /// Where it was seen.
  public var capturePoint: String
  /// Its address.
  public var address: IPAddress
  /// A MAC it used, nil when none was seen.
  public var mac: MACAddress?
  /// True when the host sent traffic in a flow with this MAC (it opened a flow, or answered one); false when the
  /// capture's asset view (ARP, other frames) bound the MAC to the address.
  public var inFlow: Bool

  /// Creates a key.
  public init(bucket: Int64, capturePoint: String, address: IPAddress, mac: MACAddress?, inFlow: Bool = true) {
    self.bucket = bucket
    self.capturePoint = capturePoint
    self.address = address
    self.mac = mac
    self.inFlow = inFlow
  }
}
