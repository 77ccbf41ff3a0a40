import BulkheadModel

extension Ruleset {
  /// Sets ``Provenance/source`` of each nft rule from the rule lines of its `nft -f` source file, when the chain's
  /// rule count matches (otherwise the chain is left alone and a note says so).
  public mutating func attachSourceLines(_ source: NftSourceLines, file: String) {
    for t in tables.indices {
      for c in tables[t].chains.indices {
        let chain = tables[t].chains[c]
        // vmap rules expand to several IR rules with one handle: map distinct handles, in order.
        var handles: [Int] = []
        for rule in chain.rules {
          if let h = rule.provenance.handle, handles.last != h { handles.append(h) }
        }
        var found: [Int]? = nil
        for family in ["ip", "ip6", "inet", "arp", "bridge", "netdev"] {
          if let l = source.lines[NftSourceLines.key(family: family, table: tables[t].name, chain: chain.name)] {
            found = l
            break
          }
        }
        guard let lines = found, !handles.isEmpty else { continue }
        guard lines.count == handles.count else {
          diagnostics.append(
            Diagnostic(
              .note, .sourceLineUnmatched,
              "chain \(chain.name): \(handles.count) rules in the export but \(lines.count) rule lines in \(file); "
                + "source lines not attached", at: SourceLocation(file: self.file)))
          continue
        }
        let lineOf = Dictionary(uniqueKeysWithValues: zip(handles, lines))
        for r in chain.rules.indices {
          if let h = chain.rules[r].provenance.handle, let line = lineOf[h] {
            tables[t].chains[c].rules[r].provenance.source = SourceLocation(file: file, line: line)
          }
        }
      }
    }
  }
}
