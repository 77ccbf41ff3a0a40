/// How sure a guess is, stated beside it in the report.
public enum Confidence: String, Hashable, Comparable, Sendable {
  /// Several independent signs agree.
  case high
  /// One clear sign (a protocol's server role seen on the wire).
  case medium
  /// A default when the evidence says little.
  case low

  private var rank: Int {
    switch self {
    case .high: 0
    case .medium: 1
    case .low: 2
    }
  }

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}
