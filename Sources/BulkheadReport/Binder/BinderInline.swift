/// A piece of running text in the binder, rendered the same way to HTML and Markdown.
enum BinderInline: Hashable, Sendable {
  /// Plain text.
  case text(String)
  /// A literal: a path, an address, a rule as written.
  case code(String)
  /// Emphasised text.
  case strong(String)
  /// A link to an anchor inside the binder.
  case link(String, anchor: String)
  /// A short coloured label (severity, status); `tone` names the colour class.
  case badge(String, tone: String)
}
