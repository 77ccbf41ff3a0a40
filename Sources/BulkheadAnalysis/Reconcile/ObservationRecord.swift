import BulkheadCapture
import BulkheadModel

/// One flow as seen at one capture point, before reconciliation: from a pcap (via the flow table and the dissectors)
/// or from an `observations.json` file (flows exported by another sensor, or written by hand for examples).
@dynamicMemberLookup
public struct ObservationRecord: Hashable, Sendable {
  /// What was seen of the connection.
  public var observation: FlowObservation
  /// Capture file and packet number of the flow's first packet.
  public var seenAt: SourceLocation
  /// MAC addresses of the two ends when the link layer had them.
  public var initiatorMAC: MACAddress?
  /// Responder MAC.
  public var responderMAC: MACAddress?
  /// How many connections the record stands for: 1 for a flow from a capture; more for a row of the observation
  /// store, which keeps the connections of one flow key and hour together (their counts summed).
  public var flows: Int

  /// Creates a record.
  public init(
    _ observation: FlowObservation, seenAt: SourceLocation, initiatorMAC: MACAddress? = nil,
    responderMAC: MACAddress? = nil, flows: Int = 1
  ) {
    self.observation = observation
    self.seenAt = seenAt
    self.initiatorMAC = initiatorMAC
    self.responderMAC = responderMAC
    self.flows = flows
  }

  /// The observation's fields, read and written as the record's own.
  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<FlowObservation, Value>) -> Value {
    get { observation[keyPath: keyPath] }
    set { observation[keyPath: keyPath] = newValue }
  }
}
