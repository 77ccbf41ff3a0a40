import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// Screening flows in the session before giving them a handler changes nothing the dissectors report: every corpus
/// capture gives the same flows, annotations and observations as with a selecting handler for every flow from its
/// start.
@Suite struct FlowScreeningTests {
  /// The dissectors without screening in the session: every flow gets a selecting handler when it starts.
  final class Unscreened: FlowPayloadConsumer {
    let dissectors = DissectorConsumer()
    func flowDidStart(_ flow: FlowStart) -> (any FlowPayloadHandler)? { dissectors.flowDidStart(flow) }
  }

  static func captures() throws -> [String] {
    let root = try Corpus.root().appendingPathComponent("pcaps")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
      .map { root.appendingPathComponent($0).path }
  }

  @Test func wholeCorpusObservesTheSameWithAndWithoutScreening() throws {
    let files = try Self.captures()
    try #require(files.count > 300)
    var udpObserved = 0
    for file in files {
      let screening = DissectorConsumer()
      #expect(screening.screensFlows)
      let screened = CaptureSession.run(files: [file], consumer: screening)
      let unscreened = Unscreened()
      let reference = CaptureSession.run(files: [file], consumer: unscreened)
      let name = (file as NSString).lastPathComponent
      #expect(screened.flows == reference.flows, "\(name): flows")
      #expect(screening.observations == unscreened.dissectors.observations, "\(name): observations")
      udpObserved += screened.flows.filter { $0.transport == .udp && !$0.annotations.isEmpty }.count
    }
    // The comparison covers claimed UDP flows (DNP3 and EtherNet/IP over UDP), not only unclaimed ones.
    #expect(udpObserved > 0)
  }
}
