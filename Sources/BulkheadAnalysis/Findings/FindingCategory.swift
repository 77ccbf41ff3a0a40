/// The order in which a shipping team closes gaps: segmentation bounds the blast radius, visibility lets you defend
/// what is there, documentation describes what was built (the seed's "segmentation first, visibility next, the binder
/// last").
public enum FindingCategory: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
  case segmentation, visibility, documentation

  /// Position in the closing order, segmentation first.
  public var rank: Int {
    switch self {
    case .segmentation: 0
    case .visibility: 1
    case .documentation: 2
    }
  }

  public static func < (lhs: FindingCategory, rhs: FindingCategory) -> Bool { lhs.rank < rhs.rank }
}
