import BulkheadModel
import Foundation

/// Parses `nft -j list ruleset` JSON (libnftables-json(5)) into the rule IR.
///
/// JSON has no line numbers: each rule's provenance carries its `handle` and its index in the `nftables` array, and
/// a line number when the file is pretty-printed (the line holding the rule's `"rule"` key). Only `filter` chains
/// of the ip, ip6 and inet families are evaluated; nat/route chains and other families are reported as not modeled.
public struct NftablesParser: Sendable {
  /// The file name used in provenance and diagnostics.
  public let file: String

  /// Creates a parser for one file.
  public init(file: String) {
    self.file = file
  }

  struct TableKey: Hashable {
    var family: String
    var name: String
  }

  struct Context {
    var diagnostics: [Diagnostic] = []
    var sets: [TableKey: [String: [Any]]] = [:]
    var dynamicSets: Set<String> = []
  }

  /// Parses the text.
  public func parse(_ text: String) -> ParseResult {
    let items: [Any]
    var textDiagnostics: [Diagnostic] = []
    let fromText: Bool
    if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let array = object["nftables"] as? [Any]
    {
      items = array
      fromText = false
    } else if text.drop(while: { $0.isWhitespace }).first != "{" {
      // `nft list ruleset` / `nft -f` text: read into the same objects, with each rule's line.
      (items, textDiagnostics) = NftTextParser(file: file).objects(text)
      fromText = true
    } else {
      return .failed([
        Diagnostic(
          .error, .notNftJSON, "not nft JSON: expected an object with an \"nftables\" array",
          at: SourceLocation(file: file))
      ])
    }
    let ruleLines = fromText ? [] : NftablesParser.ruleLines(text)
    var context = Context()
    context.diagnostics = textDiagnostics
    var tableOrder: [TableKey] = []
    var tableFamilies: [TableKey: [IPAddress.Family]] = [:]
    var chains: [TableKey: [Chain]] = [:]
    var chainIndex: [TableKey: [String: Int]] = [:]
    var ruleOrdinal = 0
    var invalid: [Diagnostic] = []

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }
    func families(_ family: String) -> [IPAddress.Family]? {
      switch family {
      case "ip": [.v4]
      case "ip6": [.v6]
      case "inet": [.v4, .v6]
      default: nil
      }
    }

    // First pass: sets and maps, so rules can refer to them wherever they are declared.
    for item in items {
      guard let entry = item as? [String: Any] else { continue }
      for kind in ["set", "map"] {
        guard let set = entry[kind] as? [String: Any], let family = set["family"] as? String,
          let table = set["table"] as? String, let name = set["name"] as? String
        else { continue }
        let key = TableKey(family: family, name: table)
        context.sets[key, default: [:]][name] = set["elem"] as? [Any] ?? []
        let flags = (set["flags"] as? [String]) ?? ((set["flags"] as? String).map { [$0] } ?? [])
        if flags.contains("dynamic") || flags.contains("timeout") || set["timeout"] != nil {
          context.dynamicSets.insert("\(family) \(table) \(name)")
        }
      }
    }

