import BulkheadModel

/// Reads capture files through link, IP and transport decoding into the flow table, and hands in-order payload to an
/// attached ``FlowPayloadConsumer``.
///
/// Several files read into one session form one continuous capture (a capture split by size or time). A session is
/// used from one thread; read independent files in parallel with one session each.
///
/// ```swift
/// let session = CaptureSession(consumer: myDissectors)
/// session.read(file: "plant.pcapng")
/// let report = session.finish()
/// ```
public final class CaptureSession {
  /// The settings.
  public let options: CaptureOptions
  /// The payload consumer, if any (set before the first read).
  public let consumer: (any FlowPayloadConsumer)?
  /// Called with every finished flow as it is emitted (in addition to collecting, unless
  /// ``CaptureOptions/collectFlows`` is off).
  public var onFlowEnd: ((FlowRecord) -> Void)? {
    get { tracker.onFlowEnd }
    set { tracker.onFlowEnd = newValue }
  }
  /// Called now and then while reading a file with (bytes done, file size); for progress displays.
  public var onProgress: ((Int, Int) -> Void)?

  /// The flows: finding, counting, streaming and finishing them.
  private let tracker: FlowTracker
  // The session is used from one thread and the statistics are not reachable from the code it calls out to
  // (consumers, `onFlowEnd`), so the dynamic exclusivity check each access would pay is switched off.
  @exclusivity(unchecked) private var statistics = CaptureStatistics()
  private var unknownLinks: [String: UInt64] = [:]
  private var reportedLinks: Set<String> = []
  private var files: [CaptureFileSummary] = []
  private var diagnostics: [Diagnostic] = []
  private let assets = AssetTable()
  private let fragments: FragmentReassembler
  private let hot: UnsafeMutablePointer<HotCounters>
  /// The flows this session owns, when it is one of several reading the same capture.
  private let shard: CaptureShard?
  /// Whether this session keeps what belongs to no flow (always, unless it is a secondary shard).
  private let primary: Bool
  private var fileName = ""
  private var finished = false

  /// Creates a session.
  public init(options: CaptureOptions = CaptureOptions(), consumer: (any FlowPayloadConsumer)? = nil) {
    self.options = options
    self.consumer = consumer
    fragments = FragmentReassembler(limit: options.fragmentTableLimit)
    hot = .allocate(capacity: 1)
    hot.initialize(to: HotCounters())
    shard = options.shard.flatMap { $0.count > 1 ? $0 : nil }
    primary = shard?.isPrimary ?? true
    tracker = FlowTracker(
      options: options, consumer: consumer, shard: shard, assets: options.collectAssets ? assets : nil, hot: hot)
  }

  deinit {
    hot.deinitialize(count: 1)
    hot.deallocate()
  }

  /// How the pages of the file being read are mapped in ahead of the parser and dropped behind it.
  private enum Paging {
    /// Bytes in memory: nothing to page.
    case none
    /// This session's own mapping.
    case own(MappedFile)
    /// A mapping shared with other shards' sessions; this session is reader `reader`.
    case shared(SharedMappedFile, reader: Int)
  }

  /// Reads one capture file (format from its magic bytes); problems become diagnostics, never errors.
  public func read(file path: String) {
    switch MappedFile.mapping(path) {
    case .success(let mapped):
      mapped.populate(upTo: Self.window)
      withExtendedLifetime(mapped) { read(bytes: mapped.bytes, name: path, paging: .own(mapped)) }
    case .failure(let error):
      unreadable(path, error)
    }
  }

  /// Reads one file mapped once for several shards (see ``ShardedCapture``), as reader `reader`.
  func read(shared file: SharedMappedFile, reader: Int, path: String) {
    switch file.mapping {
    case .success(let mapped):
      read(bytes: mapped.bytes, name: path, paging: .shared(file, reader: reader))
      file.advance(reader: reader, to: .max)
    case .failure(let error):
      unreadable(path, error)
    }
  }

  private func unreadable(_ path: String, _ error: MappedFile.Failure) {
    let reason = error.description
    // The file keeps its place in the file list, so later flows name their own file.
    tracker.fileIndex += 1
    guard primary else { return }
    diagnostics.append(Diagnostic(.error, .unreadableFile, reason, at: SourceLocation(file: path)))
    files.append(CaptureFileSummary(path: path, format: "unreadable", sizeBytes: 0))
  }

  /// Reads a capture held in memory (`name` is used in diagnostics); the bytes must stay valid during the call.
  public func read(bytes: UnsafeRawBufferPointer, name: String) {
    read(bytes: bytes, name: name, paging: .none)
  }

