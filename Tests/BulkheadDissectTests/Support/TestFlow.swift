import BulkheadCapture
import BulkheadModel
import Foundation

@testable import BulkheadDissect

/// One flow's in-order payload as tshark reports it (a stand-in for the capture stage in tests).
struct TestFlow {
  enum Event {
    case bytes([UInt8], FlowDirection, packet: Int)
    case gap(FlowDirection, packet: Int, length: Int)
  }

  var transport: TransportProtocol
  var initiator: String
  var initiatorPort: UInt16
  var responder: String
  var responderPort: UInt16
  var events: [Event] = []

  /// `orig_h:orig_p-resp_h:resp_p`, the way Zeek logs key a connection.
  var key: String { "\(initiator):\(initiatorPort)-\(responder):\(responderPort)" }

  var firstPayload: [UInt8]? {
    for case .bytes(let bytes, _, _) in events where !bytes.isEmpty { return bytes }
    return nil
  }

  /// The dissector the glue would pick and the events it would see (from the first matching chunk on).
  func selection() -> (type: any Dissector.Type, events: [Event])? {
    var attempts = 0
    for (index, event) in events.enumerated() {
      guard case .bytes(let bytes, _, _) = event, !bytes.isEmpty else { continue }
      attempts += 1
      if let type = DissectorRegistry.select(firstPayload: bytes, transport: transport, responderPort: responderPort) {
        return (type, Array(events[index...]))
      }
      if attempts >= 4 { return nil }
    }
    return nil
  }

  /// Runs the flow through ``DissectorConsumer`` (the capture glue); `split` cuts every TCP chunk into pieces of at
  /// most that many bytes.
  func observe(split: Int? = nil) -> ProtocolObservation? {
    let consumer = DissectorConsumer()
    let zero = CaptureTimestamp(nanoseconds: 0)
    let start = FlowStart(
      identity: FlowIdentity(
        flowID: 1, initiator: IPAddress(initiator) ?? IPAddress(v4: 0), initiatorPort: initiatorPort,
        responder: IPAddress(responder) ?? IPAddress(v4: 0), responderPort: responderPort, transport: transport,
        initiatorBasis: .syn),
      packetNumber: 1, timestamp: zero)
    guard let handler = consumer.flowDidStart(start) else { return nil }
    var offsets: [FlowDirection: UInt64] = [:]
    // Like the capture session: after `.enough` the handler hears nothing but the end.
    var delivering = true
    for event in events where delivering {
      switch event {
      case .bytes(let bytes, let direction, let packet):
        let piece = split.map { transport == .tcp ? $0 : bytes.count } ?? bytes.count
        var index = 0
        while index < bytes.count {
          let end = min(bytes.count, index + max(1, piece))
          let demand = Array(bytes[index..<end]).withUnsafeBytes { raw in
            handler.receive(
              FlowPayloadChunk(
                flowID: 1, direction: direction, bytes: raw, streamOffset: offsets[direction, default: 0],
                packetNumber: packet, timestamp: zero))
          }
          offsets[direction, default: 0] += UInt64(end - index)
          index = end
          if demand == .enough {
            delivering = false
            break
          }
        }
      case .gap(let direction, let packet, let length):
        handler.gap(
          FlowGap(
            flowID: 1, direction: direction, streamOffset: offsets[direction, default: 0],
            missingBytes: UInt64(length), packetNumber: packet))
        offsets[direction, default: 0] += UInt64(length)
      }
    }
    handler.flowDidEnd(
      FlowRecord(identity: start.identity, firstSeen: zero, lastSeen: zero))
    return consumer.observations[1]
  }

  static func run(
    _ type: any Dissector.Type, _ events: [Event], transport: TransportProtocol, split: Int? = nil
  ) -> ProtocolObservation {
    var dissector = type.init(transport: transport)
    for event in events {
      switch event {
      case .bytes(let bytes, let direction, let packet):
        if let split, transport == .tcp {
          var start = 0
          while start < bytes.count {
            let end = min(bytes.count, start + split)
            dissector.consume(Array(bytes[start..<end]), direction: direction, packet: packet)
            start = end
          }
        } else {
          dissector.consume(bytes, direction: direction, packet: packet)
        }
      case .gap(let direction, let packet, let length):
        dissector.gap(direction: direction, packet: packet, length: length)
      }
    }
    return dissector.observation()
  }
}
