/// A zone's target security level SL-T (IEC 62443-3-2 §4.6): one level 0–4, or a vector over FR1–FR7.
public struct SecurityLevelTarget: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The level for FR1…FR7, in order; always seven values in 0...4.
  public let levels: [Int]
  /// Whether the model wrote a vector (rather than one level for all seven requirements).
  public let isVector: Bool

  /// The highest valid security level (IEC 62443-3-3 defines SL 1–4; 0 means no requirement).
  public static let maximum = 4

  /// SL 0 for every foundational requirement (no requirement).
  public static let none = SecurityLevelTarget(levels: Array(repeating: 0, count: 7), isVector: false)

  private init(levels: [Int], isVector: Bool) {
    self.levels = levels
    self.isVector = isVector
  }

  /// One level for every foundational requirement; `nil` unless `level` is 0...4.
  public init?(uniform level: Int) {
    guard (0...SecurityLevelTarget.maximum).contains(level) else { return nil }
    levels = Array(repeating: level, count: FoundationalRequirement.allCases.count)
    isVector = false
  }

  /// A vector FR1…FR7; `nil` unless there are exactly seven levels, each 0...4.
  public init?(vector: [Int]) {
    guard vector.count == FoundationalRequirement.allCases.count,
      vector.allSatisfy({ (0...SecurityLevelTarget.maximum).contains($0) })
    else { return nil }
    levels = vector
    isVector = true
  }

  /// The target level for one foundational requirement.
  public func level(for requirement: FoundationalRequirement) -> Int { levels[requirement.rawValue - 1] }

  /// The highest level over all requirements (the "SL-T" usually quoted for a zone).
  public var overall: Int { levels.max() ?? 0 }

  /// `2`, or `SL-T(2,2,2,2,2,3,1)` for a vector (the notation of IEC 62443-3-3 Annex A).
  public var description: String {
    isVector ? "SL-T(" + levels.map(String.init).joined(separator: ",") + ")" : "\(overall)"
  }
}
