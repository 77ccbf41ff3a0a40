import BulkheadModel

/// Which addresses name a single host (and so can be an asset): not multicast, broadcast, link-local or unspecified.
enum HostAddress {
  static func isUnicastHost(_ address: IPAddress) -> Bool {
    switch address.family {
    case .v4:
      let v = address.v4Value
      let first = v >> 24
      // RFC 5771 multicast 224/4, RFC 919 limited broadcast, RFC 3927 link-local 169.254/16, 0/8, loopback 127/8.
      return first != 0 && first != 127 && first < 224 && (v >> 16) != 0xa9fe
    case .v6:
      let top = address.high >> 48
      // RFC 4291 §2.7 multicast ff00::/8, §2.5.6 link-local fe80::/10, unspecified and loopback.
      return (top >> 8) != 0xff && (top & 0xffc0) != 0xfe80 && !(address.high == 0 && address.low <= 1)
    }
  }
}
