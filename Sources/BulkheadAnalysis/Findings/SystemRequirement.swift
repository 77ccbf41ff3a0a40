/// An IEC 62443-3-3 system requirement (SR) a rule relates to, e.g. SR 5.1 "Network segmentation".
public struct SystemRequirement: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The identifier as the standard writes it, e.g. `SR 5.1`.
  public var id: String
  /// The requirement's title in the standard.
  public var title: String

  /// Creates a reference.
  public init(_ id: String, _ title: String) {
    self.id = id
    self.title = title
  }

  public var description: String { "\(id) \(title)" }

  // IEC 62443-3-3:2013 system requirements used by Bulkhead's rules (clause numbers of the standard).
  /// SR 1.1 Human user identification and authentication.
  public static let humanUserAuthentication = SystemRequirement(
    "SR 1.1", "Human user identification and authentication")
  /// SR 1.2 Software process and device identification and authentication.
  public static let deviceAuthentication = SystemRequirement(
    "SR 1.2", "Software process and device identification and authentication")
  /// SR 2.8 Auditable events.
  public static let auditableEvents = SystemRequirement("SR 2.8", "Auditable events")
  /// SR 3.1 Communication integrity.
  public static let communicationIntegrity = SystemRequirement("SR 3.1", "Communication integrity")
  /// SR 4.1 Information confidentiality.
  public static let informationConfidentiality = SystemRequirement("SR 4.1", "Information confidentiality")
  /// SR 5.1 Network segmentation.
  public static let networkSegmentation = SystemRequirement("SR 5.1", "Network segmentation")
  /// SR 5.2 Zone boundary protection.
  public static let zoneBoundaryProtection = SystemRequirement("SR 5.2", "Zone boundary protection")
  /// SR 6.2 Continuous monitoring.
  public static let continuousMonitoring = SystemRequirement("SR 6.2", "Continuous monitoring")
  /// SR 7.6 Network and security configuration settings.
  public static let networkConfigurationSettings = SystemRequirement(
    "SR 7.6", "Network and security configuration settings")
  /// SR 7.7 Least functionality.
  public static let leastFunctionality = SystemRequirement("SR 7.7", "Least functionality")
  /// SR 7.8 Control system component inventory.
  public static let componentInventory = SystemRequirement("SR 7.8", "Control system component inventory")
}
