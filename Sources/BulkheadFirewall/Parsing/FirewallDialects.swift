import BulkheadModel

/// The registry of firewall dialects: the one place a new vendor is added.
public enum FirewallDialects {
  /// Every dialect Bulkhead reads, in the order `vendor: auto` tries them on a tie.
  public static let all: [any FirewallDialect] = [
    IptablesDialect(),
    NftablesDialect(),
    FortiGateDialect(),
    PaloAltoDialect(),
    JuniperSRXDialect(),
    CiscoASADialect(),
    CiscoIOSDialect(),
    PfSenseDialect(),
  ]

  /// The dialect registered under a name or alias (case ignored); `nil` for `auto` and for unknown names.
  public static func dialect(named vendor: FirewallVendor) -> (any FirewallDialect)? {
    all.first { $0.names.contains(vendor.rawValue) }
  }

  /// The dialect with the earliest evidence in the text (registry order breaks ties), or `nil`.
  public static func detect(_ text: String) -> (any FirewallDialect)? {
    var best: (line: Int, dialect: any FirewallDialect)? = nil
    for dialect in all {
      guard let line = dialect.sniff(text) else { continue }
      if let current = best, current.line <= line { continue }
      best = (line, dialect)
    }
    return best?.dialect
  }

  /// The registered names, for messages and help: `iptables, nftables`.
  public static var namesText: String { all.map(\.vendor.rawValue).joined(separator: ", ") }
}
