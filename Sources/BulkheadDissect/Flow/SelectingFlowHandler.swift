import BulkheadCapture

/// The handler a ``DissectorConsumer`` gives a flow when the session does not screen (``DissectorConsumer/flowDidStart(_:)``):
/// it screens the flow's payload itself, the same way, and forwards everything to the dissecting handler once a
/// signature claims the flow.
final class SelectingFlowHandler: FlowPayloadHandler {
  private let flow: FlowStart
  private let consumer: DissectorConsumer
  private var attempts = 0
  private var selected: (any FlowPayloadHandler)?

  init(flow: FlowStart, consumer: DissectorConsumer) {
    self.flow = flow
    self.consumer = consumer
  }

  func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
    if let selected { return selected.receive(chunk) }
    guard !chunk.bytes.isEmpty else { return .more }
    let screen = FlowScreen(
      flowID: flow.flowID, transport: flow.transport, initiatorPort: flow.initiatorPort,
      responderPort: flow.responderPort, direction: chunk.direction, attempt: attempts)
    switch consumer.screen(screen, payload: chunk.bytes) {
    case .claim(let handler):
      selected = handler
      return handler.receive(chunk)
    case .later:
      attempts += 1
      return .more
    case .never:
      return .enough
    }
  }

  // Gaps before the first claimed byte do not matter: the dissector starts at the first byte it sees.
  func gap(_ gap: FlowGap) { selected?.gap(gap) }

  func flowDidEnd(_ flow: FlowRecord) { selected?.flowDidEnd(flow) }

  var annotations: [String: String] { selected?.annotations ?? [:] }
}
