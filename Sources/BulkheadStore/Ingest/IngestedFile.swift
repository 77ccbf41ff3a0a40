/// One batch the store took in: a capture file or log (identified by the SHA-256 of its content) or a live flush.
public struct IngestedFile: Hashable, Sendable {
  /// What the batch came from.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// A pcap or pcapng file.
    case capture
    /// A Zeek or ICSNPP log set.
    case zeek
    /// A flush of `bulkhead monitor`.
    case live
  }

  /// SHA-256 of the content, lower-case hex (for a live flush: of the interface, the flush time and its number).
  public var sha256: String
  /// The path as given, relative to the plant directory where it lies inside it.
  public var path: String
  /// Size in bytes.
  public var size: Int
  /// What it was.
  public var kind: Kind
  /// Where it was recorded.
  public var capturePoint: String
  /// Time span of its flows, nil when it had none.
  public var firstSeen: Double?
  public var lastSeen: Double?
  /// Packets read (records for logs).
  public var packets: Int
  /// Flows, packets and bytes it added to ``flow_bucket`` (the consistency check compares them).
  public var flows: Int
  public var flowPackets: Int
  public var flowBytes: Int
  /// When it was taken in (RFC 3339), and by which Bulkhead version.
  public var ingestedAt: String
  public var toolVersion: String

  /// Creates a record.
  public init(
    sha256: String, path: String, size: Int, kind: Kind, capturePoint: String, firstSeen: Double? = nil,
    lastSeen: Double? = nil, packets: Int = 0, flows: Int = 0, flowPackets: Int = 0, flowBytes: Int = 0,
    ingestedAt: String, toolVersion: String
  ) {
    self.sha256 = sha256
    self.path = path
    self.size = size
    self.kind = kind
    self.capturePoint = capturePoint
    self.firstSeen = firstSeen
    self.lastSeen = lastSeen
    self.packets = packets
    self.flows = flows
    self.flowPackets = flowPackets
    self.flowBytes = flowBytes
    self.ingestedAt = ingestedAt
    self.toolVersion = toolVersion
  }
}
