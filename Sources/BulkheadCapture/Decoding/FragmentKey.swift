/// Identifies the fragments of one IP datagram (RFC 791 §3.2 / RFC 8200 §4.5: addresses, protocol, identification).
struct FragmentKey: Hashable {
  var family: UInt8
  var transport: UInt8
  var identification: UInt32
  var sourceHigh: UInt64
  var sourceLow: UInt64
  var destinationHigh: UInt64
  var destinationLow: UInt64
}
