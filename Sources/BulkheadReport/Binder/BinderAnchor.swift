/// The anchors binder sections carry, shared by the register, the matrix and the diagrams' links.
enum BinderAnchor {
  /// `zone-scada`.
  static func zone(_ id: String) -> String { "zone-" + slug(id) }
  /// `conduit-scada-dosing`.
  static func conduit(_ id: String) -> String { "conduit-" + slug(id) }
  /// `pair-scada--dosing` (two dashes, so `a-b → c` and `a → b-c` never collide).
  static func pair(_ from: String, _ to: String) -> String { "pair-" + slug(from) + "--" + slug(to) }
  /// `finding-3` (1-based rank).
  static func finding(_ rank: Int) -> String { "finding-\(rank)" }

  /// Lower-case letters, digits and `-`, everything else as `_`, so an id from the model is always a valid anchor.
  static func slug(_ id: String) -> String {
    String(
      id.lowercased().map { character in
        character.isASCII && (character.isLetter || character.isNumber || character == "-") ? character : "_"
      })
  }
}
