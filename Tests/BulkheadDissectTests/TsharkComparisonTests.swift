import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// Per-flow function/service counts against tshark's own dissectors on the corpus captures without a Zeek baseline.
@Suite struct TsharkComparisonTests {
  struct Target: Sendable, CustomTestStringConvertible {
    var directory: String
    var protocolID: ProtocolID
    /// tshark display filter and the fields holding one code per PDU, each with the offset that makes it a
    /// Bulkhead tally code (BACnet's unconfirmed services are 0x100 | choice).
    var filter: String
    var field: String
    var fieldOffset: UInt32 = 0
    var moreFields: [(name: String, offset: UInt32)] = []
    /// Captures of other folders that carry the protocol too (paths under `pcaps/`).
    var alsoIn: [String] = []
    /// Whether only the field's first value in a frame counts (SMB1's AndX chains repeat `smb.cmd`, ending in 0xff).
    var firstOnly = false
    var testDescription: String { directory }
  }

  static let protocols = [
    Target(directory: "modbus", protocolID: .modbus, filter: "modbus", field: "modbus.func_code"),
    Target(directory: "modbus-umas-modicon", protocolID: .modbus, filter: "modbus", field: "modbus.func_code"),
    Target(directory: "mqtt", protocolID: .mqtt, filter: "mqtt", field: "mqtt.msgtype"),
    Target(directory: "s7comm", protocolID: .s7comm, filter: "s7comm", field: "s7comm.param.func"),
    Target(directory: "dnp3", protocolID: .dnp3, filter: "dnp3.al.func", field: "dnp3.al.func"),
    Target(directory: "iec104", protocolID: .iec104, filter: "iec60870_asdu", field: "iec60870_asdu.typeid"),
    Target(directory: "enip-cip", protocolID: .enip, filter: "enip", field: "enip.command"),
    Target(
      directory: "iec61850-mms-goose", protocolID: .mms, filter: "mms", field: "mms.confirmedServiceRequest",
      moreFields: [("mms.confirmedServiceResponse", 0)]),
    Target(
      directory: "bacnet", protocolID: .bacnet, filter: "bacapp", field: "bacapp.confirmed_service",
      moreFields: [("bacapp.unconfirmed_service", BACnetService.unconfirmedBase)]),
    // Handshake messages while they are in cleartext (tshark names no type for an encrypted one).
    Target(
      directory: "tls", protocolID: .tls, filter: "tls.handshake.type", field: "tls.handshake.type",
      alsoIn: ["_encapsulation/zeek__pppoe-over-qinq.pcap", "modbus/zeek__modbus-and-non-modbus-p502.pcap"]),
    // Binary packets before NEWKEYS; the corpus's only SSH session rides in GRE.
    Target(
      directory: "ssh", protocolID: .ssh, filter: "ssh.message_code", field: "ssh.message_code",
      alsoIn: ["_encapsulation/zeek__gre-sample.pcap"]),
    // SMB2 commands, compounded ones each.
    Target(directory: "smb", protocolID: .smb, filter: "smb2.cmd", field: "smb2.cmd"),
    // SMB1 over NetBIOS sessions in the ICS captures: the header's command (AndX follow-ups are not counted).
    Target(
      directory: "smb1", protocolID: .smb, filter: "smb and tcp", field: "smb.cmd",
      fieldOffset: SMBCommand.smb1Base,
      alsoIn: [
        "enip-cip/iti__EIP-RemoteModeChangeAttempt.pcap", "modbus/iti__mb2.pcap",
        "iec61850-mms-goose/iti__Sample_File_MMS_and_GOOSE.pcap",
      ], firstOnly: true),
  ]

  /// Captures whose differences are explained; the test fails when one of them starts to agree.
  static let justified: [String: String] = [
    "modbus/iti__mb2.pcap":
      "Modbus on port 5026: tshark decodes by port and misses it, Bulkhead recognises it by content",
    "modbus/zeek__fuzz-72.pcap": "fuzzed MBAP lengths: tshark and Bulkhead frame the corrupted bytes differently",
    "dnp3/zeek__dnp3_read_p20001.pcap": "DNP3 on port 20001: tshark decodes by port, Bulkhead by content",
    "dnp3/iti__opendnp3-conformance-6.6.2.2.pcap":
      "the conformance test sends user data under invalid link functions 5 and 10; a conforming outstation ignores "
      + "them and so does Bulkhead (with a dnp3.link-function violation); tshark decodes them",
    "dnp3/iti__opendnp3-conformance-6.6.2.5.pcap": "as 6.6.2.2: a READ under an invalid link function",
    "dnp3/icsnpp-dnp3__dnp3_example.pcap":
      "tshark decodes the outstation RESPONSE in frame 311 (application function 0x81) as function 0 and counts 3 "
      + "fewer RESPONSEs on 20000<->20000; the ICSNPP dnp3.log baseline agrees with Bulkhead (97)",
    "bacnet/icsnpp-bacnet__bacnet_segmented_data.pcap":
      "tshark counts each segment of a segmented ComplexACK; Bulkhead counts the message once, as ICSNPP's bacnet.log",
    "enip-cip/iti__EIP-ControlProtocolChangeAttempt.pcap":
      "tshark leaves the 44818 stream as plain TCP (no handshake in the capture); Bulkhead recognises ENIP by content",
  ]

