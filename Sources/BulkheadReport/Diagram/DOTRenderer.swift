import BulkheadAnalysis
import BulkheadModel

/// Graphviz DOT for the plant's two diagrams: zones and conduits by Purdue level, and the observed communication
/// graph. Output is deterministic: model order for zones and assets, sorted pairs, hosts and flows.
public struct DOTRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The diagram of `kind`.
  public func render(_ kind: DiagramKind, result: AssessmentResult, plant: Plant) -> String {
    switch kind {
    case .zones: ZoneDiagram(result: result, plant: plant).dot()
    case .traffic: TrafficDiagram(result: result, plant: plant).dot()
    }
  }

  /// Lines common to both diagrams: top-to-bottom layout, rank constraints across clusters, fonts.
  static func header(name: String, title: String) -> [String] {
    [
      "digraph \(DOTText.quoted(name)) {",
      "  graph "
        + DOTText.attributes([
          ("label", title), ("labelloc", "t"), ("fontname", "Helvetica"), ("fontsize", "16"), ("rankdir", "TB"),
          ("newrank", "true"), ("compound", "true"), ("nodesep", "0.35"), ("ranksep", "0.9"), ("splines", "true"),
        ]) + ";",
      "  node " + DOTText.attributes([("fontname", "Helvetica"), ("fontsize", "10")]) + ";",
      "  edge " + DOTText.attributes([("fontname", "Helvetica"), ("fontsize", "9")]) + ";",
    ]
  }

  /// The Purdue ruler on the left: one plaintext node per band, chained invisibly top to bottom.
  static func ruler(_ bands: [PurdueBand]) -> [String] {
    var lines: [String] = []
    for band in bands {
      lines.append(
        "  \(DOTText.quoted(band.nodeID)) "
          + DOTText.attributes([
            ("label", band.label), ("shape", "plaintext"), ("fontsize", "11"), ("fontcolor", "#555555"),
          ]) + ";")
    }
    for (upper, lower) in zip(bands, bands.dropFirst()) {
      lines.append("  \(DOTText.quoted(upper.nodeID)) -> \(DOTText.quoted(lower.nodeID)) [style=\"invis\"];")
    }
    return lines
  }

  /// `{rank=same; band; nodes…}` for each band, so every zone sits on its Purdue row.
  static func ranks(_ members: [PurdueBand: [String]]) -> [String] {
    members.keys.sorted().compactMap { band in
      guard let nodes = members[band], !nodes.isEmpty else { return nil }
      return "  { rank=same; \(DOTText.quoted(band.nodeID)); "
        + nodes.map { DOTText.quoted($0) + ";" }.joined(separator: " ") + " }"
    }
  }
}
