import ArgumentParser

/// The formats `assess` and `check` print.
enum ReportFormat: String, CommandFormat {
  case text, json, sarif, markdown
}
