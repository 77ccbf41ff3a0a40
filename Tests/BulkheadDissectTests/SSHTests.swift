import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// SSH: both identification strings as tshark reads them, the algorithms the two KEXINITs agree on, and the
/// identification phase across segment boundaries.
@Suite struct SSHTests {
  static let capture = "_encapsulation/zeek__gre-sample.pcap"

  @Test func bannersAndAlgorithmsMatchTshark() throws {
    let path = try Corpus.pcap(Self.capture)
    let text = try Tshark.output([
      "-r", path, "-n", "-Y", "ssh", "-T", "fields", "-E", "separator=/t", "-e", "tcp.srcport", "-e", "tcp.dstport",
      "-e", "ssh.protocol", "-e", "ssh.kex_algorithms", "-e", "ssh.encryption_algorithms_client_to_server",
    ])
    var banners: [String: String] = [:]
    var kexLists: [String: [String]] = [:]
    var cipherLists: [String: [String]] = [:]
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 5 else { continue }
      let side = f[0] == "22" ? "server" : "client"
      if !f[2].isEmpty { banners[side] = f[2] }
      if !f[3].isEmpty { kexLists[side] = f[3].split(separator: ",").map(String.init) }
      if !f[4].isEmpty { cipherLists[side] = f[4].split(separator: ",").map(String.init) }
    }
    let observation = try #require(CaptureFlows.observations(path).values.first { $0.protocolID == .ssh })
    #expect(observation.attribute("client") == [try #require(banners["client"])])
    #expect(observation.attribute("server") == [try #require(banners["server"])])
    // RFC 4253 §7.1: the first algorithm on the client's list that the server also lists.
    func chosen(_ lists: [String: [String]]) -> String? {
      lists["client"]?.first { lists["server"]?.contains($0) == true }
    }
    #expect(observation.attribute("kex") == [try #require(chosen(kexLists))])
    #expect(observation.attribute("cipher") == [try #require(chosen(cipherLists))])
    #expect(observation.security.encrypted == .yes)
    #expect(observation.security.authenticated == .yes)
    #expect(observation.security.mode == "ssh-2")
    #expect(observation.violationCount == 0)
  }

  static func packet(_ payload: [UInt8]) -> [UInt8] {
    // uint32 packet_length, byte padding_length, payload, padding (RFC 4253 §6): a total multiple of 8.
    var padding = 8 - (5 + payload.count) % 8
    if padding < 4 { padding += 8 }
    let length = 1 + payload.count + padding
    return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
      + [UInt8(padding)] + payload + [UInt8](repeating: 0, count: padding)
  }

  static func kexInit(cipher: String) -> [UInt8] {
    let lists = [
      "curve25519-sha256", "ssh-ed25519", cipher, cipher, "hmac-sha2-256", "hmac-sha2-256", "none", "none",
      "", "",
    ]
    var payload: [UInt8] = [20] + [UInt8](repeating: 1, count: 16)
    for list in lists {
      let bytes = Array(list.utf8)
      payload += [0, 0, UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }
    return packet(payload + [0, 0, 0, 0, 0])
  }

  static func matches(_ bytes: [UInt8], transport: TransportProtocol) -> Bool {
    bytes.withUnsafeBytes { SSHDissector.matches($0, transport: transport) }
  }

  static func observe(_ chunks: [([UInt8], FlowDirection)]) -> ProtocolObservation {
    var dissector = SSHDissector(transport: .tcp)
    for (index, (bytes, direction)) in chunks.enumerated() {
      dissector.consume(bytes, direction: direction, packet: index + 1)
    }
    return dissector.finalObservation()
  }

  @Test func identificationAndPacketsAcrossSegments() {
    let client = Array("SSH-2.0-PlantClient_1.0\r\n".utf8) + Self.kexInit(cipher: "aes128-ctr")
    let server = Array("SSH-2.0-RTU_ssh\r\n".utf8) + Self.kexInit(cipher: "aes128-ctr") + Self.packet([21])
    #expect(Self.matches(client, transport: .tcp))
    let whole = Self.observe([(client, .initiatorToResponder), (server, .responderToInitiator)])
    var pieces: [([UInt8], FlowDirection)] = []
    for start in stride(from: 0, to: client.count, by: 3) {
      pieces.append((Array(client[start..<min(start + 3, client.count)]), .initiatorToResponder))
    }
    pieces.append((server, .responderToInitiator))
    #expect(Self.observe(pieces) == whole)
    #expect(whole.attribute("client") == ["SSH-2.0-PlantClient_1.0"])
    #expect(whole.attribute("cipher") == ["aes128-ctr"])
    #expect(whole.operation(named: "SSH_MSG_KEXINIT")?.total == 2)
    #expect(whole.operation(named: "SSH_MSG_NEWKEYS")?.total == 1)
    #expect(whole.violationCount == 0)
  }

  @Test func noneCipherIsNotEncryption() {
    let observation = Self.observe([
      (Array("SSH-2.0-a\r\n".utf8) + Self.kexInit(cipher: "none"), .initiatorToResponder),
      (Array("SSH-2.0-b\r\n".utf8) + Self.kexInit(cipher: "none"), .responderToInitiator),
    ])
    #expect(observation.security.encrypted == .no)
  }

  @Test func versionOneIsNamedButNotFramed() {
    let observation = Self.observe([
      (Array("SSH-1.5-old\n".utf8) + [0, 0, 0, 9, 1, 2, 3], .initiatorToResponder),
      (Array("SSH-1.5-older\n".utf8), .responderToInitiator),
    ])
    #expect(observation.attribute("version") == ["1"])
    #expect(observation.violationCount == 0)
    #expect(observation.pduCount == 2)
  }

  @Test func aClientThatTalksFirstInTextIsAViolation() {
    let observation = Self.observe([(Array("hello\nSSH-2.0-x\n".utf8), .initiatorToResponder)])
    #expect(observation.violations.map(\.code) == ["ssh.identification"])
  }
}
