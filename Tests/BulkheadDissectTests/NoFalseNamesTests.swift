import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// A wrong name is worse than none: a flow Bulkhead names after a protocol must carry that protocol. Over every
/// corpus capture, each named flow's protocol is in tshark's protocol hierarchy for that flow (`frame.protocols` of
/// its packets), or the flow is listed below with the reason tshark does not decode it.
@Suite struct NoFalseNamesTests {
  /// The names tshark 4.0 gives each protocol's layers (any one of them in the flow's hierarchy will do).
  static let tsharkNames: [ProtocolID: Set<String>] = [
    .modbus: ["mbtcp", "modbus"],
    .mqtt: ["mqtt"],
    .dnp3: ["dnp3"],
    .iec104: ["iec60870_104", "iec60870_asdu"],
    .s7comm: ["s7comm"],
    // tshark 4.0 has no S7comm-Plus dissector (corpus README §5): its frames stop at COTP.
    .s7commPlus: ["s7comm_plus", "cotp"],
    .enip: ["enip", "cip"],
    .opcua: ["opcua"],
    .cotp: ["cotp"],
    .mms: ["mms"],
    .rdp: ["rdp"],
    .bacnet: ["bvlc", "bacnet", "bacapp"],
    .tls: ["tls", "ssl"],
    .ssh: ["ssh"],
    .smb: ["smb", "smb2", "nbss"],
  ]

  /// Layers below any protocol Bulkhead names, and tshark's own annotations: a capture whose hierarchy holds only
  /// these and one named protocol's layers needs no per-flow look.
  static let lowerLayers: Set<String> = [
    "eth", "ethertype", "null", "loop", "sll", "vlan", "ip", "ipv6", "tcp", "udp", "tcp.segments", "arp", "icmp",
    "icmpv6", "igmp", "llc", "stp", "lldp", "cdp", "dtp", "udld", "ppp", "pppoes", "gre", "vxlan", "tpkt", "cotp",
    "cotp.segments",
  ]

  /// Flows tshark does not decode although they carry the protocol, by capture and flow (`a:port|b:port`).
  static let justified: [String: String] = [
    "modbus/iti__mb2.pcap": "Modbus on port 5026: tshark decodes Modbus by port only",
    "dnp3/zeek__dnp3_read_p20001.pcap": "DNP3 on port 20001: tshark decodes DNP3 by port only",
    "modbus/zeek__modbus-and-non-modbus-p502.pcap":
      "an RDP connection request (TPKT, COTP CR with an RDP cookie) sent to port 502: tshark decodes TPKT by port only",
    "iec61850-mms-goose/iti__Sample_File_MMS_and_GOOSE.pcap":
      "four associations start before the capture: without the AARQ tshark cannot tell which abstract syntax the "
      + "presentation context carries and stops at pres; Bulkhead reads well-formed MMS PDUs (BER length exact) there",
    "enip-cip/iti__EIP-ControlProtocolChangeAttempt.pcap":
      "the 44818 stream has no handshake in the capture and tshark leaves it as plain TCP",
  ]

  static func captures() throws -> [String] {
    let root = try Corpus.root().appendingPathComponent("pcaps")
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted()
  }

  struct NamedFlow {
    var key: String
    var protocolID: ProtocolID
  }

