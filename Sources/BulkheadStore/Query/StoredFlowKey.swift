import BulkheadModel

/// A flow key with its rule-relevant facts, without the hour and the capture point: what a window of the store
/// adds up per.
public struct StoredFlowKey: Hashable, Sendable {
  public var initiator: IPAddress
  public var responder: IPAddress
  public var responderPort: UInt16
  public var transport: UInt8
  public var vlan: UInt32
  public var application: String
  public var securityMode: String
  public var authenticated: Int8
  public var encrypted: Int8
  public var answered: Bool
  public var initiatorCertain: Bool
}

extension FlowBucketKey {
  /// The key without hour and capture point.
  public var flowKey: StoredFlowKey {
    StoredFlowKey(
      initiator: initiator, responder: responder, responderPort: responderPort, transport: transport, vlan: vlan,
      application: application, securityMode: securityMode, authenticated: authenticated, encrypted: encrypted,
      answered: answered, initiatorCertain: initiatorCertain)
  }

  /// The key with the capture point left out (the hour kept).
  var withoutCapturePoint: FlowBucketKey { at("") }
}
