import BulkheadAnalysis
import BulkheadModel

/// The binder: the plant's zone-and-conduit documentation generated from what was verified, as one self-contained
/// HTML page and as Markdown with the same content. Same inputs give byte-identical output; the generation time is
/// printed only when given.
public struct BinderRenderer: Sendable {
  /// The generation time to print (e.g. `2026-11-27T04:00:00Z`), or `nil` for reproducible output.
  public var timestamp: String?

  /// Creates a renderer; without a timestamp the output depends only on the inputs.
  public init(timestamp: String? = nil) {
    self.timestamp = timestamp
  }

  /// The binder as one HTML page. `svg` holds the SVG document of each diagram (from ``GraphvizLayout``); a diagram
  /// without one shows `missingDiagram` instead.
  public func html(
    _ result: AssessmentResult, plant: Plant, svg: [DiagramKind: String],
    missingDiagram: String = "Graphviz `dot` was not available; see the .dot files beside this binder."
  ) -> String {
    let document = BinderDocument(result: result, plant: plant, timestamp: timestamp)
    let writer = BinderHTMLWriter(
      title: document.title,
      diagram: { kind in (svg[kind].map(GraphvizLayout.inlineElement), missingDiagram) },
      matrix: ZoneMatrixRenderer().html(result))
    return writer.write(document.blocks)
  }

  /// The binder as Markdown. Diagrams are linked as `zones.svg` / `traffic.svg` (written beside it) when
  /// `svgWritten`, else as the `.dot` sources.
  public func markdown(_ result: AssessmentResult, plant: Plant, svgWritten: Bool = true) -> String {
    let document = BinderDocument(result: result, plant: plant, timestamp: timestamp)
    let writer = BinderMarkdownWriter(
      diagram: { kind, caption in
        let dot = "\(kind.fileStem).dot"
        return svgWritten
          ? "![\(BinderMarkdownWriter.escape(caption))](\(kind.fileStem).svg)\n\nGraphviz source: [\(dot)](\(dot))"
          : "Graphviz source: [\(dot)](\(dot)) (render it with `dot -Tsvg \(dot)`)"
      },
      matrix: ZoneMatrixRenderer().markdown(result))
    return writer.write(document.blocks)
  }
}
