import BulkheadCapture
import BulkheadModel
import Testing

/// The corpus's special cases, one named test each.
@Suite struct CorpusCaptureTests {
  static func read(_ name: String) throws -> CaptureReport {
    let path = try #require(Corpus.path(named: name), "\(name) not in the corpus: \(Corpus.missingMessage)")
    var options = CaptureOptions()
    options.idleTimeoutNanoseconds = 0
    return CaptureSession.run(files: [path], options: options)
  }

  static func accounted(_ report: CaptureReport) -> Bool {
    report.statistics.packetsRead == report.statistics.packetsInFlows + report.statistics.packetsNotDecoded
  }

  @Test func bigEndianPcap() throws {
    let report = try Self.read("iti__m-send-req.mms.pcap")
    #expect(report.files.first?.format == "pcap-big-endian")
    #expect(report.statistics.packetsRead == 21)
    let flow = try #require(report.flows.first)
    #expect(report.flows.count == 1)
    #expect(flow.initiator == IPAddress("127.0.0.1") && flow.initiatorPort == 31337)
    #expect(flow.responder == IPAddress("127.0.0.2") && flow.responderPort == 80)
    #expect(flow.packetsFromInitiator == 4 && flow.bytesFromInitiator == 336)
    #expect(flow.packetsFromResponder == 17 && flow.bytesFromResponder == 24081)
    #expect(Self.accounted(report))
  }

  @Test func pcapngNanosecondResolutionAndSeveralInterfaces() throws {
    let report = try Self.read("zeek__pcapng-multi-interface.pcapng")
    #expect(report.files.first?.linkTypes == ["0:1", "1:1"])
    #expect(report.statistics.packetsRead == 6)
    // Interface 0 has if_tsresol 9 (ns), interface 1 the default µs (tshark: frame.time_epoch).
    #expect(report.flows.first?.firstSeen.nanoseconds == 1_767_663_089_500_330_493)
    #expect(report.flows.first?.lastSeen.nanoseconds == 1_767_663_089_514_291_940)
    #expect(report.flows.dropFirst().first?.firstSeen.nanoseconds == 1_767_663_437_111_897_000)
    #expect(report.flows.count == 3)
  }

  @Test func nullLoopback() throws {
    let report = try Self.read("iti__opendnp3-conformance-6.1.2.pcap")
    #expect(report.files.first?.linkTypes == ["0:0"])
    #expect(report.statistics.packetsRead == 79)
    #expect(report.statistics.packetsInFlows == 79)
    #expect(report.flows.contains { $0.transport == .tcp && $0.responderPort == 20000 })
  }

  @Test func linuxCookedV2() throws {
    let report = try Self.read("zeek__linux_dlt_sll2.pcap")
    #expect(report.files.first?.linkTypes == ["0:276"])
    #expect(report.statistics.packetsInFlows == 4)
    #expect(report.statistics.notDecoded == ["arp": 1, "non-ip": 1])
    #expect(Set(report.flows.map(\.transport)) == [.icmp, .icmpv6])
  }

  @Test func qInQ() throws {
    let report = try Self.read("zeek__q-in-q.pcap")
    #expect(report.flows.count == 2)
    // Outer S-tag 13, inner C-tag 10 (tshark: vlan.id 13,10).
    #expect(report.flows.allSatisfy { $0.vlan == 13 << 12 | 10 })
    #expect(report.flows.first?.responderPort == 47808)
  }

  @Test func truncatedFile() throws {
    let report = try Self.read("iti__melsoft_129_clean.pcap")
    #expect(report.files.first?.truncated == true)
    #expect(report.statistics.packetsRead == 2041)
    #expect(report.statistics.packetsInFlows == 2041)
    let diagnostic = try #require(report.diagnostics.first)
    #expect(diagnostic.code == "BH503")
    #expect(diagnostic.message.contains("packet 2042 at byte offset 331665"))
  }

  @Test func snaplenOne() throws {
    let report = try Self.read("zeek__trunc-hdr.pcap")
    #expect(report.statistics.packetsRead == 1)
    #expect(report.statistics.snaplenCutPackets == 1)
    #expect(report.statistics.notDecoded == ["truncated": 1])
    #expect(report.flows.isEmpty)
  }

  @Test func ipv6FragmentsAreReassembled() throws {
    let report = try Self.read("zeek__ipv6-fragmented-dns.pcap")
    #expect(report.statistics.fragments > 0)
    #expect(report.statistics.reassembledDatagrams > 0)
    #expect(Self.accounted(report))
  }

  @Test func everyCorpusCaptureIsAccountedFor() throws {
    let root = try Corpus.requireRoot()
    var options = CaptureOptions()
    options.collectAssets = false
    options.collectFlows = false
    for relative in Corpus.captures {
      let report = CaptureSession.run(files: [root.appendingPathComponent("pcaps/" + relative).path], options: options)
      #expect(Self.accounted(report), "\(relative): packets not accounted for")
      #expect(report.files.first?.format != "unknown", "\(relative)")
      for diagnostic in report.diagnostics {
        #expect(CaptureDiagnosticCode(rawValue: diagnostic.code) != nil, "\(relative): untyped code \(diagnostic)")
      }
    }
  }

  @Test func assetsCarryVendorsAndRoles() throws {
    let report = try Self.read("iti__m-send-req.mms.pcap")
    let server = try #require(report.assets.first { $0.ipAddress == IPAddress("127.0.0.2") })
    #expect(server.roles == [ServiceRole(side: .server, transport: .tcp, port: 80)])
    #expect(server.macAddresses.count == 1)
    // Debian's ieee-data is a test requirement (Scripts/test installs it): vendors must be there.
    #expect(report.vendorTableNotice == nil, "MAC vendor table missing: \(report.vendorTableNotice ?? "")")
    #expect(server.vendors.first?.isEmpty == false)
  }

  @Test func arpBindsMACsToAddresses() throws {
    let report = try Self.read("zeek__arp-who-has.pcap")
    #expect(report.statistics.arpPackets == 2)
    #expect(report.flows.isEmpty)
    let bound = report.assets.filter { $0.seenInARP }
    #expect(!bound.isEmpty)
    #expect(bound.allSatisfy { $0.ipAddress != nil && $0.macAddresses.count == 1 })
  }

  @Test func parallelReadingMergesLikeSeparateSessions() throws {
    let names = ["iti__m-send-req.mms.pcap", "zeek__q-in-q.pcap", "zeek__pcapng-multi-interface.pcapng"]
    let paths = try names.map { try #require(Corpus.path(named: $0)) }
    let merged = CaptureReport.readingInParallel(files: paths, jobs: 2)
    let separate = paths.map { CaptureSession.run(files: [$0]) }
    #expect(merged.files.map(\.path) == paths)
    #expect(merged.flows.count == separate.reduce(0) { $0 + $1.flows.count })
    #expect(merged.flows.map(\.flowID) == Array(0..<merged.flows.count))
    #expect(merged.flows.last?.firstFileIndex == 2)
    #expect(merged.statistics.packetsRead == separate.reduce(0) { $0 + $1.statistics.packetsRead })
    #expect(Set(merged.assets.compactMap(\.ipAddress)) == Set(separate.flatMap { $0.assets.compactMap(\.ipAddress) }))
  }
}