  @Test(arguments: protocols)
  func countsMatchTshark(_ proto: Target) throws {
    let pcaps = try Corpus.root().appendingPathComponent("pcaps")
    let directory = pcaps.appendingPathComponent(proto.directory)
    let own = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let files =
      own.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted().map { "\(proto.directory)/\($0)" }
      + proto.alsoIn
    try #require(!files.isEmpty, "no captures for \(proto.directory)")
    var disagreeing: [String] = []
    var compared = 0
    for file in files {
      let path = pcaps.appendingPathComponent(file).path
      guard let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size < 20_000_000 else {
        continue
      }
      let theirs = try Self.tsharkCounts(path, proto)
      var ours: [String: [UInt32: Int]] = [:]
      for (key, observation) in CaptureFlows.observations(path)
      where observation.protocolID == proto.protocolID
        || (proto.protocolID == .s7comm && observation.protocolID == .s7commPlus)
      {
        var counts: [UInt32: Int] = [:]
        for tally in observation.operations {
          guard let code = Self.tsharkCode(tally.code, proto.protocolID) else { continue }
          counts[code, default: 0] += tally.total
        }
        if !counts.isEmpty { ours[Self.unordered(key), default: [:]].merge(counts, uniquingKeysWith: +) }
      }
      compared += theirs.count
      if theirs != ours {
        disagreeing.append(file)
        // A difference is justified for the captures of the protocol's own folder; others must agree.
        if !file.hasPrefix(proto.directory + "/") || Self.justified[file] == nil {
          let keys = Set(theirs.keys).union(ours.keys).sorted()
          let detail = keys.filter { theirs[$0] != ours[$0] }.prefix(2).map {
            "\($0): tshark \(theirs[$0]?.sorted { $0.key < $1.key } ?? []) bulkhead \(ours[$0]?.sorted { $0.key < $1.key } ?? [])"
          }
          Issue.record("\(file) differs from tshark: \(detail)")
        }
      }
    }
    #expect(compared > 0, "tshark found no \(proto.filter) in \(files)")
    let stale = Self.justified.keys.filter { $0.hasPrefix(proto.directory + "/") && !disagreeing.contains($0) }
    #expect(stale.isEmpty, "justified differences that no longer occur: \(stale)")
  }

  /// Our tally code as tshark's field value, or nil when tshark has no per-PDU code for it.
  static func tsharkCode(_ code: UInt32, _ protocolID: ProtocolID) -> UInt32? {
    switch protocolID {
    case .modbus: return code
    case .mqtt: return code & 0xFF
    case .s7comm: return code < 0x100 ? code : nil
    case .dnp3: return code
    case .iec104: return code < IEC104TypeID.unnumberedBase ? code : nil
    case .enip: return code >= ENIPCommand.base && code < ENIPCommand.ioToTarget ? code & 0xFFFF : nil
    case .mms: return code < MMSService.unconfirmedBase ? code : nil
    case .bacnet: return code < BACnetService.bvlcBase ? code : nil
    case .tls: return code < TLSMessage.recordBase ? code : nil
    case .ssh: return code < SSHMessage.identification ? code : nil
    case .smb: return code < SMBCommand.transform ? code : nil
    default: return nil
    }
  }

  static func unordered(_ key: String) -> String {
    let sides = key.split(separator: "-").map(String.init)
    return sides.sorted().joined(separator: "|")
  }

  static func tsharkCounts(_ path: String, _ proto: Target) throws -> [String: [UInt32: Int]] {
    let text = try Tshark.output(
      [
        "-r", path, "-n", "-Y", proto.filter, "-T", "fields", "-E", "separator=/t",
        "-E", proto.firstOnly ? "occurrence=f" : "occurrence=a",
        "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "udp.srcport", "-e", "ip.dst", "-e", "ipv6.dst",
        "-e", "tcp.dstport", "-e", "udp.dstport", "-e", proto.field,
      ] + proto.moreFields.flatMap { ["-e", $0.name] })
    var result: [String: [UInt32: Int]] = [:]
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 9 + proto.moreFields.count else { continue }
      func last(_ s: String) -> String { s.split(separator: ",").last.map(String.init) ?? "" }
      let src = "\(last(f[0].isEmpty ? f[1] : f[0])):\(last(f[2].isEmpty ? f[3] : f[2]))"
      let dst = "\(last(f[4].isEmpty ? f[5] : f[4])):\(last(f[6].isEmpty ? f[7] : f[6]))"
      let key = [src, dst].sorted().joined(separator: "|")
      for (column, offset) in [(8, proto.fieldOffset)]
        + proto.moreFields.enumerated().map({ (9 + $0.offset, $0.element.offset) })
      {
        for value in f[column].split(separator: ",") {
          let text = value.hasPrefix("0x") ? String(value.dropFirst(2)) : String(value)
          guard let code = UInt32(text, radix: value.hasPrefix("0x") ? 16 : 10) else { continue }
          result[key, default: [:]][code + offset, default: 0] += 1
        }
      }
    }
    return result
  }
}
