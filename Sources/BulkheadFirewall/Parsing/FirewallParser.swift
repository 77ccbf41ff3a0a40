import BulkheadModel
import Foundation

/// Entry point for every dialect: text in, ``ParseResult`` out, through the registry (``FirewallDialects``).
public enum FirewallParser {
  /// Parses configuration text of a named dialect, or of the one its content shows (`nil` or `auto`).
  public static func parse(text: String, file: String, vendor: FirewallVendor? = nil) -> ParseResult {
    switch resolve(text: text, file: file, vendor: vendor) {
    case .success(let dialect): dialect.parse(text, file: file)
    case .failure(let diagnostic): .failed([diagnostic.diagnostic])
    }
  }

  /// Reads and parses a file; an unreadable file is an error diagnostic, not a throw.
  public static func parse(contentsOf path: String, vendor: FirewallVendor? = nil) -> ParseResult {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failed([Diagnostic(.error, .unreadableFile, "cannot read file", at: SourceLocation(file: path))])
    }
    let text = String(decoding: data, as: UTF8.self)
    switch resolve(text: text, file: path, vendor: vendor) {
    case .success(let dialect): return dialect.parse(text, contentsOf: path)
    case .failure(let diagnostic): return .failed([diagnostic.diagnostic])
    }
  }

  private struct Refusal: Error {
    var diagnostic: Diagnostic
  }

  private static func resolve(text: String, file: String, vendor: FirewallVendor?) -> Result<
    any FirewallDialect, Refusal
  > {
    if let vendor, vendor != .auto {
      if let dialect = FirewallDialects.dialect(named: vendor) { return .success(dialect) }
      return .failure(
        Refusal(
          diagnostic: Diagnostic(
            .error, .unknownVendor,
            "no firewall dialect is named '\(vendor)' (known: \(FirewallDialects.namesText), or auto)",
            at: SourceLocation(file: file))))
    }
    if let dialect = FirewallDialects.detect(text) { return .success(dialect) }
    return .failure(
      Refusal(
        diagnostic: Diagnostic(
          .error, .unknownDialect,
          "cannot tell the firewall dialect of this file; name it (\(FirewallDialects.namesText))",
          at: SourceLocation(file: file))))
  }
}
