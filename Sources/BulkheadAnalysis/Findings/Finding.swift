import BulkheadModel

/// One gap between intent, configuration and observation (or a weakness inside one view), with its evidence.
///
/// Findings are values: rules produce them, the ranking orders them, renderers print them, the CI gate matches them
/// against accepted findings by ``fingerprint``.
public struct Finding: Hashable, Sendable, Codable {
  /// The id of the rule that produced it, e.g. `dmz-bypass`.
  public var ruleID: String
  /// Severity of this instance (rules may raise or lower their default).
  public var severity: FindingSeverity
  /// Segmentation, visibility or documentation.
  public var category: FindingCategory
  /// One sentence naming the concrete gap, e.g. "enterprise reaches filtration on tcp/502 without crossing the DMZ".
  public var message: String
  /// The place to fix first: a model line or a firewall rule.
  public var location: SourceLocation
  /// Everything else the finding rests on.
  public var evidence: [Evidence]
  /// The zones concerned (source, destination), when the finding is about a zone pair.
  public var zones: [String]
  /// How much of the higher-security plant this gap exposes (see `BlastRadius`); 0 for non-segmentation findings.
  public var blastRadius: Int
  /// A key that identifies the same gap across runs (rule id + the subject), independent of wording and line moves.
  /// For observed traffic it names the cause (zone pair, service, deciding rule or missing conduit), never a flow,
  /// so the fingerprint stays when more traffic of the same cause arrives.
  public var subject: String
  /// The observed flows this finding aggregates (counts, time span, hosts, operations, a sample), when it rests on
  /// observed traffic.
  public var flows: FlowAggregate?
  /// The hosts the finding is about (the unknown hosts of a zone), sorted; empty when it is not about hosts.
  public var hosts: [IPAddress]

  /// Creates a finding.
  public init(
    ruleID: String, severity: FindingSeverity, category: FindingCategory, message: String,
    location: SourceLocation, evidence: [Evidence] = [], zones: [String] = [], blastRadius: Int = 0, subject: String,
    flows: FlowAggregate? = nil, hosts: [IPAddress] = []
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.category = category
    self.message = message
    self.location = location
    self.evidence = evidence
    self.zones = zones
    self.blastRadius = blastRadius
    self.subject = subject
    self.flows = flows
    self.hosts = hosts
  }

  private enum CodingKeys: String, CodingKey {
    case ruleID, severity, category, message, location, evidence, zones, blastRadius, subject, flows, hosts
    case fingerprint
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    ruleID = try container.decode(String.self, forKey: .ruleID)
    severity = try container.decode(FindingSeverity.self, forKey: .severity)
    category = try container.decode(FindingCategory.self, forKey: .category)
    message = try container.decode(String.self, forKey: .message)
    location = try container.decode(SourceLocation.self, forKey: .location)
    evidence = try container.decodeIfPresent([Evidence].self, forKey: .evidence) ?? []
    zones = try container.decodeIfPresent([String].self, forKey: .zones) ?? []
    blastRadius = try container.decodeIfPresent(Int.self, forKey: .blastRadius) ?? 0
    subject = try container.decode(String.self, forKey: .subject)
    flows = try container.decodeIfPresent(FlowAggregate.self, forKey: .flows)
    hosts = try container.decodeIfPresent([IPAddress].self, forKey: .hosts) ?? []
  }

  // The fingerprint is written beside the fields so accepted-findings files can be made from JSON output.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(ruleID, forKey: .ruleID)
    try container.encode(severity, forKey: .severity)
    try container.encode(category, forKey: .category)
    try container.encode(message, forKey: .message)
    try container.encode(location, forKey: .location)
    try container.encode(evidence, forKey: .evidence)
    try container.encode(zones, forKey: .zones)
    try container.encode(blastRadius, forKey: .blastRadius)
    try container.encode(subject, forKey: .subject)
    try container.encodeIfPresent(flows, forKey: .flows)
    if !hosts.isEmpty { try container.encode(hosts, forKey: .hosts) }
    try container.encode(fingerprint, forKey: .fingerprint)
  }

  /// Stable identifier for accepted-findings files and SARIF `partialFingerprints`: FNV-1a 64 of `ruleID|subject`.
  public var fingerprint: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(ruleID)|\(subject)".utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
