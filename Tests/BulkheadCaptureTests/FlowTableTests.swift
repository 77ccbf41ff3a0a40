import BulkheadCapture
import BulkheadModel
import Testing

/// Flow table semantics: initiator, TCP state, in-order delivery, gaps, port reuse, idle eviction.
@Suite struct FlowTableTests {
  static let client: UInt32 = 0x0a32_021e  // 10.50.2.30 (eng-ws)
  static let server: UInt32 = 0x0a32_0c0a  // 10.50.12.10 (plc-dose-1)

  /// A TCP segment between eng-ws:50000 and plc-dose-1:102.
  static func tcp(_ fromClient: Bool, _ flags: UInt8, seq: UInt32, ack: UInt32 = 0, _ text: String = "") -> [UInt8] {
    CaptureBuilder.ethernet(
      CaptureBuilder.ipv4(
        source: fromClient ? client : server, destination: fromClient ? server : client,
        sourcePort: fromClient ? 50000 : 102, destinationPort: fromClient ? 102 : 50000, tcpFlags: flags, sequence: seq,
        acknowledgement: ack, payload: Array(text.utf8)))
  }

  static func run(
    _ frames: [(UInt32, [UInt8])], consumer: RecordingConsumer? = nil, idle: Int64 = 0
  ) -> CaptureReport {
    var b = CaptureBuilder.pcap(linkType: 1)
    for (second, frame) in frames { b.record(seconds: second, fraction: 0, frame) }
    var options = CaptureOptions()
    options.idleTimeoutNanoseconds = idle * 1_000_000_000
    let session = CaptureSession(options: options, consumer: consumer)
    b.bytes.withUnsafeBytes { session.read(bytes: $0, name: "flow-table") }
    return session.finish()
  }

  static let syn: UInt8 = 0x02
  static let synAck: UInt8 = 0x12
  static let ack: UInt8 = 0x10
  static let push: UInt8 = 0x18
  static let fin: UInt8 = 0x11
  static let rst: UInt8 = 0x04

  @Test func handshakeReorderingAndRetransmission() throws {
    let consumer = RecordingConsumer()
    let report = Self.run(
      [
        (1, Self.tcp(true, Self.syn, seq: 1000)),
        (1, Self.tcp(false, Self.synAck, seq: 5000, ack: 1001)),
        (1, Self.tcp(true, Self.ack, seq: 1001, ack: 5001)),
        (2, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),
        (2, Self.tcp(true, Self.push, seq: 1007, ack: 5001, "ghi")),  // ahead of "def"
        (2, Self.tcp(true, Self.push, seq: 1004, ack: 5001, "def")),
        (2, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),  // retransmission
        (3, Self.tcp(false, Self.push, seq: 5001, ack: 1010, "xyz")),
        (4, Self.tcp(true, Self.fin, seq: 1010, ack: 5004)),
        (4, Self.tcp(false, Self.fin, seq: 5004, ack: 1011)),
      ], consumer: consumer)
    let flow = try #require(report.flows.first)
    #expect(report.flows.count == 1)
    #expect(flow.initiatorBasis == .syn)
    #expect(flow.initiator == IPAddress(v4: Self.client) && flow.responderPort == 102)
    #expect(flow.packetsFromInitiator == 7 && flow.packetsFromResponder == 3)
    #expect(flow.tcp?.handshakeCompleted == true)
    #expect(flow.tcp?.closed == true && flow.tcp?.reset == false)
    #expect(flow.tcp?.retransmittedSegments == 1)
    #expect(flow.annotations == ["protocol": "test"])
    let handler = try #require(consumer.handlers.first)
    #expect(handler.text(.initiatorToResponder) == "abcdefghi")
    #expect(handler.text(.responderToInitiator) == "xyz")
    #expect(handler.gaps.isEmpty)
    #expect(handler.offsetsConsistent)
    #expect(handler.ended?.flowID == flow.flowID)
  }

  /// A handler that has seen enough gets nothing more, yet still hears the end; the flow's TCP counters do not
  /// depend on whether anybody listens.
  @Test func handlerAnsweringEnoughStopsDeliveryButNotBookkeeping() throws {
    let frames: [(UInt32, [UInt8])] = [
      (1, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),
      (1, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),  // retransmission
      (2, Self.tcp(true, Self.push, seq: 1010, ack: 5001, "zzz")),  // 6 bytes never captured
      (2, Self.tcp(false, Self.push, seq: 5001, ack: 1013, "xyz")),
    ]
    let stopping = RecordingConsumer()
    stopping.chunkLimit = 1
    let stopped = Self.run(frames, consumer: stopping)
    let listening = RecordingConsumer()
    let full = Self.run(frames, consumer: listening)
    let handler = try #require(stopping.handlers.first)
    #expect(handler.text(.initiatorToResponder) == "abc")
    #expect(handler.text(.responderToInitiator) == "")
    #expect(handler.gaps.isEmpty)
    #expect(handler.ended != nil)
    #expect(try #require(listening.handlers.first).gaps.map(\.missingBytes) == [6])
    let tcp = try #require(stopped.flows.first?.tcp)
    #expect(tcp.retransmittedSegments == 1 && tcp.missingBytes == 6)
    #expect(stopped.flows.first?.tcp == full.flows.first?.tcp)
  }

