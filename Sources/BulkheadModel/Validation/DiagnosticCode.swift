/// Every diagnostic the model stage reports, with its stable code, severity and one-line summary.
///
/// Codes never change meaning; docs/model.md lists them all (a test keeps the two in sync). The model stage owns
/// BH001–BH399; other stages number their diagnostics from BH400 up.
public enum DiagnosticCode: String, Hashable, Sendable, CaseIterable, Codable {
  // BH0xx: the file and its structure.
  case unreadableFile = "BH001"
  case yamlSyntax = "BH002"
  case wrongType = "BH003"
  case unknownKey = "BH004"
  case missingKey = "BH005"
  case invalidValue = "BH006"
  case invalidID = "BH007"
  // BH1xx: addresses, ports and services as text.
  case malformedNetwork = "BH101"
  case malformedAddress = "BH102"
  case malformedMAC = "BH103"
  case malformedServiceSpec = "BH104"
  case networkHostBits = "BH105"
  // BH2xx: identity and references.
  case duplicateID = "BH201"
  case unknownZone = "BH202"
  case unknownEndpoint = "BH203"
  case unknownEnforcementPoint = "BH204"
  case unknownService = "BH205"
  case unknownInterface = "BH206"
  // BH30x: zones and asset addresses.
  case overlappingNetworks = "BH301"
  case addressOutsideZone = "BH302"
  case addressInOtherZone = "BH303"
  case duplicateAddress = "BH304"
  case assetWithoutZone = "BH305"
  case zoneWithoutNetworks = "BH306"
  // BH31x–BH32x: conduits.
  case conduitJoinsZoneToItself = "BH311"
  case conduitBypassesDMZ = "BH312"
  case flowEndpointOutsideConduit = "BH313"
  case conduitWithoutOwner = "BH314"
  case conduitWithoutJustification = "BH315"
  case conduitReviewOverdue = "BH316"
  case conduitTooFewZones = "BH317"
  case conduitWithoutFlows = "BH318"
  case enforcementPointMissesConduit = "BH319"
  case flowWithinOneZone = "BH320"
  case unidirectionalBothWays = "BH321"
  case flowBypassesProxy = "BH322"
  // BH33x: enforcement points.
  case interfaceFacesUnknownZone = "BH331"
  case configFileMissing = "BH332"
  case configNotGiven = "BH333"
  // BH34x: inventory and captures.
  case inventoryUnreadable = "BH341"
  case inventoryUnknownColumn = "BH342"
  case inventoryBadRow = "BH343"
  case inventoryMissingColumn = "BH344"
  case inventoryConflict = "BH345"
  case captureMatchesNothing = "BH346"
  case pathOutsidePlant = "BH347"
  case notRegularFile = "BH348"

  /// The code as printed, e.g. `BH312`.
  public var code: String { rawValue }

  /// The severity this code is always reported with.
  public var severity: Diagnostic.Severity {
    switch self {
    case .unknownKey, .networkHostBits, .zoneWithoutNetworks, .conduitWithoutOwner, .conduitWithoutJustification,
      .conduitReviewOverdue, .conduitWithoutFlows, .enforcementPointMissesConduit, .flowWithinOneZone,
      .unidirectionalBothWays, .flowBypassesProxy, .configFileMissing,
      .configNotGiven, .inventoryUnknownColumn, .inventoryConflict, .captureMatchesNothing:
      .warning
    default:
      .error
    }
  }

  /// A one-line summary of what the code means (the docs table repeats it).
  public var summary: String {
    switch self {
    case .unreadableFile: "The model file cannot be found or read."
    case .yamlSyntax: "The file is not valid YAML (or repeats a key in one mapping)."
    case .wrongType: "A value has the wrong shape (a list where a mapping belongs, …)."
    case .unknownKey: "A key the format does not define (usually a typo)."
    case .missingKey: "A required key is missing."
    case .invalidValue: "A value outside its allowed set (Purdue level, SL-T, kind, date, operation, …)."
    case .invalidID: "An id that is empty or contains characters other than letters, digits, `.`, `_`, `-`."
    case .malformedNetwork: "A network that is not a CIDR block."
    case .malformedAddress: "An address that is not an IPv4 or IPv6 address."
    case .malformedMAC: "A MAC address that is not six octets."
    case .malformedServiceSpec: "A raw service spec with a bad protocol or port (`tcp/70000`)."
    case .networkHostBits: "A network written with host bits set (`10.20.1.5/16`)."
    case .duplicateID: "An id already used by a zone, asset, group, conduit or enforcement point."
    case .unknownZone: "A reference to a zone that does not exist."
    case .unknownEndpoint: "A flow endpoint, group member or proxy that names no zone, asset or group."
    case .unknownEnforcementPoint: "A conduit or capture naming an enforcement point that does not exist."
    case .unknownService: "A service that is neither in the catalog nor a raw spec."
    case .overlappingNetworks: "Two zones claim overlapping networks."
    case .addressOutsideZone: "An asset address outside its zone's networks."
    case .addressInOtherZone: "An asset address inside another zone's network."
    case .duplicateAddress: "Two assets share an IP address."
    case .assetWithoutZone: "An asset without a zone whose address lies in no zone."
    case .zoneWithoutNetworks: "A zone without networks (no address can be placed in it)."
    case .conduitJoinsZoneToItself: "A conduit lists the same zone twice."
    case .conduitBypassesDMZ: "A conduit joins an enterprise zone (Purdue 4–5) directly to a control zone (0–2)."
    case .flowEndpointOutsideConduit: "A flow endpoint outside the zones its conduit joins."
    case .conduitWithoutOwner: "A conduit without an owner."
    case .conduitWithoutJustification: "A conduit without a justification."
    case .conduitReviewOverdue: "A conduit whose review date has passed."
    case .conduitTooFewZones: "A conduit that joins fewer than two zones."
    case .conduitWithoutFlows: "A conduit that allows no flow."
    case .enforcementPointMissesConduit: "A conduit's enforcement point does not sit between two of its zones."
    case .flowWithinOneZone: "A flow whose ends lie in the same single zone, so it never crosses the conduit."
    case .unidirectionalBothWays: "A unidirectional conduit with flows opened from both sides."
    case .flowBypassesProxy: "A flow of a conduit with a proxy that neither starts nor ends at the proxy."
    case .interfaceFacesUnknownZone: "An enforcement point interface facing a zone that does not exist."
    case .configFileMissing: "An enforcement point's configuration file does not exist (yet)."
    case .configNotGiven: "An enforcement point without a configuration file."
    case .unknownInterface: "A capture recorded at an interface its enforcement point does not have."
    case .inventoryUnreadable: "The inventory CSV cannot be read."
    case .inventoryUnknownColumn: "An inventory column Bulkhead does not know (its values are ignored)."
    case .inventoryBadRow: "An inventory row that cannot be read (wrong field count, no name, unterminated quote)."
    case .inventoryMissingColumn: "The inventory has no name/id column."
    case .inventoryConflict: "An inventory row disagrees with the model's asset of the same id."
    case .captureMatchesNothing: "A capture path or glob that matches no file (yet)."
    case .pathOutsidePlant:
      "A config, inventory or capture path that resolves outside the plant directory (not read without "
        + "--allow-outside)."
    case .notRegularFile: "A config, inventory or capture path that is a FIFO, directory or device (not read)."
    }
  }
}

extension Diagnostic {
  /// Creates a diagnostic with a model code's severity.
  public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
    self.init(code.severity, code: code.code, message, at: location)
  }
}
