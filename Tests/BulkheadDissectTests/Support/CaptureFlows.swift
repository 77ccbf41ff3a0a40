import BulkheadCapture
import BulkheadModel
import Foundation

@testable import BulkheadDissect

/// Reads corpus captures through BulkheadCapture: observations from ``DissectorConsumer`` keyed like Zeek logs, and
/// every flow's delivered chunks and gaps recorded as ``TestFlow`` events for split and fuzz tests.
enum CaptureFlows {
  /// Records every chunk and gap the flow table delivers.
  final class Recorder: FlowPayloadConsumer {
    final class Handler: FlowPayloadHandler {
      var flow: TestFlow
      init(_ flow: TestFlow) { self.flow = flow }
      func receive(_ chunk: FlowPayloadChunk) -> FlowPayloadDemand {
        flow.events.append(.bytes(Array(chunk.bytes), chunk.direction, packet: chunk.packetNumber))
        return .more
      }
      func gap(_ gap: FlowGap) {
        flow.events.append(.gap(gap.direction, packet: gap.packetNumber, length: Int(clamping: gap.missingBytes)))
      }
      func flowDidEnd(_ flow: FlowRecord) {}
    }

    var handlers: [Handler] = []

    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
      guard flow.transport == .tcp || flow.transport == .udp else { return nil }
      let handler = Handler(
        TestFlow(
          transport: flow.transport, initiator: flow.initiator.description, initiatorPort: flow.initiatorPort,
          responder: flow.responder.description, responderPort: flow.responderPort))
      handlers.append(handler)
      return handler
    }
  }

  nonisolated(unsafe) private static var cache: [String: [TestFlow]] = [:]  // Guarded by `lock`.
  private static let lock = NSLock()

  /// Every TCP/UDP flow's payload events, in flow order.
  static func flows(_ pcap: String) -> [TestFlow] {
    lock.lock()
    defer { lock.unlock() }
    if let cached = cache[pcap] { return cached }
    let recorder = Recorder()
    _ = CaptureSession.run(files: [pcap], consumer: recorder)
    let result = recorder.handlers.map(\.flow)
    cache[pcap] = result
    return result
  }

  /// Observations per flow key (`orig_h:orig_p-resp_h:resp_p`) through the real glue.
  static func observations(_ pcap: String) -> [String: ProtocolObservation] {
    let consumer = DissectorConsumer()
    let report = CaptureSession.run(files: [pcap], consumer: consumer)
    var result: [String: ProtocolObservation] = [:]
    for flow in report.flows {
      guard let observation = consumer.observations[flow.flowID] else { continue }
      let initiator = "\(flow.initiator):\(flow.initiatorPort)"
      let responder = "\(flow.responder):\(flow.responderPort)"
      let key = observation.rolesReversed ? "\(responder)-\(initiator)" : "\(initiator)-\(responder)"
      result[key] = observation
    }
    return result
  }
}
