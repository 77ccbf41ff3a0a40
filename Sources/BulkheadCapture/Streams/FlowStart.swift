/// What a consumer learns when the flow table sees a new flow: its identity, and where and when it began.
@dynamicMemberLookup
public struct FlowStart: Sendable {
  /// Which flow it is and between whom (its fields read as the start's own: `start.initiator`).
  public var identity: FlowIdentity
  /// The 1-based packet number (within its capture file) of the flow's first packet.
  public var packetNumber: Int
  /// The time of the flow's first packet.
  public var timestamp: CaptureTimestamp

  /// Creates a flow start description.
  public init(identity: FlowIdentity, packetNumber: Int, timestamp: CaptureTimestamp) {
    self.identity = identity
    self.packetNumber = packetNumber
    self.timestamp = timestamp
  }

  /// The identity's fields, read and written as the start's own.
  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<FlowIdentity, Value>) -> Value {
    get { identity[keyPath: keyPath] }
    set { identity[keyPath: keyPath] = newValue }
  }
}
