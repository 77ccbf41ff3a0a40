/// The configuration dialect a ruleset was read from.
public enum Vendor: String, Hashable, Sendable, Codable, CaseIterable {
  case iptables
  case nftables

  /// Guesses the dialect from the text: `nft -j` output is a JSON object with an `nftables` array,
  /// `iptables-save` output has `*table` headers or `-A CHAIN` lines.
  public static func detect(_ text: String) -> Vendor? {
    let trimmed = text.drop(while: { $0.isWhitespace })
    if trimmed.first == "{" && text.contains("\"nftables\"") { return .nftables }
    for line in text.split(separator: "\n").prefix(2000) {
      let l = line.drop(while: { $0 == " " || $0 == "\t" })
      if l.hasPrefix("*filter") || l.hasPrefix("*nat") || l.hasPrefix("*mangle") || l.hasPrefix("-A ")
        || l.hasPrefix(":INPUT") || l.hasPrefix(":FORWARD") || l.hasPrefix("-P ") || l.hasPrefix("-N ")
      {
        return .iptables
      }
      if l.hasPrefix("table ") { return .nftables }
    }
    return nil
  }
}
