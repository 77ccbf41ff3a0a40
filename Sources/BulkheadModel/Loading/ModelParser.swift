import Yams

/// Reads `bulkhead.yaml` through Yams' node API, so every value keeps its line and column.
///
/// The parser never stops at the first problem: a bad value becomes a diagnostic and the rest is still read.
final class ModelParser {
  /// A mapping's entries by key, with the mapping node for "missing key" diagnostics.
  struct Fields {
    var node: Node
    var entries: [(key: String, keyNode: Node, value: Node)]
    private var values: [String: Node]

    init(node: Node, entries: [(key: String, keyNode: Node, value: Node)]) {
      self.node = node
      self.entries = entries
      values = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(key: String) -> Node? { values[key] }
  }

  let file: String
  let baseDirectory: String
  let catalog: ServiceCatalog
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String, baseDirectory: String, catalog: ServiceCatalog) {
    self.file = file
    self.baseDirectory = baseDirectory
    self.catalog = catalog
  }

  // MARK: Reporting

  func location(_ node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
  }

  func report(_ code: DiagnosticCode, _ message: String, at node: Node) {
    diagnostics.append(Diagnostic(code, message, at: location(node)))
  }

  func report(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    diagnostics.append(Diagnostic(code, message, at: location))
  }

  // MARK: Generic readers

  func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// The mapping's entries; warns about keys not in `keys` (BH004), with a suggestion for near misses.
  func mapping(_ node: Node, what: String, keys: [String]) -> Fields? {
    guard case .mapping(let mapping) = node else {
      report(.wrongType, "\(what) must be a mapping of keys to values", at: node)
      return nil
    }
    var entries: [(key: String, keyNode: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        report(.wrongType, "keys of \(what) must be plain text", at: keyNode)
        continue
      }
      let key = scalar.string
      if !keys.contains(key) {
        let suggestion = ModelParser.nearest(key, in: keys).map { "; did you mean '\($0)'?" } ?? ""
        report(.unknownKey, "unknown key '\(key)' in \(what)\(suggestion)", at: keyNode)
        continue
      }
      entries.append((key, keyNode, value))
    }
    return Fields(node: node, entries: entries)
  }

  /// A scalar's text; `nil` (reported, BH003) for a list or mapping, `nil` (silently) for null.
  func text(_ node: Node, what: String) -> String? {
    guard case .scalar(let scalar) = node else {
      report(.wrongType, "\(what) must be a single value, not a list or mapping", at: node)
      return nil
    }
    if isNull(node) { return nil }
    return scalar.string
  }

  /// A sequence's items; a single scalar counts as a one-item list, null as an empty one.
  func list(_ node: Node, what: String) -> [Node] {
    switch node {
    case .sequence(let sequence): return Array(sequence)
    case .scalar: return isNull(node) ? [] : [node]
    default:
      report(.wrongType, "\(what) must be a list", at: node)
      return []
    }
  }

  /// A sequence's items, strictly (the top-level sections).
  func sequence(_ node: Node, what: String) -> [Node] {
    if isNull(node) { return [] }
    guard case .sequence(let sequence) = node else {
      report(.wrongType, "\(what) must be a list", at: node)
      return []
    }
    return Array(sequence)
  }

  /// A list of scalar texts with their nodes.
  func texts(_ node: Node, what: String) -> [(String, Node)] {
    list(node, what: what).compactMap { item in text(item, what: "an item of \(what)").map { ($0, item) } }
  }

