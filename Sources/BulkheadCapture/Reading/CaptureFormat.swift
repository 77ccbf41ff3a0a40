/// A capture file format, recognised from the first four bytes only (never the extension).
enum CaptureFormat: Equatable {
  /// Classic libpcap; `swapped` when the file's byte order is big-endian, `nanosecond` for the 0xa1b23c4d magic.
  case pcap(swapped: Bool, nanosecond: Bool)
  /// pcapng (the Section Header Block type 0x0A0D0D0A is byte-order independent).
  case pcapng
  /// Anything else.
  case unknown(UInt32)

  /// Recognises the format from the file's first bytes.
  static func detect(_ data: UnsafeRawBufferPointer) -> CaptureFormat {
    guard data.count >= 4, let base = data.baseAddress else { return .unknown(0) }
    let magic = Wire.le32(base, 0)
    switch magic {
    case 0xa1b2_c3d4: return .pcap(swapped: false, nanosecond: false)
    case 0xa1b2_3c4d: return .pcap(swapped: false, nanosecond: true)
    case 0xd4c3_b2a1: return .pcap(swapped: true, nanosecond: false)
    case 0x4d3c_b2a1: return .pcap(swapped: true, nanosecond: true)
    case 0x0a0d_0d0a: return .pcapng
    default: return .unknown(magic)
    }
  }

  /// The name used in file summaries.
  var name: String {
    switch self {
    case .pcap(let swapped, let ns): "pcap" + (ns ? "-ns" : "") + (swapped ? "-big-endian" : "")
    case .pcapng: "pcapng"
    case .unknown: "unknown"
    }
  }
}
