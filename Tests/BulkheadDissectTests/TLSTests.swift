import BulkheadCapture
import Foundation
import Testing

@testable import BulkheadDissect

/// TLS facts the rules and reports use — server name, version, chosen cipher suite — against tshark's on every corpus
/// capture with a TLS handshake, and the cases the corpus lacks (TLS 1.3, NULL and anonymous suites) by hand.
@Suite struct TLSTests {
  static let captures = [
    "tls/zeek__tls-conn-with-extensions.pcap",
    "_encapsulation/zeek__pppoe-over-qinq.pcap",
    "modbus/zeek__modbus-and-non-modbus-p502.pcap",
  ]

  struct Facts: Equatable, CustomStringConvertible {
    var sni: [String] = []
    var version: [String] = []
    var cipher: [String] = []
    var description: String { "sni \(sni) version \(version) cipher \(cipher)" }
  }

  /// tshark's server name, and the version and cipher suite of the ServerHello, per flow (`a:port|b:port`).
  static func tsharkFacts(_ path: String) throws -> [String: Facts] {
    let text = try Tshark.output([
      "-r", path, "-n", "-Y", "tls.handshake.type", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a",
      "-e", "ip.src", "-e", "ipv6.src", "-e", "tcp.srcport", "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.dstport",
      "-e", "tls.handshake.type", "-e", "tls.handshake.extensions_server_name", "-e", "tls.handshake.version",
      "-e", "tls.handshake.ciphersuite", "-e", "tls.handshake.extensions.supported_version",
    ])
    var result: [String: Facts] = [:]
    for line in text.split(separator: "\n") {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard f.count >= 11 else { continue }
      func last(_ s: String) -> String { s.split(separator: ",").last.map(String.init) ?? "" }
      let src = "\(last(f[0].isEmpty ? f[1] : f[0])):\(f[2])"
      let dst = "\(last(f[3].isEmpty ? f[4] : f[3])):\(f[5])"
      let key = [src, dst].sorted().joined(separator: "|")
      var facts = result[key] ?? Facts()
      let types = f[6].split(separator: ",")
      if types.contains("1"), !f[7].isEmpty { facts.sni.append(f[7]) }
      if types.contains("2") {
        let version = f[10].isEmpty ? f[8].split(separator: ",").first.map(String.init) : f[10]
        if let version, let code = UInt16(version.dropFirst(2), radix: 16) {
          facts.version.append(TLSMessage.versionName(code))
        }
        if let code = UInt16(f[9].dropFirst(2), radix: 16) { facts.cipher.append(TLSCipherSuite.name(code)) }
      }
      result[key] = facts
    }
    return result
  }

  @Test func factsMatchTshark() throws {
    var compared = 0
    for capture in Self.captures {
      let path = try Corpus.pcap(capture)
      let theirs = try Self.tsharkFacts(path)
      var ours: [String: Facts] = [:]
      for (key, observation) in CaptureFlows.observations(path) where observation.protocolID == .tls {
        ours[TsharkComparisonTests.unordered(key)] = Facts(
          sni: observation.attribute("sni"), version: observation.attribute("version"),
          cipher: observation.attribute("cipher"))
      }
      #expect(ours == theirs, "\(capture)")
      compared += theirs.count
    }
    #expect(compared == 3)
  }

  @Test func observationOfTheCorpusSession() throws {
    let observations = CaptureFlows.observations(try Corpus.pcap("tls/zeek__tls-conn-with-extensions.pcap"))
    let observation = try #require(observations.values.first { $0.protocolID == .tls })
    #expect(observation.security.encrypted == .yes)
    #expect(observation.security.mode == "TLSv1.0")
    #expect(observation.security.policy == "TLS_ECDHE_RSA_WITH_RC4_128_SHA")
    #expect(observation.attribute("peer-authentication") == ["server"])
    #expect(observation.attribute("subject").first?.contains("CN=*.gstatic.com") == true)
    #expect(observation.attribute("issuer").first?.contains("Google") == true)
    #expect(observation.violationCount == 0)
  }

  // MARK: Hand-made handshakes

