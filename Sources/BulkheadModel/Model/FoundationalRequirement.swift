/// The seven foundational requirements of IEC 62443-3-3 §5 (FR1–FR7) over which a security level is a vector.
public enum FoundationalRequirement: Int, Hashable, Comparable, Sendable, Codable, CaseIterable,
  CustomStringConvertible
{
  /// FR1 Identification and authentication control (IAC).
  case identificationAndAuthentication = 1
  /// FR2 Use control (UC).
  case useControl = 2
  /// FR3 System integrity (SI).
  case systemIntegrity = 3
  /// FR4 Data confidentiality (DC).
  case dataConfidentiality = 4
  /// FR5 Restricted data flow (RDF).
  case restrictedDataFlow = 5
  /// FR6 Timely response to events (TRE).
  case timelyResponse = 6
  /// FR7 Resource availability (RA).
  case resourceAvailability = 7

  /// `FR1` … `FR7`.
  public var key: String { "FR\(rawValue)" }

  /// The standard's abbreviation, e.g. `IAC`.
  public var abbreviation: String {
    switch self {
    case .identificationAndAuthentication: "IAC"
    case .useControl: "UC"
    case .systemIntegrity: "SI"
    case .dataConfidentiality: "DC"
    case .restrictedDataFlow: "RDF"
    case .timelyResponse: "TRE"
    case .resourceAvailability: "RA"
    }
  }

  /// Parses `FR1`…`FR7` (any case) or the abbreviation (`IAC`, `UC`, …).
  public init?(key: String) {
    let upper = key.uppercased()
    if let match = FoundationalRequirement.allCases.first(where: { $0.key == upper || $0.abbreviation == upper }) {
      self = match
    } else {
      return nil
    }
  }

  public var description: String { key }

  public static func < (lhs: FoundationalRequirement, rhs: FoundationalRequirement) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
