import BulkheadCapture
import BulkheadModel

/// Everything a rule can tell apart about an observed flow, and nothing about the flow alone (hosts, ports on the
/// client side, counts, times): the zones of its two ends, its service and application, the conduit flow that
/// explains it, its fate on the configured path, whether it was answered, what its protocol said about security and
/// which operation classes it carried.
///
/// Flows with the same key are the same traffic to every rule, so the reconciler counts them together in one
/// ``ObservedTraffic``; the number of keys grows with the plant's zones, services and rules, not with the capture.
public struct TrafficKey: Hashable, Comparable, Sendable, Codable {
  /// Zone of the initiators per the model, nil outside every zone.
  public var initiatorZone: String?
  /// Zone of the responders per the model, nil outside every zone.
  public var responderZone: String?
  /// Transport and responder port (`tcp/502`, `icmp`).
  public var service: ServiceSpan
  /// The application protocol the dissectors recognised by content, if any.
  public var application: String?
  /// The conduit whose declared flow explains the traffic, if any.
  public var conduit: String?
  /// Index of that flow in the conduit's `flows`.
  public var conduitFlowIndex: Int?
  /// How the firewalls on the path treat a new connection like these.
  public var verdict: ObservedFlowFacts.ConfiguredVerdict
  /// The deciding rule of every firewall on the path.
  public var verdictRules: [FirewallRuleReference]
  /// Whether the responders answered.
  public var answered: Bool
  /// Whether the protocol authenticated the peer: true, false, nil unknown.
  public var authenticated: Bool?
  /// Whether the payload was encrypted: true, false, nil unknown.
  public var encrypted: Bool?
  /// Protocol security mode (OPC UA `None`, `Sign`, `SignAndEncrypt`).
  public var securityMode: String?
  /// Operation classes with at least one PDU (`read`, `write`, …), sorted.
  public var operationClasses: [String]

  /// Creates a key.
  public init(
    initiatorZone: String?, responderZone: String?, service: ServiceSpan, application: String? = nil,
    conduit: String? = nil, conduitFlowIndex: Int? = nil, verdict: ObservedFlowFacts.ConfiguredVerdict = .unknown,
    verdictRules: [FirewallRuleReference] = [], answered: Bool = true, authenticated: Bool? = nil,
    encrypted: Bool? = nil, securityMode: String? = nil, operationClasses: [String] = []
  ) {
    self.initiatorZone = initiatorZone
    self.responderZone = responderZone
    self.service = service
    self.application = application
    self.conduit = conduit
    self.conduitFlowIndex = conduitFlowIndex
    self.verdict = verdict
    self.verdictRules = verdictRules
    self.answered = answered
    self.authenticated = authenticated
    self.encrypted = encrypted
    self.securityMode = securityMode
    self.operationClasses = operationClasses
  }

  /// The key of one flow.
  public init(_ flow: ObservedFlowFacts) {
    self.init(
      initiatorZone: flow.initiatorZone, responderZone: flow.responderZone, service: flow.span,
      application: flow.application, conduit: flow.conduit, conduitFlowIndex: flow.conduitFlowIndex,
      verdict: flow.verdict, verdictRules: flow.verdictRules, answered: flow.answered,
      authenticated: flow.authenticated, encrypted: flow.encrypted, securityMode: flow.securityMode,
      operationClasses: flow.operations.filter { $0.value > 0 }.keys.sorted())
  }

  /// Whether the two ends lie in different modelled zones.
  public var crossesZones: Bool {
    guard let initiatorZone, let responderZone else { return false }
    return initiatorZone != responderZone
  }

  /// Whether the flows carried at least one PDU of `operation`.
  public func carried(_ operation: OperationClass) -> Bool { operationClasses.contains(operation.rawValue) }

  /// `modbus tcp/502`, or the service alone when no protocol was recognised.
  public var label: String { application.map { "\($0) \(service)" } ?? service.description }

  /// The application when recognised, else the service (`modbus`, `tcp/8530`).
  public var protocolName: String { application ?? service.description }

  /// A total order: zones, service, application, conduit, verdict and its rules, then the protocol's facts.
  public static func < (lhs: TrafficKey, rhs: TrafficKey) -> Bool {
    func order(_ key: TrafficKey) -> [String] {
      [
        key.initiatorZone ?? "~", key.responderZone ?? "~", key.service.sortText, key.application ?? "~",
        key.conduit ?? "~", key.conduitFlowIndex.map { padded($0, width: 6) } ?? "~", key.verdict.rawValue,
        key.verdictRules.map(\.description).joined(separator: "\u{1}"), key.answered ? "1" : "0",
        key.authenticated.map { $0 ? "1" : "0" } ?? "~", key.encrypted.map { $0 ? "1" : "0" } ?? "~",
        key.securityMode ?? "~", key.operationClasses.joined(separator: ","),
      ]
    }
    return order(lhs).lexicographicallyPrecedes(order(rhs))
  }
}

extension ServiceSpan {
  /// Text that sorts like the span: transport number, then ports numerically.
  var sortText: String {
    let lower = ports?.lower ?? 0
    let upper = ports?.upper ?? 0
    return padded(Int(transport.number), width: 3) + " " + padded(Int(lower), width: 5) + " "
      + padded(Int(upper), width: 5)
  }
}

/// `n` in decimal with leading zeros to `width` digits (for text that sorts numerically).
func padded(_ n: Int, width: Int) -> String {
  let digits = String(n)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
