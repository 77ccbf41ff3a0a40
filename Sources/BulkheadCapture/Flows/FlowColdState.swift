/// The fields of a flow the hot path touches at most once per direction: identity, origin and MAC addresses.
struct FlowColdState {
  var id: Int
  var firstFile: Int32
  var firstPacket: Int
  /// The VLAN tags of the flow's first packet (also in the key unless ``CaptureOptions/vlanInFlowKey`` is off).
  var vlan: UInt32
  /// Datagrams of a flow without a stream shown to a screening consumer so far (see
  /// ``FlowPayloadConsumer/screensFlows``).
  var screened: UInt16 = 0
  var macA: UInt64 = 0
  var macB: UInt64 = 0
}
