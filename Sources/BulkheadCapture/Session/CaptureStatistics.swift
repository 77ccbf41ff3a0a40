/// Counters over a whole session: what was read and why anything was not decoded.
public struct CaptureStatistics: Hashable, Sendable, Codable {
  /// Packet records read from all files.
  public var packetsRead: UInt64 = 0
  /// Sum of original (wire) frame lengths.
  public var frameBytes: UInt64 = 0
  /// Size of all files read.
  public var fileBytes: UInt64 = 0
  /// Packets that reached the flow table.
  public var packetsInFlows: UInt64 = 0
  /// Packets not decoded, by ``NotDecodedReason`` raw value.
  public var notDecoded: [String: UInt64] = [:]
  /// Packets on interfaces whose link type has no decoder, keyed `file#interface linktype N`.
  public var unknownLinkTypes: [String: UInt64] = [:]
  /// IPv4/IPv6 fragments seen.
  public var fragments: UInt64 = 0
  /// Datagrams rebuilt from fragments.
  public var reassembledDatagrams: UInt64 = 0
  /// ARP packets, and MAC↔IP bindings learned from them.
  public var arpPackets: UInt64 = 0
  /// Flows finished (all transports).
  public var flows: UInt64 = 0
  /// Most flows live at once (what memory is bounded by).
  public var peakLiveFlows: UInt64 = 0
  /// Packets whose captured length was below their wire length (snaplen cut).
  public var snaplenCutPackets: UInt64 = 0

  /// Creates zeroed statistics.
  public init() {}

  /// Adds another session's counters to these.
  public mutating func add(_ other: CaptureStatistics) {
    packetsRead += other.packetsRead
    frameBytes += other.frameBytes
    fileBytes += other.fileBytes
    packetsInFlows += other.packetsInFlows
    notDecoded.merge(other.notDecoded, uniquingKeysWith: +)
    unknownLinkTypes.merge(other.unknownLinkTypes, uniquingKeysWith: +)
    fragments += other.fragments
    reassembledDatagrams += other.reassembledDatagrams
    arpPackets += other.arpPackets
    flows += other.flows
    peakLiveFlows += other.peakLiveFlows
    snaplenCutPackets += other.snaplenCutPackets
  }

  /// Total packets not decoded.
  public var packetsNotDecoded: UInt64 { notDecoded.values.reduce(0, +) }
}
