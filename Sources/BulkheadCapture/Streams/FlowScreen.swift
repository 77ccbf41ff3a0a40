/// What a screening ``FlowPayloadConsumer`` sees of a flow it has not yet taken on: who talks to whom, and (passed
/// beside it) the next payload (see ``FlowPayloadConsumer/screen(_:payload:)``).
public struct FlowScreen: Sendable {
  /// The flow's identifier (see ``FlowStart/flowID``).
  public var flowID: Int
  /// The transport protocol.
  public var transport: TransportProtocol
  /// The initiator's port.
  public var initiatorPort: UInt16
  /// The responder's port.
  public var responderPort: UInt16
  /// Which way the payload travels.
  public var direction: FlowDirection
  /// How many earlier payloads of this flow were screened and answered ``FlowVerdict/later``.
  public var attempt: Int

  /// Creates a screen description.
  public init(
    flowID: Int, transport: TransportProtocol, initiatorPort: UInt16, responderPort: UInt16,
    direction: FlowDirection, attempt: Int
  ) {
    self.flowID = flowID
    self.transport = transport
    self.initiatorPort = initiatorPort
    self.responderPort = responderPort
    self.direction = direction
    self.attempt = attempt
  }
}
