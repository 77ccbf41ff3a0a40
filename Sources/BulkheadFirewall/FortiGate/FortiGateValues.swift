import BulkheadModel

/// FortiOS value syntax: `subnet A.B.C.D M.M.M.M` (or `A.B.C.D/N`), `start-ip`/`end-ip`, `extip A[-B]`, and
/// service port ranges `DLOW[-DHIGH][:SLOW[-SHIGH]]` (FortiOS CLI reference, `firewall service custom`).
enum FortiGateValues {
  /// A subnet from its one or two words; `nil` when the mask is not contiguous or a word is not an address.
  static func subnet(_ words: [String]) -> AddressRange? {
    if words.count == 1, let network = IPNetwork(words[0]) { return AddressRange(network) }
    guard words.count == 2, let address = IPAddress(words[0]), address.family == .v4,
      let mask = IPAddress(words[1]), mask.family == .v4
    else { return nil }
    let bits = mask.v4Value
    let length = bits.nonzeroBitCount
    // A contiguous mask is `length` ones followed by zeros.
    guard length == 32 || bits == ~(UInt32.max >> UInt32(length)) else { return nil }
    return AddressRange(IPNetwork(address: address, prefixLength: length))
  }

  /// `A`, `A-B` or `A/N`.
  static func addressRange(_ word: String) -> AddressRange? {
    if word.contains("/") { return IPNetwork(word).map(AddressRange.init) }
    let parts = word.split(separator: "-", maxSplits: 1)
    guard let first = parts.first.flatMap({ IPAddress($0) }) else { return nil }
    let last = parts.count == 2 ? IPAddress(parts[1]) : first
    return last.flatMap { AddressRange(first: first, last: $0) }
  }

  /// A port range word: the destination range and, after `:`, the source range.
  static func portRange(_ word: String) -> (destination: PortRange, source: PortRange?)? {
    let halves = word.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    guard let destination = range(halves[0]) else { return nil }
    if halves.count == 2 {
      guard let source = range(halves[1]) else { return nil }
      return (destination, source)
    }
    return (destination, nil)
  }

  private static func range(_ text: Substring) -> PortRange? {
    let ends = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard let low = UInt16(ends[0]) else { return nil }
    let high = ends.count == 2 ? UInt16(ends[1]) : low
    guard let high, low <= high else { return nil }
    return PortRange(lower: low, upper: high)
  }
}
