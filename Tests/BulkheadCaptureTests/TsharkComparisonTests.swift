import BulkheadCapture
import Foundation
import Testing

/// Every corpus capture's TCP/UDP conversation table must equal tshark's, except the files listed with a reason.
@Suite struct TsharkComparisonTests {
  /// Files whose table differs from tshark's, and why. A listed file that starts matching fails the test, so the
  /// list cannot go stale.
  static let exceptions: [String: String] = [
    // tshark's SNMP and HART-IP dissectors open a conversation with a wildcard port when they see a request, so its
    // table shows request and response of one UDP 5-tuple as separate rows; Bulkhead keeps the 5-tuple one flow.
    "zeek__snmpv1_get.pcap": "tshark splits SNMP request/response into separate UDP conversations",
    "zeek__snmpv3_get_next.pcap": "tshark splits SNMP request/response into separate UDP conversations",
    "iti__Sample_File_MMS_and_GOOSE.pcap": "tshark splits SNMP request/response into separate UDP conversations",
    "icsnpp-hartip__hart-ip.pcap": "tshark splits HART-IP request/response into separate UDP conversations",
  ]

  static func compare(_ relative: String) throws -> (
    onlyBulkhead: [TsharkConversations.Row], onlyTshark: [TsharkConversations.Row]
  )? {
    let root = Corpus.root
    let name = (relative as NSString).lastPathComponent
    let referencePath = root.appendingPathComponent("tshark-ref/\(name).txt")
    let text = try String(contentsOf: referencePath, encoding: .utf8)
    guard let reference = TsharkConversations(reference: text) else { return nil }
    var options = CaptureOptions()
    // tshark never times a conversation out.
    options.idleTimeoutNanoseconds = 0
    options.collectAssets = false
    let report = CaptureSession.run(files: [root.appendingPathComponent("pcaps/" + relative).path], options: options)
    let ours = TsharkConversations(flows: report.flows)
    let diff = ours.difference(from: reference)
    return (diff.onlyHere, diff.onlyThere)
  }

  @Test(arguments: Corpus.captures)
  func conversationsMatchTshark(_ relative: String) throws {
    let name = (relative as NSString).lastPathComponent
    let result = try #require(try Self.compare(relative), "no tshark reference for \(name)")
    let matches = result.onlyBulkhead.isEmpty && result.onlyTshark.isEmpty
    if let reason = Self.exceptions[name] {
      #expect(!matches, "\(name) now matches tshark; remove it from the exceptions (\(reason))")
    } else {
      #expect(
        matches,
        """
        \(name): only Bulkhead: \(result.onlyBulkhead.prefix(5).map(\.description))
        only tshark: \(result.onlyTshark.prefix(5).map(\.description))
        """)
    }
  }
}
