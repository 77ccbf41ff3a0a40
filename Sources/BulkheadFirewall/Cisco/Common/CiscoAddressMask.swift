import BulkheadModel

/// An IPv4 address with a mask as Cisco writes it: a wildcard (IOS access lists: set bits may take any value) or a
/// subnet mask (ASA, IOS object groups: set bits must match). Both mean "the address bits outside the free bits";
/// a free-bit set that is not one low block (a discontiguous mask, `0.0.255.31`) is a union of several ranges.
struct CiscoAddressMask {
  /// The addresses matched, as ranges in ascending order (one range for a contiguous mask).
  let ranges: [AddressRange]
  /// Whether the address had bits set where the mask leaves them free (`1.2.3.4 0.0.0.255`): they are ignored.
  let hadHostBits: Bool
  /// Whether the free bits are one low block (a CIDR prefix).
  let isContiguous: Bool

  /// At most this many ranges are built for a discontiguous mask (12 free bits above the low block).
  static let maximumRanges = 4096

  /// `address` with `free` as the bits that may take any value; `nil` when a discontiguous mask needs more than
  /// ``maximumRanges`` ranges.
  init?(address: UInt32, free: UInt32) {
    let low = UInt32((~free).trailingZeroBitCount)
    let block: UInt32 = low >= 32 ? .max : (UInt32(1) << low) - 1
    let upper = free & ~block
    let count = 1 << upper.nonzeroBitCount
    guard count <= Self.maximumRanges else { return nil }
    let base = address & ~free
    hadHostBits = address & free != 0
    isContiguous = upper == 0
    var ranges: [AddressRange] = []
    ranges.reserveCapacity(count)
    // Every subset of the upper free bits, in ascending order (counting within the mask).
    var subset: UInt32 = 0
    repeat {
      let first = base | subset
      if let range = AddressRange(first: IPAddress(v4: first), last: IPAddress(v4: first | block)) {
        ranges.append(range)
      }
      subset = (subset &- upper) & upper
    } while subset != 0
    self.ranges = ranges.sorted()
  }

  /// An IOS wildcard mask: set bits are free.
  static func wildcard(_ address: String, _ mask: String) -> CiscoAddressMask? {
    guard let a = IPAddress(address), a.family == .v4, let m = IPAddress(mask), m.family == .v4 else { return nil }
    return CiscoAddressMask(address: a.v4Value, free: m.v4Value)
  }

  /// A subnet mask: set bits must match.
  static func netmask(_ address: String, _ mask: String) -> CiscoAddressMask? {
    guard let a = IPAddress(address), a.family == .v4, let m = IPAddress(mask), m.family == .v4 else { return nil }
    return CiscoAddressMask(address: a.v4Value, free: ~m.v4Value)
  }

  /// A prefix `A/N` (IPv4 or IPv6) as one range; `hadHostBits` when `A` has bits beyond the prefix.
  static func prefix(_ text: String) -> (range: AddressRange, hadHostBits: Bool)? {
    guard let network = IPNetwork(text) else { return nil }
    return (AddressRange(network), network.hadHostBits)
  }
}
