import BulkheadModel

/// A horizontal band of the diagrams: Purdue levels drawn on one row, enterprise on top, process at the bottom.
enum PurdueBand: Int, CaseIterable, Comparable, Sendable {
  case enterprise, dmz, supervisory, control, process

  /// The band a Purdue level is drawn in.
  init(_ level: PurdueLevel) {
    switch level {
    case .business, .enterprise: self = .enterprise
    case .dmz: self = .dmz
    case .operations, .supervisory: self = .supervisory
    case .basicControl: self = .control
    case .process: self = .process
    }
  }

  /// The ruler label on the left of the diagram.
  var label: String {
    switch self {
    case .enterprise: "Purdue 4–5\nEnterprise"
    case .dmz: "Purdue 3.5\nOT DMZ"
    case .supervisory: "Purdue 2–3\nSupervisory"
    case .control: "Purdue 1\nControl"
    case .process: "Purdue 0\nProcess / safety"
    }
  }

  /// The band's node id on the ruler.
  var nodeID: String { "band:\(rawValue)" }

  /// A light fill for the band's zone clusters, so the levels read at a glance.
  var fill: String {
    switch self {
    case .enterprise: "#eef3fb"
    case .dmz: "#fdf6e3"
    case .supervisory: "#eef8ee"
    case .control: "#fbeeee"
    case .process: "#f3eefb"
    }
  }

  static func < (lhs: PurdueBand, rhs: PurdueBand) -> Bool { lhs.rawValue < rhs.rawValue }
}
