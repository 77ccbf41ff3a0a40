import BulkheadAnalysis

/// The colour of a zone matrix cell: agreement green, partial agreement grey-blue, disagreement amber, an answered
/// flow the firewalls should drop red.
enum ZoneMatrixTone: String, Sendable {
  case same, empty, agree, partial, disagree, alarm

  init(_ cell: ZoneMatrixCell) {
    if cell.observedDenied {
      self = .alarm
    } else if cell.code.hasSuffix("!") {
      self = .disagree
    } else if cell.declared && cell.configured && cell.observed {
      self = .agree
    } else if cell.declared || cell.configured || cell.observed {
      self = .partial
    } else {
      self = .empty
    }
  }

  /// One sentence for a tooltip: which views say what.
  static func explanation(_ cell: ZoneMatrixCell) -> String {
    var parts = [
      "declared: " + (cell.declared ? "yes" : "no"), "configured: " + (cell.configured ? "yes" : "no"),
      "observed: " + (cell.observed ? "yes" : "no"),
    ]
    if cell.undeclaredPermits { parts.append("the firewalls allow more than declared") }
    if cell.observedDenied { parts.append("traffic the firewalls should drop was answered") }
    return parts.joined(separator: "; ")
  }
}