  /// A boolean (`true`/`false`, also `yes`/`no`).
  func bool(_ node: Node, what: String) -> Bool? {
    guard let value = text(node, what: what) else { return nil }
    switch value.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      report(.invalidValue, "\(what) must be true or false, not '\(value)'", at: node)
      return nil
    }
  }

  /// The location of an entity, with its `id` value's location recorded.
  func entityLocations(_ fields: Fields) -> NodeLocations {
    var locations = NodeLocations(entity: location(fields.node))
    if let node = fields["id"] { locations.fields["id"] = location(node) }
    return locations
  }

  /// The required `id` of an entity, checked against the id rule (BH007).
  func id(_ fields: Fields, what: String) -> String? {
    guard let node = fields["id"] else {
      report(.missingKey, "\(what) has no 'id'", at: fields.node)
      return nil
    }
    guard let id = text(node, what: "the id of \(what)") else {
      if isNull(node) { report(.missingKey, "\(what) has an empty 'id'", at: node) }
      return nil
    }
    guard ModelIdentifier.isValid(id) else {
      report(.invalidID, "id '\(id)' may only hold letters, digits, '.', '_' and '-'", at: node)
      return nil
    }
    return id
  }

  /// An optional text field, recording its location.
  func optionalText(_ fields: Fields, _ key: String, what: String, into locations: inout NodeLocations) -> String? {
    guard let node = fields[key] else { return nil }
    locations.fields[key] = location(node)
    return text(node, what: "'\(key)' of \(what)")
  }

  /// A path relative to the model's directory, resolved.
  func resolve(_ path: String) -> String {
    if path.hasPrefix("/") || baseDirectory.isEmpty || baseDirectory == "." { return path }
    return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
  }

  /// The nearest key within two edits, for "did you mean" hints.
  static func nearest(_ key: String, in keys: [String]) -> String? {
    let scored = keys.map { ($0, editDistance(key.lowercased(), $0)) }.filter { $0.1 <= 2 }
    return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }

  // MARK: The document

  /// Parses the whole document.
  func parse(yaml: String) -> ModelDraft {
    var draft = ModelDraft()
    let root: Node
    do {
      // The basic resolver tags every scalar as a string: the parser interprets values itself, and the default
      // resolver's regular expressions (run for every scalar) would dominate loading time.
      guard let node = try Yams.compose(yaml: yaml, Resolver.basic) else {
        report(
          .wrongType, "the model file is empty; expected a mapping with 'plant' and 'zones'",
          at: .init(file: file, line: 1, column: 1))
        return draft
      }
      root = node
    } catch let error as YamlError {
      report(.yamlSyntax, ModelParser.describe(error), at: ModelParser.location(of: error, file: file))
      return draft
    } catch {
      report(.yamlSyntax, "cannot parse YAML: \(error)", at: .init(file: file, line: 1, column: 1))
      return draft
    }
    guard let fields = mapping(root, what: "the model", keys: ModelKeys.plant) else { return draft }
    if let node = fields["version"], let value = text(node, what: "'version'"),
      Int(value) != ModelKeys.formatVersion
    {
      report(.invalidValue, "model format version \(value) is not supported; this Bulkhead reads version 1", at: node)
    }
    if let node = fields["plant"] {
      draft.name = text(node, what: "'plant'") ?? ""
    } else {
      report(.missingKey, "the model has no 'plant' (the plant's name)", at: root)
    }
    if let node = fields["description"] { draft.description = text(node, what: "'description'") }
    if let node = fields["inventory"], let path = text(node, what: "'inventory'") {
      draft.inventory = path
      draft.inventoryLocation = location(node)
    }
    if let node = fields["zones"] {
      draft.zones = sequence(node, what: "'zones'").compactMap(parseZone)
    } else {
      report(.missingKey, "the model has no 'zones'", at: root)
    }
    if let node = fields["assets"] {
      for item in sequence(node, what: "'assets'") {
        guard let (asset, hasZone) = parseAsset(item) else { continue }
        if !hasZone { draft.assetsWithoutZone.insert(draft.assets.count) }
        draft.assets.append(asset)
      }
    }
    if let node = fields["groups"] { draft.groups = sequence(node, what: "'groups'").compactMap(parseGroup) }
    if let node = fields["conduits"] {
      draft.conduits = sequence(node, what: "'conduits'").compactMap(parseConduit)
    }
    if let node = fields["enforcement_points"] {
      draft.enforcementPoints = sequence(node, what: "'enforcement_points'").compactMap(parseEnforcementPoint)
    }
    if let node = fields["captures"] {
      draft.captures = sequence(node, what: "'captures'").compactMap(parseCapture)
    }
    return draft
  }

  static func location(of error: YamlError, file: String) -> SourceLocation {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return SourceLocation(file: file, line: mark.line, column: mark.column)
    case .duplicatedKeysInMapping(_, let context):
      return SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
    default:
      return SourceLocation(file: file, line: 1, column: 1)
    }
  }

  static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // libyaml reports two marks: where it detected the problem (the diagnostic's location) and where the
      // construct it was reading began (`context`). For an unclosed flow sequence or mapping the second is the line
      // a person must fix, often lines above the first, so the message names it.
      guard let context else { return "YAML syntax error: \(problem)" }
      if context.mark.line == mark.line && context.mark.column == mark.column {
        return "YAML syntax error: \(problem) \(context.text)"
      }
      return "YAML syntax error: \(problem) \(context.text) that began at line \(context.mark.line), column "
        + "\(context.mark.column)"
    case .duplicatedKeysInMapping(let duplicates, _):
      return "key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping"
    case .reader(let problem, _, _, _):
      return "cannot read the file as text: \(problem)"
    default:
      return "cannot parse YAML: \(error)"
    }
  }
}
