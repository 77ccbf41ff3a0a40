/// Settings of a capture session.
public struct CaptureOptions: Sendable {
  /// A flow with no packet for this long (capture time, nanoseconds) is finished and emitted; bounds memory by the
  /// number of live flows. Default 10 minutes; 0 disables idle eviction.
  public var idleTimeoutNanoseconds: Int64 = 600_000_000_000
  /// Key flows by VLAN as well as the 5-tuple (the same 5-tuple on two VLANs is two flows). Turn off for SPAN
  /// sources that tag only one direction (a trunk mirrored against an access port), where a VLAN key would split
  /// every conversation in two; tshark's conversation table ignores VLANs. The record keeps the first packet's tags.
  public var vlanInFlowKey = true
  /// Keep every finished flow in ``CaptureReport/flows`` (turn off when ``CaptureSession/onFlowEnd`` streams them).
  public var collectFlows = true
  /// Build the asset view (IP/MAC, vendor, roles).
  public var collectAssets = true
  /// Most out-of-order TCP bytes buffered per flow direction before the missing bytes are declared a gap.
  public var reorderBufferLimit = 256 * 1024
  /// Most IP datagrams held for fragment reassembly at once (each holds at most 128 KiB).
  public var fragmentTableLimit = 256
  /// Where the IEEE OUI table is read from for MAC vendors (Debian `ieee-data`).
  public var ouiTablePath = "/usr/share/ieee-data/oui.txt"

  /// Read only this share of the flows (see ``CaptureShard``); `nil` reads them all.
  public var shard: CaptureShard?

  /// Default settings.
  public init() {}
}
