/// Writes a plant as `bulkhead.yaml` text that the loader reads back to the same plant.
///
/// For stages that propose model changes (`discover`, an unknown asset found by `assess`): they build or amend a
/// ``Plant`` and write it, instead of concatenating YAML by hand. Every asset is written inline (the inventory
/// reference is dropped); keys come in the order of ``ModelKeys``.
public struct ModelWriter: Sendable {
  /// Creates a writer.
  public init() {}

  /// The YAML text of `plant`.
  public func yaml(for plant: Plant) -> String {
    var out: [String] = ["version: \(ModelKeys.formatVersion)", "plant: \(scalar(plant.name))"]
    if let description = plant.description { out.append("description: \(scalar(description))") }
    out.append(plant.zones.isEmpty ? "zones: []" : "zones:")
    for zone in plant.zones { out += item(zoneFields(zone)) }
    section("assets", plant.assets.map(assetFields), into: &out)
    section("groups", plant.groups.map(groupFields), into: &out)
    section("conduits", plant.conduits.map(conduitFields), into: &out)
    section("enforcement_points", plant.enforcementPoints.map(enforcementPointFields), into: &out)
    section("captures", plant.captures.map(captureFields), into: &out)
    return out.joined(separator: "\n") + "\n"
  }

  /// The list items of `assets` as the `assets:` section writes them (two spaces in), for amending a model file.
  public func items(assets: [Asset]) -> [String] { assets.flatMap { item(assetFields($0)) } }

  /// The list items of `conduits` as the `conduits:` section writes them, for amending a model file.
  public func items(conduits: [Conduit]) -> [String] { conduits.flatMap { item(conduitFields($0)) } }

  /// One field: a key and its already-rendered lines (one inline value, or nested lines).
  private typealias Field = (key: String, lines: [String])

  private func section(_ key: String, _ items: [[Field]], into out: inout [String]) {
    guard !items.isEmpty else { return }
    out.append("\(key):")
    for fields in items { out += item(fields) }
  }

  /// A list item at two spaces of indentation: `  - key: value` then `    key: value`.
  private func item(_ fields: [Field], indent: Int = 2) -> [String] {
    var lines: [String] = []
    let pad = String(repeating: " ", count: indent)
    for (index, field) in fields.enumerated() {
      let lead = index == 0 ? pad + "- " : pad + "  "
      if field.lines.count == 1 && !field.lines[0].hasPrefix(" ") {
        lines.append(lead + field.key + ": " + field.lines[0])
      } else {
        lines.append(lead + field.key + ":")
        lines += field.lines.map { pad + "  " + $0 }
      }
    }
    return lines
  }

  private func list(_ values: [String]) -> String { "[" + values.map(scalar).joined(separator: ", ") + "]" }

  private func zoneFields(_ zone: Zone) -> [Field] {
    var fields: [Field] = [("id", [scalar(zone.id)])]
    if zone.name != zone.id { fields.append(("name", [scalar(zone.name)])) }
    fields.append(("purdue", [zone.purdue.rawValue]))
    let target = zone.securityLevelTarget
    fields.append(
      (
        "sl_target",
        [
          target.isVector
            ? "{"
              + FoundationalRequirement.allCases.map { "\($0.key): \(target.level(for: $0))" }
              .joined(separator: ", ") + "}"
            : "\(target.overall)"
        ]
      ))
    fields.append(("networks", [list(zone.networks.map(\.description))]))
    if let description = zone.description { fields.append(("description", [scalar(description)])) }
    return fields
  }

  private func assetFields(_ asset: Asset) -> [Field] {
    var fields: [Field] = [("id", [scalar(asset.id)])]
    if asset.name != asset.id { fields.append(("name", [scalar(asset.name)])) }
    if !asset.zone.isEmpty { fields.append(("zone", [scalar(asset.zone)])) }
    if !asset.addresses.isEmpty { fields.append(("addresses", [list(asset.addresses.map(\.description))])) }
    if !asset.macs.isEmpty { fields.append(("macs", [list(asset.macs.map(\.description))])) }
    fields.append(("kind", [asset.kind.rawValue]))
    for (key, value) in [("vendor", asset.vendor), ("model", asset.model), ("firmware", asset.firmware)] {
      if let value { fields.append((key, [scalar(value)])) }
    }
    if let criticality = asset.criticality { fields.append(("criticality", [criticality.rawValue])) }
    if let description = asset.description { fields.append(("description", [scalar(description)])) }
    return fields
  }

