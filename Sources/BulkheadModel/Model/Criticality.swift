/// How much the process depends on an asset; used to rank findings that touch it.
public enum Criticality: String, Hashable, Comparable, Sendable, Codable, CaseIterable {
  /// Losing it does not affect the process.
  case low
  /// Losing it degrades the process.
  case medium
  /// Losing it stops part of the process.
  case high
  /// Losing it stops the process or affects safety.
  case critical

  /// Parses a criticality in any case.
  public init?(text: String) {
    guard let value = Criticality(rawValue: text.lowercased()) else { return nil }
    self = value
  }

  private var rank: Int { Criticality.allCases.firstIndex(of: self) ?? 0 }

  public static func < (lhs: Criticality, rhs: Criticality) -> Bool { lhs.rank < rhs.rank }
}
