import BulkheadCapture
import Foundation
import Synchronization
import Testing

/// Reading a capture split by flow over several sessions gives the report one session gives, flow for flow.
@Suite struct ShardedCaptureTests {
  static let examplePlant = Corpus.packageRoot.appendingPathComponent("Examples/riverside-water/captures")

  static var exampleCaptures: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: examplePlant.path)) ?? [])
      .filter { $0.hasSuffix(".pcap") }.sorted().map { examplePlant.appendingPathComponent($0).path }
  }

  /// Everything but `peakLiveFlows`, which shards can only bound from above.
  static func expectSame(_ sharded: CaptureReport, _ single: CaptureReport, _ label: String) {
    #expect(sharded.flows == single.flows, "\(label): flows")
    #expect(sharded.files == single.files, "\(label): files")
    #expect(sharded.assets == single.assets, "\(label): assets")
    #expect(sharded.diagnostics == single.diagnostics, "\(label): diagnostics")
    var statistics = sharded.statistics
    #expect(statistics.peakLiveFlows >= single.statistics.peakLiveFlows, "\(label): peak")
    statistics.peakLiveFlows = single.statistics.peakLiveFlows
    #expect(statistics == single.statistics, "\(label): statistics")
  }

  static func compare(_ files: [String], label: String, options: CaptureOptions = CaptureOptions()) {
    let single = CaptureSession.run(files: files, options: options)
    for shards in [2, 3] {
      let run = ShardedCapture.run(files: files, options: options, shards: shards) { nil as RecordingConsumer? }
      expectSame(run.report, single, "\(label) in \(shards) shards")
    }
  }

  @Test func examplePlantCapturesAsOneCaptureSet() throws {
    let files = Self.exampleCaptures
    try #require(files.count == 6)
    Self.compare(files, label: "riverside-water")
  }

  /// Progress comes from the first shard only: each file announced once, in order, before its bytes.
  @Test func progressAnnouncesEachFileInOrder() throws {
    let files = Self.exampleCaptures
    try #require(files.count == 6)
    let seen = Mutex<[Int]>([])
    _ = ShardedCapture.run(
      files: files, shards: 2,
      progress: { file, done, size in
        #expect(done <= size)
        if done == 0 && size == 0 { seen.withLock { $0.append(file) } }
      }, consumer: { nil as RecordingConsumer? })
    #expect(seen.withLock { $0 } == Array(0..<6))
  }

  /// The whole corpus: fragments, VLANs, tunnels, port reuse, malformed files, every link type.
  @Test func everyCorpusCapture() throws {
    let root = try Corpus.requireRoot()
    try #require(Corpus.captures.count >= Corpus.minimumCaptures)
    var options = CaptureOptions()
    // Short idle eviction so flows end mid-capture in both readings.
    options.idleTimeoutNanoseconds = 5_000_000_000
    for relative in Corpus.captures {
      Self.compare([root.appendingPathComponent("pcaps/" + relative).path], label: relative, options: options)
    }
  }

  @Test func malformedFixturesAndUnreadableFiles() {
    let files = [
      Corpus.fixture("malformed-pcap-zero-and-lying-records.pcap"), "/nonexistent/capture.pcap",
      Corpus.fixture("malformed-pcapng-garbage-between-blocks.pcapng"),
      Corpus.fixture("malformed-pcapng-option-overrun.pcapng"),
    ]
    Self.compare(files, label: "malformed")
  }

  /// Each shard's consumer is handed its own flows; the id map names them in the merged report.
  @Test func consumersSeeTheirShardsFlowsAndTheMapNamesThem() throws {
    let files = Self.exampleCaptures
    let single = CaptureSession.run(files: files)
    let run = ShardedCapture.run(files: files, shards: 2) { RecordingConsumer() }
    var seen = 0
    for (consumer, flowIDs) in run.shards {
      let consumer = try #require(consumer)
      for start in consumer.starts {
        let flow = run.report.flows[flowIDs[start.flowID]]
        #expect(flow.initiator == start.initiator && flow.responderPort == start.responderPort)
        #expect(flow.firstPacketNumber == start.packetNumber)
        seen += 1
      }
    }
    // RecordingConsumer asks for every flow, so every flow was handed to exactly one shard, and both shards work.
    #expect(seen == single.flows.count)
    for (consumer, _) in run.shards { #expect((consumer?.starts.count ?? 0) > single.flows.count / 4) }
  }

  /// A file that cannot be opened still takes its place in the file list, so later flows name their own file.
  @Test func flowsAfterAnUnreadableFileNameTheirOwnFile() throws {
    let good = try #require(Self.exampleCaptures.first)
    let report = CaptureSession.run(files: ["/nonexistent/capture.pcap", good])
    #expect(report.files.count == 2)
    let flow = try #require(report.flows.first)
    #expect(flow.firstFileIndex == 1)
    #expect(report.files[flow.firstFileIndex].path == good)
  }
}
