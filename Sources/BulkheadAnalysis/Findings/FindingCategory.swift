/// The order in which a shipping team closes gaps: segmentation bounds the blast radius, visibility lets you defend
/// what is there, documentation describes what was built (the seed's "segmentation first, visibility next, the binder
/// last"). Drift (what changed since an accepted baseline of the observation store) comes before documentation: a
/// new host or a first write is a change in what the plant does, not in how it is described.
public enum FindingCategory: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
  case segmentation, visibility, drift, documentation

  /// Position in the closing order, segmentation first.
  public var rank: Int {
    switch self {
    case .segmentation: 0
    case .visibility: 1
    case .drift: 2
    case .documentation: 3
    }
  }

  public static func < (lhs: FindingCategory, rhs: FindingCategory) -> Bool { lhs.rank < rhs.rank }
}
