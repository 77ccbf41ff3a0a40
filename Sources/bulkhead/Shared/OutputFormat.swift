import ArgumentParser

/// The output formats of commands that print a text or a JSON report (validate, trace, reach, rules).
enum OutputFormat: String, CommandFormat {
  /// Human-readable, compiler-style lines.
  case text
  /// One JSON document with sorted keys.
  case json
}
