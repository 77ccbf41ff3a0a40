import BulkheadModel

/// Parses `nft -j list ruleset` JSON (libnftables-json(5)) into the rule IR.
public struct NftablesParser: Sendable {
  /// The file name used in provenance and diagnostics.
  public let file: String

  /// Creates a parser for one file.
  public init(file: String) {
    self.file = file
  }

  /// Parses the text.
  public func parse(_ text: String) -> ParseResult {
    .failed([Diagnostic(.error, code: "BH420", "not implemented", at: SourceLocation(file: file))])
  }
}
