/// The values of an nft chain object that decide its verdicts (`type`, `hook`, `policy`, `family`), checked
/// against what nft accepts (nft(8), "CHAINS"; libnftables-json(5), "CHAIN"): anything else is an error.
struct NftChainProperties {
  /// The nftables address families (nft(8), "ADDRESS FAMILIES").
  static let families: Set<String> = ["ip", "ip6", "inet", "arp", "bridge", "netdev"]
  static let types: Set<String> = ["filter", "nat", "route"]
  static let hooks: Set<String> = Set(ChainHook.allCases.map(\.rawValue))
  static let policies: Set<String> = ["accept", "drop"]

  var type: String?
  var hook: String?
  var policy: String?
  /// What is wrong, in words, or `nil` when every present value is valid.
  var problem: String?

  init(_ chain: [String: Any]) {
    var problems: [String] = []
    if let family = chain["family"], !NftChainProperties.families.contains(family as? String ?? "") {
      problems.append("family \(NftablesParser.describe(family)) is not an nftables family")
    }
    type = Self.read(chain, "type", NftChainProperties.types, into: &problems)
    hook = Self.read(chain, "hook", NftChainProperties.hooks, into: &problems)
    policy = Self.read(chain, "policy", NftChainProperties.policies, into: &problems)
    problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
  }

  private static func read(_ chain: [String: Any], _ key: String, _ valid: Set<String>, into problems: inout [String])
    -> String?
  {
    guard let raw = chain[key] else { return nil }
    let expected = valid.sorted().joined(separator: ", ")
    guard let text = raw as? String else {
      let shown = raw is [Any] ? "[\(NftablesParser.describe(raw))]" : NftablesParser.describe(raw)
      problems.append("\(key) \(shown) is not a name (nft accepts \(expected))")
      return nil
    }
    if !valid.contains(text) { problems.append("unknown \(key) '\(text)' (nft accepts \(expected))") }
    return text
  }
}