  static func record(_ type: UInt8, _ body: [UInt8], version: UInt16 = 0x0303) -> [UInt8] {
    [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
  }

  static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
    [type, 0, UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body
  }

  static func extensionBlock(_ extensions: [(UInt16, [UInt8])]) -> [UInt8] {
    let bytes = extensions.flatMap { type, data in
      [UInt8(type >> 8), UInt8(type & 0xFF), UInt8(data.count >> 8), UInt8(data.count & 0xFF)] + data
    }
    return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
  }

  static func clientHello(sni: String) -> [UInt8] {
    let name = Array(sni.utf8)
    let list: [UInt8] = [0] + [UInt8(name.count >> 8), UInt8(name.count & 0xFF)] + name
    let serverName = [UInt8(list.count >> 8), UInt8(list.count & 0xFF)] + list
    let alpn: [UInt8] = [0, 3, 2] + Array("h2".utf8)
    let body: [UInt8] =
      [3, 3] + [UInt8](repeating: 7, count: 32) + [0] + [0, 2, 0x13, 0x01] + [1, 0]
      + extensionBlock([(0, serverName), (16, alpn)])
    return record(22, handshake(1, body), version: 0x0301)
  }

  static func serverHello(cipher: UInt16, supportedVersion: UInt16? = nil) -> [UInt8] {
    var extensions: [(UInt16, [UInt8])] = []
    if let supportedVersion { extensions.append((43, [UInt8(supportedVersion >> 8), UInt8(supportedVersion & 0xFF)])) }
    let body: [UInt8] =
      [3, 3] + [UInt8](repeating: 9, count: 32) + [0] + [UInt8(cipher >> 8), UInt8(cipher & 0xFF)] + [0]
      + extensionBlock(extensions)
    return record(22, handshake(2, body))
  }

  static func matches(_ bytes: [UInt8], transport: TransportProtocol) -> Bool {
    bytes.withUnsafeBytes { TLSDissector.matches($0, transport: transport) }
  }

  static func observe(_ messages: [([UInt8], FlowDirection)]) -> ProtocolObservation {
    var dissector = TLSDissector(transport: .tcp)
    for (index, (bytes, direction)) in messages.enumerated() {
      dissector.consume(bytes, direction: direction, packet: index + 1)
    }
    return dissector.finalObservation()
  }

  @Test func tls13IsReadFromSupportedVersions() {
    let hello = Self.clientHello(sni: "historian.plant.example")
    #expect(Self.matches(hello, transport: .tcp))
    let observation = Self.observe([
      (hello, .initiatorToResponder),
      (Self.serverHello(cipher: 0x1301, supportedVersion: 0x0304), .responderToInitiator),
      // TLS 1.3 goes on in application-data records: nothing after the ServerHello is read.
      (Self.record(23, [UInt8](repeating: 0xAB, count: 40)), .responderToInitiator),
      (Self.record(23, [UInt8](repeating: 0xCD, count: 40)), .responderToInitiator),
    ])
    #expect(observation.attribute("sni") == ["historian.plant.example"])
    #expect(observation.attribute("alpn-offered") == ["h2"])
    #expect(observation.attribute("version") == ["TLSv1.3"])
    #expect(observation.attribute("cipher") == ["TLS_AES_128_GCM_SHA256"])
    #expect(observation.security.encrypted == .yes)
    #expect(observation.violationCount == 0)
    #expect(observation.operations.map(\.name) == ["client_hello", "server_hello"])
  }

  @Test func nullCipherIsNotEncryption() {
    let observation = Self.observe([
      (Self.clientHello(sni: "plc"), .initiatorToResponder),
      (Self.serverHello(cipher: 0x003B), .responderToInitiator),
    ])
    #expect(observation.security.encrypted == .no)
    #expect(observation.attribute("cipher") == ["TLS_RSA_WITH_NULL_SHA256"])
  }

  @Test func anonymousKeyExchangeAuthenticatesNobody() {
    let observation = Self.observe([
      (Self.clientHello(sni: "plc"), .initiatorToResponder),
      (Self.serverHello(cipher: 0x0034), .responderToInitiator),
    ])
    #expect(observation.attribute("peer-authentication") == ["none"])
  }

  @Test func helloSplitAcrossRecordsIsReassembled() {
    let hello = Self.clientHello(sni: "scada.example")
    let message = Array(hello.dropFirst(5))
    let first = Self.record(22, Array(message.prefix(20)), version: 0x0301)
    let second = Self.record(22, Array(message.dropFirst(20)), version: 0x0301)
    let observation = Self.observe([(first, .initiatorToResponder), (second, .initiatorToResponder)])
    #expect(observation.attribute("sni") == ["scada.example"])
    #expect(observation.violationCount == 0)
  }

  @Test func foreignBytesAreAViolationNotANewName() {
    let observation = Self.observe([
      (Self.clientHello(sni: "x"), .initiatorToResponder), (Array("HTTP/1.1 400 Bad".utf8), .responderToInitiator),
    ])
    #expect(observation.violations.map(\.code) == ["tls.record"])
  }

  @Test func signatureWantsAHello() {
    #expect(!Self.matches(Self.record(23, [1, 2, 3]), transport: .tcp))
    #expect(!Self.matches(Self.clientHello(sni: "x"), transport: .udp))
    #expect(!Self.matches(Array(Self.clientHello(sni: "x").prefix(8)), transport: .tcp))
  }
}
