/// How bad a finding is, from `info` to `critical`; the CI gate's `--fail-on` compares against it.
public enum FindingSeverity: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
  case info, low, medium, high, critical

  /// Position in the scale, `info` = 0.
  public var rank: Int {
    switch self {
    case .info: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    case .critical: 4
    }
  }

  public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}