  @Test func missingBytesAreReportedAsGap() throws {
    let consumer = RecordingConsumer()
    let report = Self.run(
      [
        (1, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),
        (1, Self.tcp(true, Self.push, seq: 1010, ack: 5001, "zzz")),  // 6 bytes never captured
      ], consumer: consumer)
    let handler = try #require(consumer.handlers.first)
    #expect(handler.text(.initiatorToResponder) == "abczzz")
    #expect(handler.gaps.map(\.missingBytes) == [6])
    #expect(handler.gaps.first?.streamOffset == 3)
    #expect(handler.offsetsConsistent)
    #expect(report.flows.first?.tcp?.missingBytes == 6)
  }

  @Test func peerAcknowledgingUncapturedBytesDeclaresTheGapAtOnce() throws {
    let consumer = RecordingConsumer()
    _ = Self.run(
      [
        (1, Self.tcp(true, Self.push, seq: 1001, ack: 5001, "abc")),
        (1, Self.tcp(true, Self.push, seq: 1010, ack: 5001, "zzz")),
        (1, Self.tcp(false, Self.ack, seq: 5001, ack: 1013)),
      ], consumer: consumer)
    let handler = try #require(consumer.handlers.first)
    #expect(handler.gaps.first?.packetNumber == 3)
    #expect(handler.text(.initiatorToResponder) == "abczzz")
  }

  @Test func synAckAloneNamesTheInitiator() throws {
    let report = Self.run([(1, Self.tcp(false, Self.synAck, seq: 5000, ack: 1001))])
    let flow = try #require(report.flows.first)
    #expect(flow.initiatorBasis == .synAck)
    #expect(flow.initiator == IPAddress(v4: Self.client))
  }

  @Test func portHeuristicIsFlagged() throws {
    let report = Self.run([(1, Self.tcp(false, Self.ack, seq: 5000, ack: 1001))])
    let flow = try #require(report.flows.first)
    #expect(flow.initiatorBasis == .portHeuristic)
    #expect(flow.initiator == IPAddress(v4: Self.client) && flow.responderPort == 102)
  }

  @Test func firstPacketWithoutHints() throws {
    let frame = CaptureBuilder.ethernet(
      CaptureBuilder.ipv4(source: Self.client, destination: Self.server, sourcePort: 47808, destinationPort: 47808))
    let report = Self.run([(1, frame)])
    #expect(report.flows.first?.initiatorBasis == .firstPacket)
    #expect(report.flows.first?.initiator == IPAddress(v4: Self.client))
  }

  @Test func reusedPortStartsANewFlow() {
    let report = Self.run([
      (1, Self.tcp(true, Self.syn, seq: 1000)),
      (1, Self.tcp(false, Self.rst | Self.ack, seq: 0, ack: 1001)),
      (2, Self.tcp(true, Self.syn, seq: 777_000)),
      (2, Self.tcp(false, Self.synAck, seq: 9000, ack: 777_001)),
    ])
    #expect(report.flows.count == 2)
    #expect(report.flows.first?.endReason == .portReused)
    #expect(report.flows.first?.tcp?.reset == true)
    #expect(report.flows.last?.packets == 2)
  }

  @Test func idleFlowsAreFinishedAndMemoryFollowsLiveFlows() {
    var frames: [(UInt32, [UInt8])] = []
    for i in 0..<50 {
      let frame = CaptureBuilder.ethernet(
        CaptureBuilder.ipv4(
          source: Self.client, destination: Self.server, sourcePort: UInt16(40000 + i), destinationPort: 53))
      frames.append((UInt32(100 + i * 60), frame))
    }
    let report = Self.run(frames, idle: 30)
    #expect(report.flows.count == 50)
    #expect(report.flows.filter { $0.endReason == .idle }.count >= 48)
    #expect(report.statistics.peakLiveFlows <= 2)
    #expect(report.flows.map(\.flowID) == Array(0..<50))
  }

  @Test func udpDatagramsArriveWhole() throws {
    let consumer = RecordingConsumer()
    var frames: [(UInt32, [UInt8])] = []
    for text in ["one", "two"] {
      frames.append(
        (
          1,
          CaptureBuilder.ethernet(
            CaptureBuilder.ipv4(
              source: Self.client, destination: Self.server, sourcePort: 40000, destinationPort: 20000,
              payload: Array(text.utf8)))
        ))
    }
    _ = Self.run(frames, consumer: consumer)
    let handler = try #require(consumer.handlers.first)
    #expect(handler.text(.initiatorToResponder) == "onetwo")
    #expect(consumer.starts.first?.transport == .udp && consumer.starts.first?.responderPort == 20000)
  }
}
