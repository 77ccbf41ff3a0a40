/// The JSON shape of a deciding rule: where it is and what it says.
public struct RuleReference: Hashable, Sendable, Codable {
  /// The configuration file.
  public var file: String
  /// The 1-based line, or 0 when the format has no lines (nft JSON: see ``handle`` and ``index``).
  public var line: Int
  /// The rule text as written (or rendered).
  public var text: String
  /// The rule comment.
  public var comment: String?
  /// The nft rule handle.
  public var handle: Int?
  /// Packets counted by the kernel, when exported.
  public var packets: UInt64?
  /// Where the rule was written (`fw-ot.nft:52`) when the file read was an export of it.
  public var source: String?

  /// Creates a reference from a rule's provenance.
  public init(_ provenance: Provenance) {
    file = provenance.file
    line = provenance.line
    text = provenance.text
    comment = provenance.comment
    handle = provenance.handle
    packets = provenance.packets
    source = provenance.source?.description
  }
}
