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
  // Read once or twice per flow; set between reads, never from inside one: no dynamic exclusivity check.
  @exclusivity(unchecked) public var onFlowEnd: ((FlowRecord) -> Void)?
  /// Called now and then while reading a file with (bytes done, file size); for progress displays.
  public var onProgress: ((Int, Int) -> Void)?

  private let table = FlowTable()
  private let streams = FlowStreamSlots()
  // Touched once or twice per flow. The session is used from one thread and none of these is reachable from the
  // code it calls out to (consumers, `onFlowEnd`), so the dynamic exclusivity check each access to a class's
  // mutable property would pay is switched off.
  @exclusivity(unchecked) private var nextFlowID = 0
  @exclusivity(unchecked) private var statistics = CaptureStatistics()
  private var unknownLinks: [String: UInt64] = [:]
  private var reportedLinks: Set<String> = []
  private var files: [CaptureFileSummary] = []
  private var diagnostics: [Diagnostic] = []
  @exclusivity(unchecked) private var flows: [FlowRecord] = []
  private let assets = AssetTable()
  private let fragments: FragmentReassembler
  private let hot: UnsafeMutablePointer<HotCounters>
  private let keyVLAN: Bool
  /// Whether flows wait for the consumer's screening before they get a handler.
  private let screensFlows: Bool
  /// The flows this session owns, when it is one of several reading the same capture.
  private let shard: CaptureShard?
  /// Whether this session keeps what belongs to no flow (always, unless it is a secondary shard).
  private let primary: Bool
  @exclusivity(unchecked) private var fileIndex: Int32 = -1
  private var fileName = ""
  private var finished = false

  /// Creates a session.
  public init(options: CaptureOptions = CaptureOptions(), consumer: (any FlowPayloadConsumer)? = nil) {
    self.options = options
    self.consumer = consumer
    fragments = FragmentReassembler(limit: options.fragmentTableLimit)
    hot = .allocate(capacity: 1)
    hot.initialize(to: HotCounters())
    keyVLAN = options.vlanInFlowKey
    screensFlows = consumer?.screensFlows ?? false
    shard = options.shard.flatMap { $0.count > 1 ? $0 : nil }
    primary = shard?.isPrimary ?? true
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
    fileIndex += 1
    guard primary else { return }
    diagnostics.append(Diagnostic(.error, .unreadableFile, reason, at: SourceLocation(file: path)))
    files.append(CaptureFileSummary(path: path, format: "unreadable", sizeBytes: 0))
  }

  /// Reads a capture held in memory (`name` is used in diagnostics); the bytes must stay valid during the call.
  public func read(bytes: UnsafeRawBufferPointer, name: String) {
    read(bytes: bytes, name: name, paging: .none)
  }

  private func read(bytes: UnsafeRawBufferPointer, name: String, paging: Paging) {
    fileIndex += 1
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
      for index in 0..<table.highWater where table.states[index].live {
        finishFlow(index, reason: .captureEnd)
      }
    }
    for reason in NotDecodedReason.allCases where hot.pointee[reason] > 0 {
      statistics.notDecoded[reason.rawValue] = hot.pointee[reason]
    }
    statistics.packetsRead = hot.pointee.packetsRead
    statistics.frameBytes = hot.pointee.frameBytes
    statistics.snaplenCutPackets = hot.pointee.snaplenCutPackets
    statistics.packetsInFlows = hot.pointee.packetsInFlows
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
    flows = Self.inFlowOrder(flows)
    return CaptureReport(
      files: files, flows: flows, assets: options.collectAssets ? assets.assets(vendors: registry) : [],
      statistics: statistics, diagnostics: diagnostics, vendorTableNotice: notice)
  }

  /// The records ordered by flow id. Ids are handed out densely from 0 and every record is collected once, so each
  /// record's id is its position: one pass places them (a comparison sort would move the large records many times).
  private static func inFlowOrder(_ records: [FlowRecord]) -> [FlowRecord] {
    if records.indices.allSatisfy({ records[$0].flowID == $0 }) { return records }
    var placed = [FlowRecord?](repeating: nil, count: records.count)
    for record in records {
      guard record.flowID >= 0 && record.flowID < placed.count && placed[record.flowID] == nil else {
        return records.sorted { $0.flowID < $1.flowID }
      }
      placed[record.flowID] = record
    }
    return placed.compactMap { $0 }
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
      track(&decoded, packet, payloadWire: decoded.payloadWireLength)
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

  /// Runs the idle sweep every quarter of the idle timeout (capture time).
  @inline(__always) private func sweepIfDue() {
    if options.idleTimeoutNanoseconds > 0 {
      if hot.pointee.lastSweep == .min { hot.pointee.lastSweep = hot.pointee.clock }
      if hot.pointee.clock &- hot.pointee.lastSweep > options.idleTimeoutNanoseconds / 4 { sweep() }
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
      case .ip: track(&decoded, packet, payloadWire: decoded.payloadWireLength)
      case .notDecoded(let reason): if primary { count(reason) }
      default: if primary { count(.malformed) }
      }
    }
  }

  /// Well-known and industrial service ports, used only for the flagged initiator fallback.
  private static func isServicePort(_ port: UInt16) -> Bool {
    if port < 1024 { return true }
    switch port {
    case 1433, 1883, 1911, 2222, 2404, 3389, 4000, 4840, 4911, 5007, 5094, 5432, 8080, 8443, 8530, 8883, 9600, 20000,
      34962, 34963, 34964, 44818, 47808, 48898:
      return true
    default:
      return false
    }
  }

  @inline(__always) private func track(_ d: inout DecodedPacket, _ packet: RawPacket, payloadWire: Int) {
    let sourceFirst =
      d.sourceHigh != d.destinationHigh
      ? d.sourceHigh < d.destinationHigh
      : (d.sourceLow != d.destinationLow ? d.sourceLow < d.destinationLow : d.sourcePort <= d.destinationPort)
    var key: FlowKey
    if sourceFirst {
      key = FlowKey(
        aHigh: d.sourceHigh, aLow: d.sourceLow, bHigh: d.destinationHigh, bLow: d.destinationLow, aPort: d.sourcePort,
        bPort: d.destinationPort, transport: d.transport, family: d.family, vlan: keyVLAN ? d.vlan : 0)
    } else {
      key = FlowKey(
        aHigh: d.destinationHigh, aLow: d.destinationLow, bHigh: d.sourceHigh, bLow: d.sourceLow,
        aPort: d.destinationPort, bPort: d.sourcePort, transport: d.transport, family: d.family,
        vlan: keyVLAN ? d.vlan : 0)
    }
    let hash = key.hash
    if let shard, !shard.owns(key.shardHash) { return }
    hot.pointee.packetsInFlows &+= 1
    let isTCP = d.transport == 6
    let synOnly = isTCP && TCPFlag.isSYNOnly(d.tcpFlags)
    var index = table.find(key, hash: hash)
    if index >= 0 && synOnly {
      // tshark's rule for a reused port: a SYN whose sequence number differs from the base sequence of that
      // direction starts a new conversation.
      let state = table.states + index
      let bit = sourceFirst ? FlowState.Bit.baseA : FlowState.Bit.baseB
      let base = sourceFirst ? state.pointee.baseSeqA : state.pointee.baseSeqB
      if state.pointee.bits & bit != 0 && base != d.sequence {
        finishFlow(index, reason: .portReused)
        index = -1
      }
    }
    if index < 0 {
      index = startFlow(key, hash: hash, &d, packet, sourceFirst: sourceFirst)
    }
    let state = table.states + index
    let wire = UInt64(packet.wireLength)
    if sourceFirst {
      state.pointee.packetsA &+= 1
      state.pointee.bytesA &+= wire
      state.pointee.payloadA &+= UInt64(payloadWire)
      if d.hasMAC && state.pointee.bits & FlowState.Bit.macA == 0 {
        table.cold[index].macA = d.sourceMAC
        state.pointee.bits |= FlowState.Bit.macA
      }
    } else {
      state.pointee.packetsB &+= 1
      state.pointee.bytesB &+= wire
      state.pointee.payloadB &+= UInt64(payloadWire)
      if d.hasMAC && state.pointee.bits & FlowState.Bit.macB == 0 {
        table.cold[index].macB = d.sourceMAC
        state.pointee.bits |= FlowState.Bit.macB
      }
    }
    if packet.timestamp > state.pointee.lastSeen { state.pointee.lastSeen = packet.timestamp }
    if packet.timestamp < state.pointee.firstSeen { state.pointee.firstSeen = packet.timestamp }
    if isTCP { updateTCP(state, &d, fromA: sourceFirst) }
    let streamIndex = state.pointee.stream
    if streamIndex == FlowState.screening {
      if !d.payload.isEmpty { screen(index, &d, packet, payloadWire: payloadWire, fromA: sourceFirst) }
    } else if streamIndex >= 0, let stream = streams.stream(streamIndex) {
      let direction: FlowDirection =
        sourceFirst == state.pointee.initiatorIsA ? .initiatorToResponder : .responderToInitiator
      stream._withUnsafeGuaranteedRef { stream in
        if isTCP {
          stream.segment(
            direction, sequence: d.sequence, flags: d.tcpFlags, acknowledgement: d.acknowledgement,
            payload: d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
        } else {
          stream.datagram(direction, d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
        }
      }
    }
  }

  @inline(__always) private func updateTCP(
    _ state: UnsafeMutablePointer<FlowState>, _ d: inout DecodedPacket, fromA: Bool
  ) {
    let flags = d.tcpFlags
    var bits = state.pointee.bits
    let baseBit = fromA ? FlowState.Bit.baseA : FlowState.Bit.baseB
    if bits & baseBit == 0 {
      bits |= baseBit
      let base = flags & TCPFlag.syn != 0 ? d.sequence : d.sequence &- 1
      if fromA { state.pointee.baseSeqA = base } else { state.pointee.baseSeqB = base }
    }
    if TCPFlag.isSYNOnly(flags) { bits |= FlowState.Bit.syn }
    if TCPFlag.isSYNACK(flags) { bits |= FlowState.Bit.synAck }
    if flags & TCPFlag.rst != 0 { bits |= FlowState.Bit.reset }
    if flags & TCPFlag.fin != 0 { bits |= fromA ? FlowState.Bit.finA : FlowState.Bit.finB }
    // The handshake completes with the initiator's first pure ACK after SYN and SYN-ACK (RFC 9293 §3.5).
    if TCPFlag.isACKWithoutSYN(flags)
      && bits & (FlowState.Bit.syn | FlowState.Bit.synAck) == FlowState.Bit.syn | FlowState.Bit.synAck
      && fromA == state.pointee.initiatorIsA
    {
      bits |= FlowState.Bit.handshake
    }
    state.pointee.bits = bits
  }

  private func startFlow(
    _ key: FlowKey, hash: UInt64, _ d: inout DecodedPacket, _ packet: RawPacket, sourceFirst: Bool
  ) -> Int {
    var state = FlowState(key: key, time: packet.timestamp)
    let flowID = nextFlowID
    nextFlowID += 1
    // The initiator: SYN sender, else the receiver of a SYN-ACK, else the first packet's sender — unless that
    // sender used a service port towards an ephemeral one, which is flagged as a guess.
    var sourceIsInitiator = true
    if d.transport == 6 && d.tcpFlags & TCPFlag.syn != 0 {
      if d.tcpFlags & TCPFlag.ack == 0 {
        state.basis = .syn
      } else {
        state.basis = .synAck
        sourceIsInitiator = false
      }
    } else if d.sourcePort != d.destinationPort && Self.isServicePort(d.sourcePort)
      && !Self.isServicePort(d.destinationPort)
    {
      state.basis = .portHeuristic
      sourceIsInitiator = false
    } else {
      state.basis = .firstPacket
    }
    state.initiatorIsA = sourceIsInitiator == sourceFirst
    let index = table.insert(
      state, FlowColdState(id: flowID, firstFile: fileIndex, firstPacket: packet.number, vlan: d.vlan), hash: hash)
    if UInt64(table.liveCount) > statistics.peakLiveFlows { statistics.peakLiveFlows = UInt64(table.liveCount) }
    if let consumer {
      if screensFlows {
        // TCP payload is screened in order, so its stream exists from the start; a datagram flow gets one only
        // when claimed.
        if key.transport == 6 {
          let initiatorIsA = state.initiatorIsA
          table.states[index].stream = streams.insert(
            FlowStream(
              screenedBy: consumer, flowID: flowID, transport: .tcp,
              ports: initiatorIsA ? (key.aPort, key.bPort) : (key.bPort, key.aPort), limit: options.reorderBufferLimit
            ))
        } else {
          table.states[index].stream = FlowState.screening
        }
      } else {
        let initiatorIsA = state.initiatorIsA
        let start = FlowStart(
          flowID: flowID, initiator: Self.address(key, a: initiatorIsA),
          initiatorPort: initiatorIsA ? key.aPort : key.bPort, responder: Self.address(key, a: !initiatorIsA),
          responderPort: initiatorIsA ? key.bPort : key.aPort, transport: TransportProtocol(number: key.transport),
          vlan: d.vlan, initiatorBasis: state.basis, packetNumber: packet.number,
          timestamp: CaptureTimestamp(nanoseconds: packet.timestamp))
        if let handler = consumer.flowDidStart(start) {
          table.states[index].stream = streams.insert(
            FlowStream(handler: handler, flowID: flowID, limit: options.reorderBufferLimit))
        }
      }
    }
    return index
  }

  /// Shows a datagram of a flow still being screened to the consumer; a claim creates the flow's stream, at the
  /// offsets of the payload that went by unclaimed, and delivers the datagram to the new handler.
  private func screen(_ index: Int, _ d: inout DecodedPacket, _ packet: RawPacket, payloadWire: Int, fromA: Bool) {
    guard let consumer else { return }
    let state = table.states + index
    let cold = table.cold + index
    let key = state.pointee.key
    let initiatorIsA = state.pointee.initiatorIsA
    let direction: FlowDirection = fromA == initiatorIsA ? .initiatorToResponder : .responderToInitiator
    let verdict = consumer.screen(
      FlowScreen(
        flowID: cold.pointee.id, transport: TransportProtocol(number: key.transport),
        initiatorPort: initiatorIsA ? key.aPort : key.bPort, responderPort: initiatorIsA ? key.bPort : key.aPort,
        direction: direction, attempt: Int(cold.pointee.screened)),
      payload: d.payload)
    switch verdict {
    case .later:
      if cold.pointee.screened < .max { cold.pointee.screened += 1 }
    case .never:
      state.pointee.stream = FlowState.noStream
    case .claim(let handler):
      // The payload counters already include this datagram.
      var fromInitiator = initiatorIsA ? state.pointee.payloadA : state.pointee.payloadB
      var fromResponder = initiatorIsA ? state.pointee.payloadB : state.pointee.payloadA
      if direction == .initiatorToResponder {
        fromInitiator -= UInt64(payloadWire)
      } else {
        fromResponder -= UInt64(payloadWire)
      }
      let stream = FlowStream(
        claimedBy: handler, flowID: cold.pointee.id, limit: options.reorderBufferLimit,
        initiatorOffset: fromInitiator, responderOffset: fromResponder)
      state.pointee.stream = streams.insert(stream)
      stream.datagram(direction, d.payload, wireLength: payloadWire, packet: packet.number, time: packet.timestamp)
    }
  }

  @inline(__always) private static func address(_ key: FlowKey, a: Bool) -> IPAddress {
    let high = a ? key.aHigh : key.bHigh
    let low = a ? key.aLow : key.bLow
    return key.family == 4 ? IPAddress(v4: UInt32(truncatingIfNeeded: low)) : IPAddress(v6High: high, low: low)
  }

  private func finishFlow(_ index: Int, reason: FlowEndReason) {
    let s = table.states[index]
    let c = table.cold[index]
    let a = s.initiatorIsA
    var tcp: TCPFlowState?
    if s.key.transport == 6 {
      var t = TCPFlowState()
      t.synSeen = s.bits & FlowState.Bit.syn != 0
      t.synAckSeen = s.bits & FlowState.Bit.synAck != 0
      t.handshakeCompleted = s.bits & FlowState.Bit.handshake != 0
      t.reset = s.bits & FlowState.Bit.reset != 0
      let finA = s.bits & FlowState.Bit.finA != 0
      let finB = s.bits & FlowState.Bit.finB != 0
      t.finFromInitiator = a ? finA : finB
      t.finFromResponder = a ? finB : finA
      tcp = t
    }
    let macA: MACAddress? = s.bits & FlowState.Bit.macA != 0 ? MACAddress(value: c.macA) : nil
    let macB: MACAddress? = s.bits & FlowState.Bit.macB != 0 ? MACAddress(value: c.macB) : nil
    var record = FlowRecord(
      flowID: c.id, initiator: Self.address(s.key, a: a), initiatorPort: a ? s.key.aPort : s.key.bPort,
      responder: Self.address(s.key, a: !a), responderPort: a ? s.key.bPort : s.key.aPort,
      transport: TransportProtocol(number: s.key.transport), vlan: c.vlan, initiatorBasis: s.basis,
      initiatorMAC: a ? macA : macB, responderMAC: a ? macB : macA,
      packetsFromInitiator: a ? s.packetsA : s.packetsB, bytesFromInitiator: a ? s.bytesA : s.bytesB,
      payloadBytesFromInitiator: a ? s.payloadA : s.payloadB, packetsFromResponder: a ? s.packetsB : s.packetsA,
      bytesFromResponder: a ? s.bytesB : s.bytesA, payloadBytesFromResponder: a ? s.payloadB : s.payloadA,
      firstSeen: CaptureTimestamp(nanoseconds: s.firstSeen), lastSeen: CaptureTimestamp(nanoseconds: s.lastSeen),
      firstFileIndex: Int(c.firstFile), firstPacketNumber: c.firstPacket, tcp: tcp, endReason: reason)
    if s.stream >= 0, let stream = streams.stream(s.stream) {
      // Annotations are only worth building for a record somebody keeps.
      let annotate = options.collectFlows || onFlowEnd != nil
      let lastPacket = hot.pointee.lastPacketNumber
      stream._withUnsafeGuaranteedRef { stream in
        stream.flush(packet: lastPacket, time: s.lastSeen)
        if record.tcp != nil {
          record.tcp?.retransmittedSegments = stream.retransmissions
          record.tcp?.missingBytes = stream.missingBytes
        }
        if let handler = stream.handler {
          handler.flowDidEnd(record)
          if annotate { record.annotations = handler.annotations }
        }
      }
      streams.remove(s.stream)
    }
    table.remove(index)
    statistics.flows += 1
    if options.collectAssets { assets.add(record) }
    if options.collectFlows { flows.append(record) }
    onFlowEnd?(record)
  }

  /// Finishes flows idle for longer than the timeout (capture time), so memory follows the live flows only.
  private func sweep() {
    hot.pointee.lastSweep = hot.pointee.clock
    let limit = hot.pointee.clock &- options.idleTimeoutNanoseconds
    for index in 0..<table.highWater {
      let state = table.states + index
      if state.pointee.live && state.pointee.lastSeen < limit { finishFlow(index, reason: .idle) }
    }
  }
}
