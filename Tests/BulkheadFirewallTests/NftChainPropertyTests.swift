import BulkheadModel
import Foundation
import Testing

@testable import BulkheadFirewall

/// Issue 23.3: an unknown chain policy, hook, family or type in nft JSON or text is an error and the file is refused
/// (fail closed), never read as a default (before, `"policy": "DROP"` evaluated as accept with no diagnostic).
@Suite struct NftChainPropertyTests {
  /// A one-chain, one-rule `nft -j` export whose chain object gets `chain` merged in.
  static func json(chain: [String: Any], family: String = "inet") throws -> String {
    var base: [String: Any] = [
      "family": family, "table": "t", "name": "fwd", "handle": 1, "type": "filter", "hook": "forward", "prio": 0,
      "policy": "drop",
    ]
    base.merge(chain) { $1 }
    let rule: [String: Any] = [
      "family": family, "table": "t", "chain": "fwd", "handle": 2,
      "expr": [
        ["match": ["op": "==", "left": ["payload": ["protocol": "tcp", "field": "dport"]], "right": 502]],
        ["accept": NSNull()],
      ],
    ]
    let object: [String: Any] = [
      "nftables": [["table": ["family": family, "name": "t", "handle": 1]], ["chain": base], ["rule": rule]]
    ]
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  static func refused(_ result: ParseResult) -> Bool {
    result.ruleset == nil
      && result.diagnostics.contains {
        $0.code == FirewallDiagnosticCode.invalidChainProperty.code && $0.severity == .error
      }
      && result.diagnostics.contains { $0.code == FirewallDiagnosticCode.failClosed.code }
  }

  /// Each value is written as JSON: `"DROP"` is a string, `7` a number, `["forward"]` a list.
  @Test(
    "an invalid policy, hook or type in nft JSON refuses the file",
    arguments: [
      ("policy", #""DROP""#), ("policy", #""dorp""#), ("policy", "7"), ("policy", #"["drop"]"#),
      ("hook", #"["forward"]"#), ("hook", #""forwrd""#), ("hook", "3"), ("type", #""filtre""#),
      ("type", #"["filter"]"#),
    ])
  func invalidJSONChainProperty(key: String, json: String) throws {
    let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    let result = FirewallParser.parse(text: try Self.json(chain: [key: value]), file: "x.json", vendor: .nftables)
    #expect(Self.refused(result), "\(key)=\(json): \(result.diagnostics)")
    let message = result.diagnostics.first { $0.code == FirewallDiagnosticCode.invalidChainProperty.code }?.message
    #expect(message?.contains(key) == true)
  }

  @Test func unknownFamilyRefusesTheFile() throws {
    let result = FirewallParser.parse(
      text: try Self.json(chain: [:], family: "ipv4"), file: "x.json", vendor: .nftables)
    #expect(Self.refused(result), "\(result.diagnostics)")
  }

  @Test func validValuesStillParse() throws {
    for policy in ["accept", "drop"] {
      let result = FirewallParser.parse(
        text: try Self.json(chain: ["policy": policy]), file: "x.json", vendor: .nftables)
      let chain = try #require(result.ruleset?.tables.first?.chain(named: "fwd"), "\(result.diagnostics)")
      #expect(chain.policy == (policy == "drop" ? .deny : .allow))
    }
    // Known families that Bulkhead does not evaluate stay a note, as before.
    let bridge = FirewallParser.parse(text: try Self.json(chain: [:], family: "bridge"), file: "x.json")
    #expect(!bridge.diagnostics.contains { $0.code == FirewallDiagnosticCode.invalidChainProperty.code })
  }

  @Test(
    "an invalid policy, hook or type in nft text refuses the file, at its line",
    arguments: [
      "type filter hook forward priority 0; policy DROP;", "type filter hook forward priority 0; policy dorp;",
      "type filter hook forwrd priority 0; policy drop;", "type filtre hook forward priority 0; policy drop;",
    ])
  func invalidTextChainProperty(declaration: String) {
    let text = """
      table inet t {
        chain fwd {
          \(declaration)
          tcp dport 502 accept
        }
      }

      """
    let result = FirewallParser.parse(text: text, file: "x.nft", vendor: .nftables)
    #expect(Self.refused(result), "\(result.diagnostics)")
    let diagnostic = result.diagnostics.first { $0.code == FirewallDiagnosticCode.invalidChainProperty.code }
    #expect(diagnostic?.location.line == 2)
  }
}
