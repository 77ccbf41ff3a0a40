import BulkheadAnalysis

/// How an observed flow is drawn in the communication graph, least to most alarming.
public enum TrafficEdgeStyle: Int, CaseIterable, Comparable, Sendable {
  /// An attempt nobody answered (dropped on the way, or the host was down).
  case dropped
  /// Inside one zone, or explained by a declared conduit flow.
  case declared
  /// Crosses zones with no conduit flow explaining it.
  case undeclared
  /// Answered although a firewall on the path should have dropped it.
  case deniedButAnswered
  /// Crosses between zones that a `dmz-bypass` finding names (enterprise straight into control).
  case bypass

  /// The style of one class of traffic; `bypassPairs` are the zone pairs of the `dmz-bypass` findings.
  public init(_ flow: TrafficKey, bypassPairs: Set<[String]> = []) {
    if !flow.answered {
      self = .dropped
    } else if let from = flow.initiatorZone, let to = flow.responderZone, bypassPairs.contains([from, to]) {
      self = .bypass
    } else if flow.verdict == .denied {
      self = .deniedButAnswered
    } else if flow.crossesZones && flow.conduit == nil {
      self = .undeclared
    } else {
      self = .declared
    }
  }

  /// What the style means, for legends and tooltips.
  public var meaning: String {
    switch self {
    case .dropped: "attempt not answered"
    case .declared: "explained by a conduit or inside one zone"
    case .undeclared: "crosses zones without a conduit"
    case .deniedButAnswered: "answered although a firewall should drop it"
    case .bypass: "DMZ bypass: enterprise straight into control"
    }
  }

  var attributes: [(String, String)] {
    switch self {
    case .dropped: [("color", "#9e9e9e"), ("fontcolor", "#757575"), ("style", "dotted")]
    case .declared: [("color", "#37474f"), ("fontcolor", "#263238"), ("style", "solid")]
    case .undeclared: [("color", "#d32f2f"), ("fontcolor", "#b71c1c"), ("style", "dashed"), ("penwidth", "2")]
    case .deniedButAnswered: [("color", "#6a1b9a"), ("fontcolor", "#4a148c"), ("style", "bold"), ("penwidth", "3")]
    case .bypass: [("color", "#b71c1c"), ("fontcolor", "#b71c1c"), ("style", "bold"), ("penwidth", "4")]
    }
  }

  public static func < (lhs: TrafficEdgeStyle, rhs: TrafficEdgeStyle) -> Bool { lhs.rawValue < rhs.rawValue }
}
