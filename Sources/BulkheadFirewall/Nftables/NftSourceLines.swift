/// Finds the line of every rule in an `nft -f` source file, so rules read from the `nft -j` export of the same
/// ruleset can point at the line a person wrote.
///
/// nft keeps rule order within a chain, so the k-th rule of chain C in the export is the k-th rule statement of
/// chain C in the source. A rule statement is a line that starts inside a chain block (not inside an anonymous set
/// spanning lines) and is not a chain property (`type … hook …;`, `policy …;`, `comment …`) or a comment.
public struct NftSourceLines: Sendable {
  /// (table family, table name, chain name) → rule lines in order.
  public private(set) var lines: [String: [Int]] = [:]

  /// The key used in ``lines``.
  public static func key(family: String, table: String, chain: String) -> String { "\(family) \(table) \(chain)" }

  /// Scans the source text.
  public init(text: String) {
    var family = ""
    var table = ""
    var chain: String? = nil
    var depth = 0
    var chainDepth = -1
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = Substring(raw)
      if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("\"") { line = line[..<hash] }
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      let startDepth = depth
      if let first = words.first {
        if first == "table", words.count >= 3 {
          if words.count >= 4 || words[2] != "{" {
            family = String(words[1])
            table = String(words[2])
          } else {
            family = "ip"
            table = String(words[1])
          }
        } else if first == "chain", words.count >= 2, startDepth >= 1 {
          chain = String(words[1])
          chainDepth = startDepth + 1
        } else if let chain, startDepth == chainDepth, first != "}", first != "type", first != "policy",
          first != "comment", first != "devices"
        {
          lines[NftSourceLines.key(family: family, table: table, chain: chain), default: []].append(offset + 1)
        }
      }
      for ch in line {
        if ch == "{" { depth += 1 }
        if ch == "}" {
          depth -= 1
          if depth < chainDepth {
            chain = nil
            chainDepth = -1
          }
        }
      }
    }
  }
}
