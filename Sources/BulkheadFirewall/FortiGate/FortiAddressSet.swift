import BulkheadModel

/// A set of IPv4 addresses as sorted, disjoint, non-adjacent ranges: address groups are unions of members minus
/// excluded members (`set exclude enable`), which needs exact difference.
struct FortiAddressSet {
  private var intervals: [ClosedRange<UInt64>] = []

  init() {}

  init(_ ranges: [AddressRange]) {
    for range in ranges where range.family == .v4 {
      formUnion(UInt64(range.first.v4Value)...UInt64(range.last.v4Value))
    }
  }

  /// The set as address ranges.
  var ranges: [AddressRange] {
    intervals.compactMap {
      AddressRange(
        first: IPAddress(v4: UInt32(truncatingIfNeeded: $0.lowerBound)),
        last: IPAddress(v4: UInt32(truncatingIfNeeded: $0.upperBound)))
    }
  }

  mutating func formUnion(_ other: FortiAddressSet) {
    for interval in other.intervals { formUnion(interval) }
  }

  private mutating func formUnion(_ interval: ClosedRange<UInt64>) {
    var merged = interval
    var kept: [ClosedRange<UInt64>] = []
    for existing in intervals {
      if existing.upperBound + 1 < merged.lowerBound || merged.upperBound + 1 < existing.lowerBound {
        kept.append(existing)
      } else {
        merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
      }
    }
    kept.append(merged)
    intervals = kept.sorted { $0.lowerBound < $1.lowerBound }
  }

  mutating func subtract(_ other: FortiAddressSet) {
    for cut in other.intervals {
      var kept: [ClosedRange<UInt64>] = []
      for existing in intervals {
        if existing.upperBound < cut.lowerBound || cut.upperBound < existing.lowerBound {
          kept.append(existing)
          continue
        }
        if existing.lowerBound < cut.lowerBound { kept.append(existing.lowerBound...(cut.lowerBound - 1)) }
        if cut.upperBound < existing.upperBound { kept.append((cut.upperBound + 1)...existing.upperBound) }
      }
      intervals = kept
    }
  }
}
