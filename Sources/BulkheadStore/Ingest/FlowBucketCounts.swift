/// What the flows of one ``FlowBucketKey`` added up to.
public struct FlowBucketCounts: Hashable, Sendable {
  /// One operation (function code, service) with its class.
  public struct Operation: Hashable, Comparable, Sendable {
    /// The protocol's name for it.
    public var name: String
    /// Its class (`read`, `write`, …).
    public var operationClass: String

    /// Creates an operation.
    public init(name: String, operationClass: String) {
      self.name = name
      self.operationClass = operationClass
    }

    public static func < (lhs: Operation, rhs: Operation) -> Bool {
      (lhs.name, lhs.operationClass) < (rhs.name, rhs.operationClass)
    }
  }

  /// A device identity as revealed on the wire ("" for parts it did not reveal).
  public struct Identity: Hashable, Comparable, Sendable {
    public var source: String
    public var vendor: String
    public var product: String
    public var serial: String
    public var firmware: String
    public var model: String

    /// Creates an identity.
    public init(
      source: String, vendor: String = "", product: String = "", serial: String = "", firmware: String = "",
      model: String = ""
    ) {
      self.source = source
      self.vendor = vendor
      self.product = product
      self.serial = serial
      self.firmware = firmware
      self.model = model
    }

    public static func < (lhs: Identity, rhs: Identity) -> Bool {
      (lhs.source, lhs.vendor, lhs.product, lhs.serial, lhs.firmware, lhs.model)
        < (rhs.source, rhs.vendor, rhs.product, rhs.serial, rhs.firmware, rhs.model)
    }

    /// `vendor product serial firmware`, the parts revealed.
    public var summary: String {
      [
        vendor, product, model, serial.isEmpty ? "" : "serial \(serial)",
        firmware.isEmpty ? "" : "firmware \(firmware)",
      ]
      .filter { !$0.isEmpty }.joined(separator: " ")
    }
  }

  /// A malformed PDU kept as evidence.
  public struct Violation: Hashable, Sendable {
    public var file: String
    public var packet: Int
    public var code: String
    public var message: String

    /// Creates a violation.
    public init(file: String, packet: Int, code: String, message: String) {
      self.file = file
      self.packet = packet
      self.code = code
      self.message = message
    }
  }

  /// Flows (connections) counted.
  public var flows = 0
  public var packetsFromInitiator = 0
  public var packetsFromResponder = 0
  public var bytesFromInitiator = 0
  public var bytesFromResponder = 0
  /// First packet time, seconds since the epoch.
  public var firstSeen = Double.infinity
  /// Last packet time.
  public var lastSeen = -Double.infinity
  /// File (relative to the plant) and packet number of the earliest flow's first packet.
  public var firstFile = ""
  public var firstPacket = 0
  /// The earliest flow's client port (a firewall rule may match on it).
  public var initiatorPort: UInt16 = 0
  /// OPC UA SecurityPolicyUri or the like, "" when none.
  public var securityPolicy = ""
  /// The kind of user identity presented, "" when none.
  public var userIdentity = ""
  /// PDU counts per operation.
  public var operations: [Operation: Int] = [:]
  /// Identities the flows revealed.
  public var identities: Set<Identity> = []
  /// The first malformed PDUs (at most ``ObservationBatch/violationLimit``).
  public var violations: [Violation] = []
  /// Every malformed PDU.
  public var violationCount = 0

  /// Creates empty counts.
  public init() {}

  /// Packets both ways.
  public var packets: Int { packetsFromInitiator + packetsFromResponder }
  /// Bytes both ways.
  public var bytes: Int { bytesFromInitiator + bytesFromResponder }

  /// Adds the counts of more flows of the same key.
  public mutating func add(_ other: FlowBucketCounts) {
    flows += other.flows
    packetsFromInitiator += other.packetsFromInitiator
    packetsFromResponder += other.packetsFromResponder
    bytesFromInitiator += other.bytesFromInitiator
    bytesFromResponder += other.bytesFromResponder
    takeEarlier(other)
    lastSeen = max(lastSeen, other.lastSeen)
    for (operation, count) in other.operations { operations[operation, default: 0] += count }
    identities.formUnion(other.identities)
    violationCount += other.violationCount
    for violation in other.violations where violations.count < ObservationBatch.violationLimit {
      violations.append(violation)
    }
  }

  /// Folds in what another capture point saw of the same flows: the larger counts (the same packets are not
  /// counted twice), the wider time span, and everything either knew.
  public mutating func overlap(_ other: FlowBucketCounts) {
    flows = max(flows, other.flows)
    packetsFromInitiator = max(packetsFromInitiator, other.packetsFromInitiator)
    packetsFromResponder = max(packetsFromResponder, other.packetsFromResponder)
    bytesFromInitiator = max(bytesFromInitiator, other.bytesFromInitiator)
    bytesFromResponder = max(bytesFromResponder, other.bytesFromResponder)
    // The same connections at another capture point: evidence names the smaller place (file, then packet), as the
    // assessment's merge of one connection does, whichever point saw the first packet a little earlier.
    if (other.firstFile, other.firstPacket) < (firstFile, firstPacket) {
      firstFile = other.firstFile
      firstPacket = other.firstPacket
      initiatorPort = other.initiatorPort
    }
    firstSeen = min(firstSeen, other.firstSeen)
    if securityPolicy.isEmpty { securityPolicy = other.securityPolicy }
    if userIdentity.isEmpty { userIdentity = other.userIdentity }
    lastSeen = max(lastSeen, other.lastSeen)
    for (operation, count) in other.operations { operations[operation] = max(operations[operation] ?? 0, count) }
    identities.formUnion(other.identities)
    violationCount = max(violationCount, other.violationCount)
    if violations.isEmpty { violations = other.violations }
  }

  /// Takes the other's first-flow facts when it started earlier (ties: the smaller place, so the result does not
  /// depend on the order rows are read in).
  private mutating func takeEarlier(_ other: FlowBucketCounts) {
    let earlier =
      other.firstSeen < firstSeen
      || (other.firstSeen == firstSeen && (other.firstFile, other.firstPacket) < (firstFile, firstPacket))
    if earlier {
      firstSeen = other.firstSeen
      firstFile = other.firstFile
      firstPacket = other.firstPacket
      initiatorPort = other.initiatorPort
    }
    if securityPolicy.isEmpty { securityPolicy = other.securityPolicy }
    if userIdentity.isEmpty { userIdentity = other.userIdentity }
  }
}
