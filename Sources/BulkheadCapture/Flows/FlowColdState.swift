/// The fields of a flow the hot path touches at most once per direction: identity, origin and MAC addresses.
struct FlowColdState {
  var id: Int
  var firstFile: Int32
  var firstPacket: Int
  /// The time of the first packet (``FlowState/firstSeen`` is the earliest time, which a capture with clock steps
  /// can move).
  var firstTime: Int64
  /// The VLAN tags of the flow's first packet (also in the key unless ``CaptureOptions/vlanInFlowKey`` is off).
  var vlan: UInt32
  /// Datagrams with payload shown to a screening consumer so far (see ``FlowPayloadConsumer/screensDatagrams``).
  var screened: UInt16 = 0
  var macA: UInt64 = 0
  var macB: UInt64 = 0
}
