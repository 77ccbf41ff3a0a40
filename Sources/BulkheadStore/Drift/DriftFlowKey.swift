import BulkheadCapture
import BulkheadModel

/// A flow as drift compares it: the two ends, the service and the protocol (security facts and hours left out).
struct DriftFlowKey: Hashable, Comparable {
  var initiator: IPAddress
  var responder: IPAddress
  var transport: UInt8
  var responderPort: UInt16
  var application: String

  init(_ key: StoredFlowKey) {
    initiator = key.initiator
    responder = key.responder
    transport = key.transport
    responderPort = key.responderPort
    application = key.application
  }

  static func < (a: DriftFlowKey, b: DriftFlowKey) -> Bool {
    (a.initiator, a.responder, a.transport, a.responderPort, a.application)
      < (b.initiator, b.responder, b.transport, b.responderPort, b.application)
  }

  /// `10.50.2.10 → 10.50.13.10 tcp/502 (modbus)`.
  var summary: String {
    let transportName = TransportProtocol(number: transport)
    let service = transportName.hasPorts ? "\(transportName)/\(responderPort)" : "\(transportName)"
    return "\(initiator) → \(responder) \(service)" + (application.isEmpty ? "" : " (\(application))")
  }
}
