import BulkheadModel
import Testing

@testable import BulkheadCapture

/// A screening consumer sees a flow's payload before any handler exists; its claim hands the screened payload and
/// everything after it to the new handler, at the right stream offsets.
@Suite struct FlowScreeningTests {
  /// Claims a flow at the first payload that begins with `mark`; gives up after `attempts` payloads.
  final class ScreeningConsumer: FlowPayloadConsumer {
    let mark: UInt8
    let attempts: Int
    var screened: [FlowScreen] = []
    var handlers: [RecordingHandler] = []

    init(mark: UInt8, attempts: Int = 3) {
      self.mark = mark
      self.attempts = attempts
    }

    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? {
      Issue.record("a screening consumer is never asked for a handler at the start")
      return nil
    }

    var screensFlows: Bool { true }

    func screen(_ flow: FlowScreen, payload: UnsafeRawBufferPointer) -> FlowVerdict {
      #expect(!payload.isEmpty)
      screened.append(flow)
      if payload.first == mark {
        let handler = RecordingHandler()
        handlers.append(handler)
        return .claim(handler)
      }
      return flow.attempt + 1 >= attempts ? .never : .later
    }
  }

  static let client: UInt32 = 0x0A00_0001
  static let server: UInt32 = 0x0A00_0002

  static func udp(_ fromClient: Bool, _ text: String) -> [UInt8] {
    CaptureBuilder.ethernet(
      CaptureBuilder.ipv4(
        source: fromClient ? client : server, destination: fromClient ? server : client,
        sourcePort: fromClient ? 40000 : 20000, destinationPort: fromClient ? 20000 : 40000,
        payload: Array(text.utf8)))
  }

  static func run(_ frames: [[UInt8]], consumer: some FlowPayloadConsumer) -> CaptureReport {
    var b = CaptureBuilder.pcap(linkType: 1)
    for (index, frame) in frames.enumerated() { b.record(seconds: UInt32(index + 1), fraction: 0, frame) }
    let session = CaptureSession(consumer: consumer)
    b.bytes.withUnsafeBytes { session.read(bytes: $0, name: "screening") }
    return session.finish()
  }

  @Test func datagramClaimStartsTheHandlerAtTheRightOffsets() throws {
    let consumer = ScreeningConsumer(mark: UInt8(ascii: "#"))
    let frames = [
      Self.udp(true, "ab"), Self.udp(false, ""), Self.udp(false, "xyz"), Self.udp(true, "#cd"), Self.udp(false, "uv"),
    ]
    let report = Self.run(frames, consumer: consumer)
    // The empty datagram is not screened; the claim comes at the third with payload.
    #expect(consumer.screened.map(\.attempt) == [0, 1, 2])
    #expect(
      consumer.screened.map(\.direction) == [.initiatorToResponder, .responderToInitiator, .initiatorToResponder])
    #expect(consumer.screened.allSatisfy { $0.initiatorPort == 40000 && $0.responderPort == 20000 })
    #expect(consumer.screened.allSatisfy { $0.flowID == 0 && $0.transport == .udp })
    let handler = try #require(consumer.handlers.first)
    #expect(consumer.handlers.count == 1)
    #expect(handler.text(.initiatorToResponder) == "#cd")
    #expect(handler.text(.responderToInitiator) == "uv")
    // Offsets continue after the unclaimed payload: 2 bytes from the initiator, 3 from the responder.
    #expect(handler.nextOffset[.initiatorToResponder] == 5)
    #expect(handler.nextOffset[.responderToInitiator] == 5)
    #expect(handler.ended != nil)
    #expect(report.flows.first?.annotations == ["protocol": "test"])
  }

  @Test func neverStopsScreeningAndNoHandlerIsMade() {
    let consumer = ScreeningConsumer(mark: UInt8(ascii: "#"), attempts: 2)
    let frames = [Self.udp(true, "a"), Self.udp(false, "b"), Self.udp(true, "#c"), Self.udp(false, "d")]
    let report = Self.run(frames, consumer: consumer)
    #expect(consumer.screened.count == 2)
    #expect(consumer.handlers.isEmpty)
    #expect(report.flows.count == 1)
    #expect(report.flows.first?.packetsFromInitiator == 2 && report.flows.first?.packetsFromResponder == 2)
    #expect(report.flows.first?.annotations.isEmpty == true)
  }

  @Test func tcpIsScreenedInOrderAndKeepsItsCounters() throws {
    typealias T = FlowTableTests
    let frames: [(UInt32, [UInt8])] = [
      (1, T.tcp(true, T.push, seq: 1001, ack: 5001, "abc")),
      (1, T.tcp(true, T.push, seq: 1001, ack: 5001, "abc")),  // retransmission: not screened twice
      (2, T.tcp(true, T.push, seq: 1010, ack: 5001, "#zz")),  // 6 bytes never captured before it
      (2, T.tcp(false, T.push, seq: 5001, ack: 1013, "xyz")),
    ]
    let consumer = ScreeningConsumer(mark: UInt8(ascii: "#"))
    var b = CaptureBuilder.pcap(linkType: 1)
    for (second, frame) in frames { b.record(seconds: second, fraction: 0, frame) }
    let session = CaptureSession(consumer: consumer)
    b.bytes.withUnsafeBytes { session.read(bytes: $0, name: "screening") }
    let report = session.finish()
    #expect(consumer.screened.map(\.attempt) == [0, 1])
    #expect(consumer.screened.allSatisfy { $0.transport == .tcp && $0.responderPort == 102 })
    let handler = try #require(consumer.handlers.first)
    #expect(handler.text(.initiatorToResponder) == "#zz")
    #expect(handler.text(.responderToInitiator) == "xyz")
    // The gap came before the claim, so the handler never hears of it; the flow's counters do.
    #expect(handler.gaps.isEmpty)
    #expect(handler.nextOffset[.initiatorToResponder] == 12)
    let tcp = try #require(report.flows.first?.tcp)
    #expect(tcp.retransmittedSegments == 1 && tcp.missingBytes == 6)
    // Without any consumer interest the counters are the same.
    let listening = RecordingConsumer()
    #expect(T.run(frames, consumer: listening).flows.first?.tcp == tcp)
  }
}
