/// One block of the binder, written once and rendered to both HTML and Markdown so the two never differ in content.
enum BinderBlock: Hashable, Sendable {
  /// A section heading with an optional anchor other parts of the binder link to.
  case heading(level: Int, text: String, anchor: String?)
  /// A paragraph.
  case paragraph([BinderInline])
  /// A bulleted (or numbered) list; each item is a line of inlines.
  case list([[BinderInline]], ordered: Bool)
  /// A table with a header row.
  case table(header: [String], rows: [[[BinderInline]]])
  /// Label/value pairs (a definition list in HTML, a two-column table in Markdown).
  case facts([BinderFact])
  /// A diagram: inline SVG in HTML, a link to the rendered file in Markdown.
  case diagram(DiagramKind, caption: String)
  /// The zone matrix.
  case zoneMatrix
}
