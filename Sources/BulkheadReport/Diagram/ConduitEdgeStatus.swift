import BulkheadAnalysis

/// How a zone pair's edge is drawn: which of intent, configuration and observation agree, read off the pair's
/// reconciled record and the findings the rules raised about it.
public enum ConduitEdgeStatus: String, CaseIterable, Comparable, Sendable {
  /// Declared, let through by the firewalls and seen in the captures.
  case verified
  /// Declared, but not (fully) configured or not seen.
  case declaredOnly = "declared-only"
  /// The firewalls let through more than the conduits declare, or traffic no conduit declares was answered.
  case undeclared
  /// A path from the enterprise into control that skips the DMZ (a `dmz-bypass` finding).
  case bypass
  /// Nothing declared or permitted; only dropped attempts were seen.
  case blocked

  /// The status of one zone pair; a bypass outranks an undeclared permit, which outranks agreement.
  public init(record: ZonePairRecord, findings: [Finding]) {
    let cell = record.cell
    if findings.contains(where: { $0.ruleID == "dmz-bypass" && $0.zones == [record.from, record.to] }) {
      self = .bypass
    } else if cell.undeclaredPermits || cell.observedDenied || (cell.observed && !cell.declared) {
      self = .undeclared
    } else if cell.declared && cell.configured && cell.observed {
      self = .verified
    } else if cell.declared {
      self = .declaredOnly
    } else {
      self = .blocked
    }
  }

  /// What the edge style means, for legends.
  public var meaning: String {
    switch self {
    case .verified: "declared, configured and observed"
    case .declaredOnly: "declared only (not configured or not observed)"
    case .undeclared: "configured or used but not declared"
    case .bypass: "DMZ bypass: enterprise reaches control directly"
    case .blocked: "blocked: only dropped attempts seen"
    }
  }

  /// Graphviz edge attributes: colour, style, pen width.
  var attributes: [(String, String)] {
    switch self {
    case .verified: [("color", "#1b7a2f"), ("fontcolor", "#1b5e20"), ("style", "solid"), ("penwidth", "2")]
    case .declaredOnly: [("color", "#555555"), ("fontcolor", "#333333"), ("style", "solid"), ("penwidth", "1")]
    case .undeclared: [("color", "#d32f2f"), ("fontcolor", "#b71c1c"), ("style", "dashed"), ("penwidth", "2")]
    case .bypass: [("color", "#b71c1c"), ("fontcolor", "#b71c1c"), ("style", "bold"), ("penwidth", "4")]
    case .blocked: [("color", "#9e9e9e"), ("fontcolor", "#757575"), ("style", "dotted"), ("penwidth", "1")]
    }
  }

  private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: ConduitEdgeStatus, rhs: ConduitEdgeStatus) -> Bool { lhs.order < rhs.order }
}
