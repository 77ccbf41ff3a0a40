import BulkheadModel
import Foundation

extension FirewallVendor {
  /// Linux nftables.
  public static let nftables = FirewallVendor(rawValue: "nftables")
}

/// `nft -j list ruleset` JSON, or `nft list ruleset` / `nft -f` text.
public struct NftablesDialect: FirewallDialect {
  public init() {}

  public var vendor: FirewallVendor { .nftables }
  public var aliases: [String] { ["nft"] }
  public var formats: String { "nft -j JSON or nft list ruleset text" }

  /// A JSON object with an `nftables` array, or a `table` block.
  public func sniff(_ text: String) -> Int? {
    let trimmed = text.drop(while: { $0.isWhitespace })
    if trimmed.first == "{" && text.contains("\"nftables\"") { return 1 }
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(2000).enumerated() {
      if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("table ") { return offset + 1 }
    }
    return nil
  }

  public func parse(_ text: String, file: String) -> ParseResult { NftablesParser(file: file).parse(text) }

  /// An nft JSON export beside the `nft -f` file it came from (same stem, `.nft`): rules point at their source line.
  public func parse(_ text: String, contentsOf path: String) -> ParseResult {
    let result = parse(text, file: path)
    guard case .parsed(var ruleset) = result, path.hasSuffix(".json") else { return result }
    let sourcePath = String(path.dropLast(5)) + ".nft"
    guard let sourceData = FileManager.default.contents(atPath: sourcePath) else { return result }
    ruleset.attachSourceLines(NftSourceLines(text: String(decoding: sourceData, as: UTF8.self)), file: sourcePath)
    return .parsed(ruleset)
  }
}