  private func read(bytes: UnsafeRawBufferPointer, name: String, paging: Paging) {
    tracker.fileIndex += 1
    fileName = name
    if primary { statistics.fileBytes += UInt64(bytes.count) }
    let format = CaptureFormat.detect(bytes)
    var summary = CaptureFileSummary(path: name, format: format.name, sizeBytes: bytes.count)
    switch format {
    case .pcap(let swapped, let nanosecond):
      var problem: Diagnostic?
      guard
        var reader = PcapReader(data: bytes, name: name, swapped: swapped, nanosecond: nanosecond, problem: &problem)
      else {
        if let problem, primary { diagnostics.append(problem) }
        summary.truncated = true
        if primary { files.append(summary) }
        return
      }
      readPackets(&reader, size: bytes.count, paging: paging, into: &summary)
    case .pcapng:
      var reader = PcapngReader(data: bytes, name: name)
      readPackets(&reader, size: bytes.count, paging: paging, into: &summary)
    case .unknown(let magic):
      guard primary else { return }
      let hex = String(magic, radix: 16)
      diagnostics.append(
        Diagnostic(
          .error, .notACapture,
          bytes.count < 4
            ? "byte offset 0: file too short (\(bytes.count) bytes) to be a capture"
            : "byte offset 0: not a pcap or pcapng file (magic 0x\(hex))", at: SourceLocation(file: name)))
    }
    if primary { files.append(summary) }
  }

  /// Every packet of one file, then what the reader learned about the file.
  @inline(__always) private func readPackets<Reader: PacketReader>(
    _ reader: inout Reader, size: Int, paging: Paging, into summary: inout CaptureFileSummary
  ) {
    var nextProgress = Self.window
    while let packet = reader.next() {
      process(packet)
      if packet.fileOffset >= nextProgress {
        checkpoint(packet.fileOffset, of: size, paging: paging)
        nextProgress = packet.fileOffset + Self.window
      }
    }
    summary.packets = reader.number
    summary.truncated = reader.truncated
    summary.skippedBytes = reader.skippedBytes
    summary.linkTypes = reader.linkTypeNames
    if primary { diagnostics.append(contentsOf: reader.diagnostics) }
  }

  /// Reports progress and drops the mapped pages already parsed from this process's resident set (they stay in the
  /// page cache), so resident memory does not grow with the file size. Payload handed to consumers was only valid
  /// during their calls, and the reorder buffers hold copies, so nothing points behind `offset`.
  private func checkpoint(_ offset: Int, of size: Int, paging: Paging) {
    onProgress?(offset, size)
    switch paging {
    case .none:
      break
    case .own(let mapped):
      mapped.release(before: offset)
      mapped.populate(upTo: offset + Self.window)
    case .shared(let file, let reader):
      file.advance(reader: reader, to: offset)
    }
  }

  /// Bytes between progress checkpoints; pages are mapped in ahead and dropped behind by this much.
  private static let window = 32 << 20

  /// Finishes every live flow (reason `.captureEnd`) and returns the report; the session is spent afterwards.
  public func finish() -> CaptureReport {
    if !finished {
      finished = true
      tracker.finishAll()
    }
    for reason in NotDecodedReason.allCases where hot.pointee[reason] > 0 {
      statistics.notDecoded[reason.rawValue] = hot.pointee[reason]
    }
    statistics.packetsRead = hot.pointee.packetsRead
    statistics.frameBytes = hot.pointee.frameBytes
    statistics.snaplenCutPackets = hot.pointee.snaplenCutPackets
    statistics.packetsInFlows = hot.pointee.packetsInFlows
    statistics.flows = tracker.finishedCount
    statistics.peakLiveFlows = tracker.peakLiveCount
    statistics.unknownLinkTypes = unknownLinks
    if primary && (fragments.pendingCount > 0 || fragments.abandoned > 0) {
      diagnostics.append(
        Diagnostic(
          .warning, .fragmentsNotReassembled,
          "\(fragments.pendingCount + fragments.abandoned) fragmented IP datagrams could not be reassembled "
            + "(fragments missing); their fragments are counted under 'fragment'", at: SourceLocation(file: fileName)))
    }
    var notice: String?
    var registry: OUIRegistry?
    if options.collectAssets {
      registry = OUIRegistry.shared(path: options.ouiTablePath)
      if registry == nil {
        notice = "MAC vendors unavailable: \(options.ouiTablePath) not readable (install Debian package ieee-data)"
      }
    }
    // Idle flows were emitted before older live ones; the report lists them by first packet.
    return CaptureReport(
      files: files, flows: tracker.recordsInFlowOrder(),
      assets: options.collectAssets ? assets.assets(vendors: registry) : [],
      statistics: statistics, diagnostics: diagnostics, vendorTableNotice: notice)
  }

  /// Reads `files` in order into one session and returns its report.
  public static func run(
    files: [String], options: CaptureOptions = CaptureOptions(), consumer: (any FlowPayloadConsumer)? = nil
  ) -> CaptureReport {
    let session = CaptureSession(options: options, consumer: consumer)
    for file in files { session.read(file: file) }
    return session.finish()
  }

