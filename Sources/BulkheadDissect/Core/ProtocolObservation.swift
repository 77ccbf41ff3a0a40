import BulkheadModel

/// What one industrial protocol did on one flow: operations, their classes, security, identities and violations.
public struct ProtocolObservation: Hashable, Sendable, Codable {
  /// The protocol seen.
  public var protocolID: ProtocolID
  /// Well-formed PDUs seen, both directions.
  public var pduCount: Int
  /// Operations by code, sorted by code.
  public var operations: [OperationTally]
  /// The classes of all operations seen, sorted.
  public var operationClasses: [OperationClass]
  /// Security properties the flow revealed.
  public var security: SecurityProperties
  /// Device identities revealed, sorted and unique.
  public var identities: [DeviceIdentity]
  /// Malformed PDUs (the first ``ProtocolObservation/violationLimit`` of them, in packet order).
  public var violations: [ProtocolViolation]
  /// All malformed PDUs, including those beyond the kept list.
  public var violationCount: Int
  /// Bytes that could not be parsed because the stream had a gap or the dissector lost framing.
  public var skippedBytes: Int
  /// Facts the flow stated in its protocol's terms (TLS server name, SMB dialect, SNMP community …), sorted; nil
  /// when the protocol states none (so observations of protocols without attributes encode as before).
  public var attributes: [ProtocolAttribute]?

  /// Whether the flow's responder acted as the client: the flow's initiator sat on the protocol's service port (a
  /// capture that missed the real handshake, or a fuzzed trace), so requests are those sent *to* the initiator.
  public var rolesReversed = false

  /// Every operation class in report order, built once.
  /// The class list of every bit set over the eight classes, made once: an observation shares its list instead of
  /// allocating one per flow.
  private static let classLists: [[OperationClass]] = (0..<256).map { bits in
    OperationClass.allCases.filter { bits & 1 << $0.rank != 0 }
  }

  /// How many violations an observation keeps in full.
  public static let violationLimit = 64

  /// Creates an observation.
  public init(
    protocolID: ProtocolID, pduCount: Int = 0, operations: [OperationTally] = [],
    security: SecurityProperties = .init(),
    identities: [DeviceIdentity] = [], violations: [ProtocolViolation] = [], violationCount: Int = 0,
    skippedBytes: Int = 0, attributes: [ProtocolAttribute] = []
  ) {
    self.protocolID = protocolID
    self.pduCount = pduCount
    self.operations = operations.isSorted() ? operations : operations.sorted()
    // Classes describe what was asked of a device: requests, plus data pushed unasked (unsolicited reports).
    // Collected as a bit set over the eight classes, so no set or sort is needed.
    var classes: UInt8 = 0
    for tally in operations where tally.requests > 0 || tally.operationClass != .other {
      classes |= 1 << UInt8(tally.operationClass.rank)
    }
    self.operationClasses = Self.classLists[Int(classes)]
    self.security = security
    self.identities = identities.count < 2 ? identities : Array(Set(identities)).sorted()
    self.violations = violations
    self.violationCount = violationCount
    self.skippedBytes = skippedBytes
    self.attributes = attributes.isEmpty ? nil : attributes.sorted()
  }

  /// The tally for an operation name, if it was seen.
  public func operation(named name: String) -> OperationTally? { operations.first { $0.name == name } }

  /// The values of an attribute, in order.
  public func attribute(_ name: String) -> [String] { (attributes ?? []).filter { $0.name == name }.map(\.value) }
}

extension Array where Element: Comparable {
  /// Whether the elements are in ascending order (cheaper than sorting an already sorted list).
  fileprivate func isSorted() -> Bool {
    var index = 1
    while index < count {
      if self[index] < self[index - 1] { return false }
      index += 1
    }
    return true
  }
}