    for (arrayIndex, item) in items.enumerated() {
      guard let entry = item as? [String: Any] else { continue }
      if let table = entry["table"] as? [String: Any], let family = table["family"] as? String,
        let name = table["name"] as? String
      {
        let key = TableKey(family: family, name: name)
        if !tableOrder.contains(key) { tableOrder.append(key) }
        if let fams = families(family) {
          tableFamilies[key] = fams
        } else if !NftChainProperties.families.contains(family) {
          invalid.append(
            Diagnostic(
              .error, .invalidChainProperty, "table \(family) \(name): '\(family)' is not an nftables family",
              at: location((table["line"] as? Int) ?? 0)))
        } else {
          context.diagnostics.append(
            Diagnostic(
              .note, .nftObjectNotModeled,
              "table \(family) \(name): the \(family) family is not modeled (only ip, ip6, inet)",
              at: location(0)))
        }
      } else if let chain = entry["chain"] as? [String: Any], let family = chain["family"] as? String,
        let tableName = chain["table"] as? String, let name = chain["name"] as? String
      {
        let key = TableKey(family: family, name: tableName)
        if !tableOrder.contains(key) { tableOrder.append(key) }
        var hook: ChainHook? = nil
        var policy: Verdict? = nil
        var isFilter = true
        let chainLine = (chain["line"] as? Int) ?? 0
        // Every value that decides a base chain's verdicts is checked: a misspelt policy, hook, type or family
        // is refused with the whole file (fail closed), never read as a default (issue 23.3).
        let properties = NftChainProperties(chain)
        if let problem = properties.problem {
          invalid.append(
            Diagnostic(
              .error, .invalidChainProperty, "chain \(family) \(tableName) \(name): \(problem)",
              at: location(chainLine)))
          continue
        }
        let type = properties.type
        if let hookName = properties.hook {
          if type == "filter" || type == nil {
            hook = ChainHook(rawValue: hookName)
            policy = properties.policy == "drop" ? .deny : .allow
          } else {
            isFilter = false
            context.diagnostics.append(
              Diagnostic(
                .note, .nftObjectNotModeled,
                "chain \(family) \(tableName) \(name): \(type ?? "?") chain on hook \(hookName) is not modeled "
                  + "(\(type == "nat" ? "NAT rewrites addresses; reachability uses the addresses filter chains see" : "not a filter chain"))",
                at: location(0)))
          }
        }
        let priority = (chain["prio"] as? NSNumber)?.intValue ?? 0
        let provenance = Provenance(
          file: file, line: 0, handle: (chain["handle"] as? NSNumber)?.intValue, index: arrayIndex,
          text: "chain \(family) \(tableName) \(name)")
        if let existing = chainIndex[key]?[name] {
          // `nft list` prints a chain once; a repeated declaration adds nothing but the hook.
          if hook != nil { chains[key]?[existing].hook = hook }
          if !isFilter { chains[key]?[existing].isFilter = false }
        } else {
          chainIndex[key, default: [:]][name] = chains[key, default: []].count
          chains[key, default: []].append(
            Chain(
              name: name, hook: hook, priority: priority, policy: policy, rules: [], provenance: provenance,
              isFilter: isFilter))
        }
      } else if let rule = entry["rule"] as? [String: Any] {
        let line = (rule["line"] as? Int) ?? (ruleOrdinal < ruleLines.count ? ruleLines[ruleOrdinal] : 0)
        ruleOrdinal += 1
        guard let family = rule["family"] as? String, let tableName = rule["table"] as? String,
          let chainName = rule["chain"] as? String, let exprs = rule["expr"] as? [Any]
        else {
          context.diagnostics.append(
            Diagnostic(
              .error, .nftRuleStructure, "rule at index \(arrayIndex) lacks family/table/chain/expr; ignored",
              at: location(line)))
          continue
        }
        let key = TableKey(family: family, name: tableName)
        let handle = (rule["handle"] as? NSNumber)?.intValue
        var provenance = Provenance(
          file: file, line: line, handle: handle, index: arrayIndex, text: "",
          comment: rule["comment"] as? String)
        let built = buildRules(
          exprs, family: family, table: key, provenance: &provenance, context: &context)
        if chainIndex[key]?[chainName] == nil {
          chainIndex[key, default: [:]][chainName] = chains[key, default: []].count
          chains[key, default: []].append(Chain(name: chainName))
          context.diagnostics.append(
            Diagnostic(
              .warning, .nftRuleStructure,
              "rule handle \(handle.map(String.init) ?? "?") refers to undeclared chain "
                + "\(chainName); chain created", at: location(line)))
        }
        if let position = chainIndex[key]?[chainName] { chains[key]?[position].rules.append(contentsOf: built) }
      } else if entry["metainfo"] != nil || entry["set"] != nil || entry["map"] != nil {
        continue
      } else if let kind = entry.keys.sorted().first {
        context.diagnostics.append(
          Diagnostic(
            .note, .nftObjectNotModeled, "\(kind) object at index \(arrayIndex) is not modeled", at: location(0)))
      }
    }

    var tables: [Table] = []
    for key in tableOrder {
      guard let fams = tableFamilies[key] ?? families(key.family) else { continue }
      tables.append(Table(name: key.name, families: fams, isFilter: true, chains: chains[key] ?? []))
    }
    for key in tableOrder where families(key.family) == nil {
      tables.append(Table(name: key.name, families: [], isFilter: false, chains: chains[key] ?? []))
    }
    if !invalid.isEmpty {
      return .failed(
        (context.diagnostics + invalid).sorted() + [
          Diagnostic(
            .error, .failClosed,
            "a base chain's policy, hook, type or family is not valid nft; refusing to guess what this firewall "
              + "allows (fail closed)", at: SourceLocation(file: file))
        ])
    }
    var ruleset = Ruleset(file: file, vendor: .nftables, tables: tables, diagnostics: context.diagnostics)
    ruleset.cutJumpLoops()
    ruleset.diagnostics.sort()
    if ruleset.filterRuleCount == 0 {
      return .failed(
        ruleset.diagnostics + [
          Diagnostic(
            .error, .failClosed, "no filter rule found; refusing to guess what this firewall allows (fail closed)",
            at: SourceLocation(file: file))
        ])
    }
    return .parsed(ruleset)
  }

  /// The 1-based line of each `"rule"` key, in order; all zero when the JSON is on one line.
  static func ruleLines(_ text: String) -> [Int] {
    var lines: [Int] = []
    var line = 1
    let bytes = Array(text.utf8)
    let pattern = Array("\"rule\"".utf8)
    var i = 0
    var inString = false
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\n") { line += 1 }
      if b == UInt8(ascii: "\"") {
        if !inString && i + pattern.count <= bytes.count && Array(bytes[i..<(i + pattern.count)]) == pattern {
          // A key, not a value: the next non-space byte is a colon.
          var j = i + pattern.count
          while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\n") { j += 1 }
          if j < bytes.count, bytes[j] == UInt8(ascii: ":") {
            lines.append(line)
            i += pattern.count
            continue
          }
        }
        inString.toggle()
      } else if b == UInt8(ascii: "\\") && inString {
        i += 1
      }
      i += 1
    }
    if line <= 2 { return lines.map { _ in 0 } }
    return lines
  }
}