  // MARK: - Per packet

  @inline(__always) private func count(_ reason: NotDecodedReason) {
    hot.pointee.count(reason)
  }

  @inline(__always) private func process(_ packet: RawPacket) {
    let hot = self.hot
    if primary {
      hot.pointee.packetsRead &+= 1
      hot.pointee.frameBytes &+= UInt64(packet.wireLength)
      if packet.bytes.count < packet.wireLength { hot.pointee.snaplenCutPackets &+= 1 }
    }
    hot.pointee.lastPacketNumber = packet.number
    let time = packet.timestamp
    if time > hot.pointee.clock { hot.pointee.clock = time }
    // Another shard's packet is skipped undecoded when its headers alone say so (see ShardPrefilter).
    if let shard, packet.linkType == 1, let owner = ShardPrefilter.hash(ethernetFrame: packet.bytes),
      !shard.owns(owner)
    {
      sweepIfDue()
      return
    }
    var decoded = DecodedPacket()
    let outcome: DecodeOutcome
    if packet.linkType == RawPacket.undescribedInterface {
      outcome = .notDecoded(.unknownInterface)
    } else {
      outcome = PacketDecoder.decode(packet.bytes, linkType: packet.linkType, into: &decoded)
    }
    switch outcome {
    case .ip:
      tracker.track(&decoded, packet, payloadWire: decoded.payloadWireLength)
    case .fragment:
      reassemble(&decoded, packet)
    case .arp:
      guard primary else { break }
      count(.arp)
      statistics.arpPackets += 1
      if options.collectAssets {
        assets.arp(senderMAC: decoded.arpSenderMAC, senderIP: decoded.arpSenderIP, time: time)
      }
    case .notDecoded(let reason):
      guard primary else { break }
      count(reason)
      if reason == .nonIP && decoded.hasMAC && options.collectAssets { assets.sawMAC(decoded.sourceMAC, time: time) }
      if reason == .unknownLinkType || reason == .unknownInterface {
        let key =
          "\(fileName)#\(packet.interfaceID) linktype \(packet.linkType == RawPacket.undescribedInterface ? "none" : String(packet.linkType))"
        unknownLinks[key, default: 0] += 1
        if !reportedLinks.contains(key) {
          reportedLinks.insert(key)
          diagnostics.append(
            Diagnostic(
              .warning, .linkNotDecoded,
              reason == .unknownInterface
                ? "packet \(packet.number) at byte offset \(packet.fileOffset): interface \(packet.interfaceID) was "
                  + "never described; its packets are counted, not decoded"
                : "packet \(packet.number) at byte offset \(packet.fileOffset): link type \(packet.linkType) on "
                  + "interface \(packet.interfaceID) is not decoded; its packets are counted",
              at: SourceLocation(file: fileName)))
        }
      }
    }
    sweepIfDue()
  }

  /// Runs the idle sweep every quarter of the idle timeout (capture time). Checked here, on every packet, from the
  /// session's own fields: the tracker is only reached when a sweep is due.
  @inline(__always) private func sweepIfDue() {
    if options.idleTimeoutNanoseconds > 0 {
      if hot.pointee.lastSweep == .min { hot.pointee.lastSweep = hot.pointee.clock }
      if hot.pointee.clock &- hot.pointee.lastSweep > options.idleTimeoutNanoseconds / 4 { tracker.sweep() }
    }
  }

  /// Every shard reassembles every datagram (fragments carry no ports to shard by); the primary one counts them.
  private func reassemble(_ decoded: inout DecodedPacket, _ packet: RawPacket) {
    if primary { statistics.fragments += 1 }
    let key = FragmentKey(
      family: decoded.family, transport: decoded.transport, identification: decoded.fragmentID,
      sourceHigh: decoded.sourceHigh, sourceLow: decoded.sourceLow, destinationHigh: decoded.destinationHigh,
      destinationLow: decoded.destinationLow)
    guard
      let whole = fragments.add(
        key: key, offset: decoded.fragmentOffset, more: decoded.moreFragments, bytes: decoded.ipPayload,
        wireLength: decoded.ipPayloadWireLength, time: packet.timestamp)
    else {
      if primary { count(.fragment) }
      return
    }
    if primary { statistics.reassembledDatagrams += 1 }
    fragments.completed.withUnsafeBytes { datagram in
      guard let base = datagram.baseAddress else {
        if primary { count(.truncated) }
        return
      }
      decoded.isFragment = false
      switch PacketDecoder.transport(base, 0, whole.captured, whole.wire, &decoded) {
      case .ip: tracker.track(&decoded, packet, payloadWire: decoded.payloadWireLength)
      case .notDecoded(let reason): if primary { count(reason) }
      default: if primary { count(.malformed) }
      }
    }
  }
}
