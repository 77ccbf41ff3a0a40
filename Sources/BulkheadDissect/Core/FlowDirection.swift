/// Which way bytes travel on a flow, relative to the endpoint that opened it.
public enum FlowDirection: String, Hashable, Sendable, Codable {
  /// From the initiator (client, master) to the responder (server, outstation).
  case toResponder
  /// From the responder back to the initiator.
  case toInitiator
}
