/// A level of the Purdue reference model (ISA-95 / IEC 62443-1-1 §5.2 usage): 0–5, with 3.5 for the OT DMZ.
public enum PurdueLevel: String, Hashable, Comparable, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// Level 0: the physical process (sensors, actuators).
  case process = "0"
  /// Level 1: basic control (PLCs, RTUs, safety controllers).
  case basicControl = "1"
  /// Level 2: supervisory control (SCADA, HMIs, engineering workstations).
  case supervisory = "2"
  /// Level 3: site operations (site historians, operations management).
  case operations = "3"
  /// Level 3.5: the industrial DMZ between enterprise and operations networks.
  case dmz = "3.5"
  /// Level 4: enterprise business systems.
  case business = "4"
  /// Level 5: enterprise network and external connectivity.
  case enterprise = "5"

  /// Parses `0`, `1`, `2`, `3`, `3.5`, `4` or `5` (also `3.50`, `4.0`).
  public init?(text: String) {
    guard let value = Double(text) else { return nil }
    guard let level = PurdueLevel.allCases.first(where: { $0.value == value }) else { return nil }
    self = level
  }

  /// The level as a number (3.5 for the DMZ).
  public var value: Double {
    switch self {
    case .process: 0
    case .basicControl: 1
    case .supervisory: 2
    case .operations: 3
    case .dmz: 3.5
    case .business: 4
    case .enterprise: 5
    }
  }

  /// Whether the level is part of the enterprise (4 or 5).
  public var isEnterprise: Bool { self == .business || self == .enterprise }

  /// Whether the level is part of control (0, 1 or 2).
  public var isControl: Bool { value <= 2 }

  public var description: String { rawValue }

  public static func < (lhs: PurdueLevel, rhs: PurdueLevel) -> Bool { lhs.value < rhs.value }
}
