import BulkheadModel
import Testing

@testable import BulkheadCapture

/// A screening consumer sees UDP datagrams before any handler exists; a claim starts the handler at the offsets of
/// the payload that went by, with the flow's original start.
@Suite struct DatagramScreeningTests {
  /// Claims a flow at the first datagram that begins with `mark`; gives up after `attempts` datagrams.
  final class ScreeningConsumer: FlowPayloadConsumer {
    let recorder = RecordingConsumer()
    let mark: UInt8
    let attempts: Int
    var screened: [DatagramScreen] = []

    init(mark: UInt8, attempts: Int = 3) {
      self.mark = mark
      self.attempts = attempts
    }

    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? { recorder.flowDidStart(flow) }
    var screensDatagrams: Bool { true }
    func screen(_ flow: DatagramScreen, datagram: UnsafeRawBufferPointer) -> DatagramVerdict {
      screened.append(flow)
      if datagram.first == mark { return .claim }
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

  @Test func claimStartsTheHandlerAtTheRightOffsets() throws {
    let consumer = ScreeningConsumer(mark: UInt8(ascii: "#"))
    let frames = [
      Self.udp(true, "ab"), Self.udp(false, ""), Self.udp(false, "xyz"), Self.udp(true, "#cd"),
      Self.udp(false, "uv"),
    ]
    let report = Self.run(frames, consumer: consumer)
    // The empty datagram is not screened; the claim comes at the third with payload.
    #expect(consumer.screened.map(\.attempt) == [0, 1, 2])
    #expect(
      consumer.screened.map(\.direction) == [.initiatorToResponder, .responderToInitiator, .initiatorToResponder])
    #expect(consumer.screened.allSatisfy { $0.initiatorPort == 40000 && $0.responderPort == 20000 })
    let start = try #require(consumer.recorder.starts.first)
    #expect(consumer.recorder.starts.count == 1)
    // The start describes the flow's first packet, not the claimed one.
    #expect(start.packetNumber == 1)
    #expect(start.timestamp == CaptureTimestamp(nanoseconds: 1_000_000_000))
    #expect(start.initiatorPort == 40000 && start.flowID == 0)
    let handler = try #require(consumer.recorder.handlers.first)
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
    #expect(consumer.recorder.starts.isEmpty)
    #expect(report.flows.count == 1)
    #expect(report.flows.first?.packetsFromInitiator == 2 && report.flows.first?.packetsFromResponder == 2)
    #expect(report.flows.first?.annotations.isEmpty == true)
  }

  @Test func tcpFlowsAreNotScreened() throws {
    let consumer = ScreeningConsumer(mark: UInt8(ascii: "#"))
    _ = Self.run([FlowTableTests.tcp(true, FlowTableTests.push, seq: 1, ack: 1, "abc")], consumer: consumer)
    #expect(consumer.screened.isEmpty)
    #expect(try #require(consumer.recorder.handlers.first).text(.initiatorToResponder) == "abc")
  }
}
