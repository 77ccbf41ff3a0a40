import BulkheadCapture
import BulkheadModel
import Foundation
import Testing

@testable import BulkheadDissect

/// A protocol is one folder and one registry line: these checks say what else must follow when one is added.
@Suite struct RegistryTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources/BulkheadDissect")

  @Test func everyDissectorIsRegisteredOnceWithAUniqueID() throws {
    let ids = DissectorRegistry.all.map { $0.id }
    #expect(Set(ids).count == ids.count)
    let reported = DissectorRegistry.all.flatMap { $0.reportedIDs }
    #expect(Set(reported).count == reported.count, "two dissectors report the same protocol")
    for type in DissectorRegistry.all { #expect(type.reportedIDs.contains(type.id), "\(type)") }
    // Every *Dissector.swift under Sources/BulkheadDissect is in the registry.
    let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path)).compactMap { $0 as? String }
    let declared = Set(
      files.map { ($0 as NSString).lastPathComponent }.filter {
        $0.hasSuffix("Dissector.swift") && $0 != "Dissector.swift"
      }
      .map { String($0.dropLast(".swift".count)) })
    let registered = Set(DissectorRegistry.all.map { String(describing: $0) })
    #expect(!declared.isEmpty)
    #expect(declared == registered)
  }

  /// Signature order is decided by priority, never by list position: dissectors sharing a transport have distinct
  /// priorities, and the registry is sorted by them.
  @Test func signaturePrioritiesAreExplicitAndDistinct() {
    for transport in [TransportProtocol.tcp, .udp] {
      let sharing = DissectorRegistry.all.filter { $0.transports.contains(transport) }
      let priorities = sharing.map { $0.signaturePriority }
      #expect(
        Set(priorities).count == priorities.count,
        "\(transport): equal priorities in \(sharing.map { "\($0): \($0.signaturePriority.rawValue)" })")
    }
    let order = DissectorRegistry.all.map { $0.signaturePriority.rawValue }
    #expect(order == order.sorted(by: >))
    // A consumer given its own list tries it in the same order.
    let reversed = DissectorConsumer(dissectors: DissectorRegistry.all.reversed())
    // A DNP3 link header (start 05 64, length 0, control 0, destination 0x0500, source 0, CRC) whose bytes 2...5
    // also read as an MBAP header (protocol id 0, length 5), plus one byte so the MBAP frame is complete.
    var both: [UInt8] = [0x05, 0x64, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00]
    let crc = both.withUnsafeBytes { DNP3CRC.checksum($0) }
    both += [UInt8(crc & 0xFF), UInt8(crc >> 8), 0x01]
    both.withUnsafeBytes { bytes in
      #expect(DNP3Dissector.matches(bytes, transport: .tcp))
      #expect(ModbusDissector.matches(bytes, transport: .tcp))
      let selected = reversed.select(bytes, transport: .tcp, responderPort: 1)
      #expect(selected.map { "\($0.type)" } == "DNP3Dissector")
      // The port still breaks the tie.
      #expect(reversed.select(bytes, transport: .tcp, responderPort: 502).map { "\($0.type)" } == "ModbusDissector")
    }
  }

  /// `DissectingFlowHandler` is specialised per dissector (`@_specialize`), three methods, each listing every
  /// registered dissector: a missing line costs speed silently, so it is checked here.
  @Test func handlerIsSpecialisedForEveryDissector() throws {
    let handler = try String(
      contentsOf: Self.sources.appendingPathComponent("Flow/DissectingFlowHandler.swift"), encoding: .utf8)
    let registered = Set(DissectorRegistry.all.map { String(describing: $0) })
    var blocks: [[String]] = []
    var current: [String] = []
    for line in handler.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      if line.hasPrefix("@_specialize(where Wrapped == "), line.hasSuffix(")") {
        current.append(String(line.dropFirst("@_specialize(where Wrapped == ".count).dropLast()))
      } else if !current.isEmpty {
        blocks.append(current)
        current = []
      }
    }
    #expect(blocks.count == 3, "receive, gap and flowDidEnd are specialised")
    for block in blocks {
      #expect(block.count == Set(block).count)
      let missing = registered.subtracting(block).sorted()
      #expect(missing.isEmpty, "add `@_specialize(where Wrapped == …)` for \(missing) to each method")
      #expect(Set(block).subtracting(registered).isEmpty)
    }
  }

  /// Every protocol a flow can be named with is a service the model can name, with the same application protocol.
  @Test func everyProtocolHasAServiceCatalogEntry() {
    let applicationProtocols = Set(ServiceCatalog.standard.services.values.compactMap(\.applicationProtocol))
    for id in DissectorRegistry.protocolIDs {
      #expect(applicationProtocols.contains(id.rawValue), "ServiceCatalog has no service for \(id)")
    }
  }

  /// The dissect command's help names every dissector.
  @Test func helpNamesEveryDissector() {
    for type in DissectorRegistry.all { #expect(DissectorRegistry.displayNames.contains(type.displayName)) }
    #expect(DissectorRegistry.displayNames.contains(" and "))
  }
}
