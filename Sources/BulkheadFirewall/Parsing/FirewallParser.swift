import BulkheadModel
import Foundation

/// Entry point for every vendor parser: text in, ``ParseResult`` out.
public enum FirewallParser {
  /// Parses configuration text of a known or detected dialect.
  public static func parse(text: String, file: String, vendor: Vendor? = nil) -> ParseResult {
    guard let vendor = vendor ?? Vendor.detect(text) else {
      return .failed([
        Diagnostic(
          .error, code: "BH400", "cannot tell the firewall dialect of this file; pass --vendor iptables|nftables",
          at: SourceLocation(file: file))
      ])
    }
    switch vendor {
    case .iptables: return IptablesParser(file: file).parse(text)
    case .nftables: return NftablesParser(file: file).parse(text)
    }
  }

  /// Reads and parses a file; an unreadable file is an error diagnostic, not a throw.
  public static func parse(contentsOf path: String, vendor: Vendor? = nil) -> ParseResult {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failed([Diagnostic(.error, code: "BH401", "cannot read file", at: SourceLocation(file: path))])
    }
    let text = String(decoding: data, as: UTF8.self)
    let result = parse(text: text, file: path, vendor: vendor)
    // An nft JSON export beside the `nft -f` file it came from (same stem, `.nft`): point rules at their source line.
    guard case .parsed(var ruleset) = result, ruleset.vendor == .nftables, path.hasSuffix(".json") else {
      return result
    }
    let sourcePath = String(path.dropLast(5)) + ".nft"
    guard let sourceData = FileManager.default.contents(atPath: sourcePath) else { return result }
    ruleset.attachSourceLines(NftSourceLines(text: String(decoding: sourceData, as: UTF8.self)), file: sourcePath)
    return .parsed(ruleset)
  }
}
