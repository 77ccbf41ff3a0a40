/// The rule for ids of zones, assets, groups, conduits and enforcement points.
enum ModelIdentifier {
  /// Whether `id` is non-empty and only letters, digits, `.`, `_` and `-` (so it is safe in paths, URLs and DOT).
  static func isValid(_ id: String) -> Bool {
    !id.isEmpty
      && id.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_"
          || $0 == "-"
      }
  }
}
