import BulkheadCapture
import Testing

@testable import BulkheadDissect

/// The OPC UA service table against the specification's NodeIds table (OPC 10000-6 Annex A, `NodeIds.csv`): every
/// service's request and response DefaultBinary encoding, written here a second time as the table lists them, and
/// a UA TCP flow that carries each pair counts one request and one response under the service's request.
@Suite struct OPCUAServiceTableTests {
  /// `<Service>Request_Encoding_DefaultBinary` and `<Service>Response_Encoding_DefaultBinary` from NodeIds.csv.
  static let nodeIDs: [(service: String, request: UInt32, response: UInt32)] = [
    ("FindServers", 422, 425), ("FindServersOnNetwork", 12208, 12209), ("GetEndpoints", 428, 431),
    ("RegisterServer", 437, 440), ("RegisterServer2", 12211, 12212), ("OpenSecureChannel", 446, 449),
    ("CloseSecureChannel", 452, 455), ("CreateSession", 461, 464), ("ActivateSession", 467, 470),
    ("CloseSession", 473, 476), ("Cancel", 479, 482), ("AddNodes", 488, 491), ("AddReferences", 494, 497),
    ("DeleteNodes", 500, 503), ("DeleteReferences", 506, 509), ("Browse", 527, 530), ("BrowseNext", 533, 536),
    ("TranslateBrowsePathsToNodeIds", 554, 557), ("RegisterNodes", 560, 563), ("UnregisterNodes", 566, 569),
    ("QueryFirst", 615, 618), ("QueryNext", 621, 624), ("Read", 631, 634), ("HistoryRead", 664, 667),
    ("Write", 673, 676), ("HistoryUpdate", 700, 703), ("Call", 712, 715), ("CreateMonitoredItems", 751, 754),
    ("ModifyMonitoredItems", 763, 766), ("SetMonitoringMode", 769, 772), ("SetTriggering", 775, 778),
    ("DeleteMonitoredItems", 781, 784), ("CreateSubscription", 787, 790), ("ModifySubscription", 793, 796),
    ("SetPublishingMode", 799, 802), ("Publish", 826, 829), ("Republish", 832, 835),
    ("TransferSubscriptions", 841, 844), ("DeleteSubscriptions", 847, 850),
  ]

  @Test func tableHoldsEveryServiceOfTheSpecification() {
    #expect(OPCUAService.services.map(\.name).sorted() == Self.nodeIDs.map(\.service).sorted())
    for entry in Self.nodeIDs {
      #expect(OPCUAService.role(of: entry.request) == .request(entry.request), "\(entry.service)Request")
      #expect(
        OPCUAService.role(of: entry.response) == .response(request: entry.request), "\(entry.service)Response")
      #expect(OPCUAService.describe(entry.request).name == entry.service + "Request")
    }
    #expect(OPCUAService.role(of: OPCUAService.serviceFault) == .fault)
    // Neighbours of the ids are other nodes (the DataType, the DefaultXml encoding), never service messages:
    // "response = request + 3" must not be what the table answers for them.
    let tabled = Set(Self.nodeIDs.flatMap { [$0.request, $0.response] })
    for entry in Self.nodeIDs {
      for id in [entry.request - 1, entry.request - 2, entry.response - 1, entry.response - 2, entry.request + 3]
      where !tabled.contains(id) {
        #expect(OPCUAService.role(of: id) == nil, "\(id) next to \(entry.service)")
      }
    }
  }

  /// A MSG chunk (§6.7.2: header, symmetric security header, sequence header) whose body starts with the type id
  /// as a four-byte NodeId (namespace 0).
  static func message(_ typeID: UInt32, requestID: UInt32) -> [UInt8] {
    let body: [UInt8] = [0x01, 0x00, UInt8(typeID & 0xFF), UInt8(typeID >> 8)] + [UInt8](repeating: 0, count: 8)
    let size = UInt32(8 + 8 + 8 + body.count)
    return Array("MSGF".utf8) + le(size) + le(1) + le(1) + le(requestID) + le(requestID) + body
  }

  static func le(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

  @Test(arguments: nodeIDs.map(\.service))
  func flowCountsRequestAndResponseOfEachService(_ service: String) throws {
    let entry = try #require(Self.nodeIDs.first { $0.service == service })
    let events: [TestFlow.Event] = [
      .bytes(Self.message(entry.request, requestID: 7), .initiatorToResponder, packet: 1),
      .bytes(Self.message(entry.response, requestID: 7), .responderToInitiator, packet: 2),
    ]
    let observation = TestFlow.run(OPCUADissector.self, events, transport: .tcp)
    let tally = try #require(observation.operations.first { $0.code == entry.request }, "\(service): no tally")
    #expect(tally.name == service + "Request")
    #expect(tally.requests == 1 && tally.responses == 1 && tally.exceptions == 0, "\(service): \(tally)")
    #expect(observation.operations.count == 1, "\(service): \(observation.operations)")
  }
}
