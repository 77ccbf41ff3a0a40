import ArgumentParser

/// The output formats commands offer with `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
  /// Human-readable, compiler-style lines.
  case text
  /// One JSON document with sorted keys.
  case json
}
