/// The fields of a flow the hot path touches at most once per direction: identity, origin and MAC addresses.
struct FlowColdState {
  var id: Int
  var firstFile: Int32
  var firstPacket: Int
  var macA: UInt64 = 0
  var macB: UInt64 = 0
}
