import BulkheadModel

/// Where a rule came from: file and line (or nft handle and index), its text, comment and hit counters.
public struct Provenance: Hashable, Sendable, Codable {
  /// The configuration file, as given.
  public var file: String
  /// The 1-based line in the file, or 0 when unknown (nft JSON without a computable line).
  public var line: Int
  /// The nftables rule handle, when the export carries one.
  public var handle: Int?
  /// The 0-based position of the rule in the file (nft JSON array index), when line is not meaningful.
  public var index: Int?
  /// The rule as written (one iptables-save line, or a rendering of the nft expression list).
  public var text: String
  /// The rule comment (`-m comment --comment`, nft `comment`).
  public var comment: String?
  /// Packets counted by the kernel when exported (`iptables-save -c`, nft `counter`).
  public var packets: UInt64?
  /// Bytes counted by the kernel when exported.
  public var bytes: UInt64?
  /// Where the rule was written, when the file read was an export of another file (nft JSON of an `nft -f` file).
  public var source: SourceLocation?
  /// The named objects the rule refers to, as the configuration calls them (`addrgrp OT-PLCs`, `service S7`,
  /// `zone control`), so a finding can cite them; empty when the rule names none (netfilter).
  public var objects: [String] = []

  /// Creates a provenance record.
  public init(
    file: String, line: Int, handle: Int? = nil, index: Int? = nil, text: String, comment: String? = nil,
    packets: UInt64? = nil, bytes: UInt64? = nil
  ) {
    self.file = file
    self.line = line
    self.handle = handle
    self.index = index
    self.text = text
    self.comment = comment
    self.packets = packets
    self.bytes = bytes
  }

  /// `file:line` (or `file#handle N` when only a handle is known), then the source line when known.
  public var locationText: String {
    guard let source else { return exportLocationText }
    return "\(source) (\(exportLocationText))"
  }

  /// The location in the file that was read.
  public var exportLocationText: String {
    if line > 0 { return "\(file):\(line)" }
    if let handle { return "\(file)#handle\(handle)" }
    return file
  }
}