  private func groupFields(_ group: AssetGroup) -> [Field] {
    var fields: [Field] = [("id", [scalar(group.id)])]
    if group.name != group.id { fields.append(("name", [scalar(group.name)])) }
    fields.append(("members", [list(group.members)]))
    if let description = group.description { fields.append(("description", [scalar(description)])) }
    return fields
  }

  private func conduitFields(_ conduit: Conduit) -> [Field] {
    var fields: [Field] = [("id", [scalar(conduit.id)])]
    if conduit.name != conduit.id { fields.append(("name", [scalar(conduit.name)])) }
    fields.append(("between", [list(conduit.zones)]))
    if !conduit.flows.isEmpty {
      fields.append(("flows", conduit.flows.map { "  " + flowText($0) }))
    }
    if !conduit.enforcedBy.isEmpty { fields.append(("enforced_by", [list(conduit.enforcedBy)])) }
    let controls = conduit.controls
    var parts: [String] = []
    if controls.authentication { parts.append("authentication: true") }
    if controls.encryption { parts.append("encryption: true") }
    if let proxy = controls.proxy { parts.append("proxy: \(scalar(proxy))") }
    if controls.unidirectional { parts.append("unidirectional: true") }
    if !parts.isEmpty { fields.append(("controls", ["{" + parts.joined(separator: ", ") + "}"])) }
    for (key, value) in [("owner", conduit.owner), ("justification", conduit.justification)] {
      if let value { fields.append((key, [scalar(value)])) }
    }
    if let reviewBy = conduit.reviewBy { fields.append(("review_by", [reviewBy.description])) }
    if let description = conduit.description { fields.append(("description", [scalar(description)])) }
    return fields
  }

  private func flowText(_ flow: ConduitFlow) -> String {
    var parts = ["from: \(scalar(flow.from.id))", "to: \(scalar(flow.to.id))"]
    let services = flow.services.map(\.name)
    parts.append("service: " + (services.count == 1 ? scalar(services[0]) : list(services)))
    if !flow.operations.isEmpty { parts.append("operations: " + list(flow.operations.map(\.rawValue))) }
    if let security = flow.security { parts.append("security: \(security.rawValue)") }
    if let description = flow.description { parts.append("description: \(scalar(description))") }
    return "- {" + parts.joined(separator: ", ") + "}"
  }

  private func enforcementPointFields(_ point: EnforcementPoint) -> [Field] {
    var fields: [Field] = [("id", [scalar(point.id)])]
    if point.name != point.id { fields.append(("name", [scalar(point.name)])) }
    fields.append(("vendor", [scalar(point.vendor.name)]))
    if let config = point.config { fields.append(("config", [scalar(config)])) }
    if !point.interfaces.isEmpty {
      fields.append(
        ("interfaces", point.interfaces.keys.sorted().map { "  \(scalar($0)): \(list(point.interfaces[$0] ?? []))" }))
    }
    if let description = point.description { fields.append(("description", [scalar(description)])) }
    return fields
  }

  private func captureFields(_ capture: CapturePattern) -> [Field] {
    var fields: [Field] = [("path", [scalar(capture.pattern)])]
    if let point = capture.enforcementPoint { fields.append(("enforcement_point", [scalar(point)])) }
    if let interface = capture.interface { fields.append(("interface", [scalar(interface)])) }
    if !capture.zones.isEmpty { fields.append(("zones", [list(capture.zones)])) }
    return fields
  }

  /// A scalar, double-quoted when plain YAML would read it differently (YAML 1.2 §7.3.3 plain scalars).
  func scalar(_ text: String) -> String {
    let indicators: Set<Character> = [
      "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]
    let plain =
      !text.isEmpty && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
      && !text.contains(where: {
        $0 == "\n" || $0 == "\t" || $0 == "," || $0 == "[" || $0 == "]" || $0 == "{" || $0 == "}"
      })
      && text.first.map { !indicators.contains($0) && $0 != " " } ?? false
      && text.last != " "
      && !["~", "null", "Null", "NULL", "true", "false", "yes", "no", "on", "off"].contains(text)
    if plain { return text }
    var escaped = "\""
    for character in text {
      switch character {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\t": escaped += "\\t"
      default: escaped.append(character)
      }
    }
    return escaped + "\""
  }
}
