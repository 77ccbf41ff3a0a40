import BulkheadModel

extension FirewallVendor {
  /// Linux iptables / ip6tables.
  public static let iptables = FirewallVendor(rawValue: "iptables")
}

/// `iptables-save` / `ip6tables-save` output or an `iptables-restore` file.
public struct IptablesDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .iptables }
  public var aliases: [String] { ["ip6tables", "iptables-save"] }
  public var formats: String { "iptables-save / ip6tables-save text" }

  /// `*table` headers, chain declarations and `-A`/`-P`/`-N` commands.
  public func sniff(_ text: String) -> Int? {
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      let l = line.drop(while: { $0 == " " || $0 == "\t" })
      if l.hasPrefix("*filter") || l.hasPrefix("*nat") || l.hasPrefix("*mangle") || l.hasPrefix("*raw")
        || l.hasPrefix("-A ") || l.hasPrefix(":INPUT") || l.hasPrefix(":FORWARD") || l.hasPrefix("-P ")
        || l.hasPrefix("-N ")
      {
        return offset + 1
      }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult { IptablesParser(file: file).parse(text) }
}
