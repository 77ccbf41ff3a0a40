/// What a screening ``FlowPayloadConsumer`` sees of a datagram flow before committing a handler to it: the flow's
/// transport and ports and one datagram's payload (see ``FlowPayloadConsumer/screen(_:datagram:)``).
public struct DatagramScreen: Sendable {
  /// The transport protocol (UDP, or another datagram transport).
  public var transport: TransportProtocol
  /// The initiator's port.
  public var initiatorPort: UInt16
  /// The responder's port.
  public var responderPort: UInt16
  /// Which way the datagram travels.
  public var direction: FlowDirection
  /// How many earlier datagrams with payload of this flow were screened and answered ``DatagramVerdict/later``.
  public var attempt: Int

  /// Creates a screen description.
  public init(
    transport: TransportProtocol, initiatorPort: UInt16, responderPort: UInt16, direction: FlowDirection, attempt: Int
  ) {
    self.transport = transport
    self.initiatorPort = initiatorPort
    self.responderPort = responderPort
    self.direction = direction
    self.attempt = attempt
  }
}
