/// Which way a packet or payload chunk travels within a flow, relative to the side that started it.
public enum FlowDirection: UInt8, Hashable, Sendable, Codable, CaseIterable {
  /// From the initiator (client) to the responder (server).
  case initiatorToResponder = 0
  /// From the responder (server) back to the initiator (client).
  case responderToInitiator = 1

  /// The opposite direction.
  public var reversed: FlowDirection {
    self == .initiatorToResponder ? .responderToInitiator : .initiatorToResponder
  }
}
