import ArgumentParser

/// The formats `assess` and `check` print.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json, sarif, markdown
}