  @Test func everyNamedFlowCarriesItsProtocol() throws {
    let root = try Corpus.root()
    let files = try Self.captures()
    try #require(!files.isEmpty)
    var named = 0
    var checkedPerFlow = 0
    var falseNames: [String] = []
    var stillDiffering: Set<String> = []
    for file in files {
      let path = root.appendingPathComponent("pcaps").appendingPathComponent(file).path
      let flows = Self.namedFlows(path)
      guard !flows.isEmpty else { continue }
      named += flows.count
      for flow in flows { #expect(Self.tsharkNames[flow.protocolID] != nil, "no tshark names for \(flow.protocolID)") }
      let fileLevel = Self.fileHierarchy(root, (file as NSString).lastPathComponent)
      let ids = Set(flows.map(\.protocolID))
      if let fileLevel, ids.count == 1, let id = ids.first, let accepted = Self.tsharkNames[id],
        !fileLevel.contains("data"), !fileLevel.isDisjoint(with: accepted),
        fileLevel.subtracting(Self.lowerLayers).subtracting(accepted).allSatisfy({ $0.hasPrefix("_ws.") })
      {
        continue  // Only one application protocol in the whole capture, and it is the one named.
      }
      checkedPerFlow += 1
      let theirs = try Self.tsharkProtocols(path)
      for flow in flows {
        let accepted = Self.tsharkNames[flow.protocolID] ?? []
        guard (theirs[flow.key] ?? []).isDisjoint(with: accepted) else { continue }
        if Self.justified[file] != nil {
          stillDiffering.insert(file)
          continue
        }
        falseNames.append(
          "\(file) \(flow.key): named \(flow.protocolID), tshark says \((theirs[flow.key] ?? []).sorted())")
      }
    }
    #expect(falseNames.isEmpty, "\(falseNames.count) false names:\n\(falseNames.joined(separator: "\n"))")
    let stale = Set(Self.justified.keys).subtracting(stillDiffering).filter { files.contains($0) }
    #expect(stale.isEmpty, "justified differences that no longer occur: \(stale.sorted())")
    #expect(named > 0)
    print("NoFalseNames: \(named) named flows in \(files.count) captures, \(checkedPerFlow) looked at per flow")
  }

  /// Every flow the dissectors name, keyed like tshark's conversations (`a:port|b:port`, sorted).
  static func namedFlows(_ path: String) -> [NamedFlow] {
    let consumer = DissectorConsumer()
    let report = CaptureSession.run(files: [path], consumer: consumer)
    return report.flows.compactMap { flow in
      guard let observation = consumer.observation(forFlow: flow.flowID) else { return nil }
      let key = ["\(flow.initiator):\(flow.initiatorPort)", "\(flow.responder):\(flow.responderPort)"].sorted()
        .joined(separator: "|")
      return NamedFlow(key: "\(flow.transport):\(key)", protocolID: observation.protocolID)
    }
  }

  /// The protocol names of a capture's hierarchy from its `tshark-ref/` summary (`-z io,phs`), if there is one.
  static func fileHierarchy(_ root: URL, _ name: String) -> Set<String>? {
    let url = root.appendingPathComponent("tshark-ref").appendingPathComponent(name + ".txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8), let start = text.range(of: "Protocol Hierarchy")
    else { return nil }
    var names: Set<String> = []
    for line in text[start.upperBound...].split(separator: "\n") where line.contains("frames:") {
      guard let first = line.split(separator: " ").first else { continue }
      names.insert(String(first.drop { $0 == "." }))
    }
    return names
  }

  /// tshark's protocol names per flow (`tcp:a:port|b:port`), the union over the flow's packets.
  static func tsharkProtocols(_ path: String) throws -> [String: Set<String>] {
    let text = try Tshark.output([
      "-r", path, "-n", "-Y", "tcp or udp", "-T", "fields", "-E", "separator=/t",
      "-e", "ip.src", "-e", "ipv6.src", "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.srcport", "-e", "tcp.dstport",
      "-e", "udp.srcport", "-e", "udp.dstport", "-e", "frame.protocols",
    ])
    var result: [String: Set<String>] = [:]
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 9 else { continue }
      // Tunnels give several comma-separated values; the innermost (last) one is the flow's.
      func last(_ s: String) -> String { s.split(separator: ",").last.map(String.init) ?? "" }
      let isTCP = !f[4].isEmpty
      let src = "\(last(f[0].isEmpty ? f[1] : f[0])):\(last(isTCP ? f[4] : f[6]))"
      let dst = "\(last(f[2].isEmpty ? f[3] : f[2])):\(last(isTCP ? f[5] : f[7]))"
      let key = (isTCP ? "tcp:" : "udp:") + [src, dst].sorted().joined(separator: "|")
      result[key, default: []].formUnion(f[8].split(separator: ":").map(String.init))
    }
    return result
  }
}
