import BulkheadModel

/// A host talks on the network but is not in the model: proposed as an addition, never written silently.
public struct UnknownAssetRule: AssessmentRule {
  public static let description = RuleDescription(
    id: "unknown-asset", title: "Host seen in traffic but not in the model", severity: .medium,
    category: .visibility,
    rationale:
      "You cannot defend what you cannot see. A host on a plant network that the inventory does not know is a "
      + "contractor laptop, a forgotten device or an intruder; each needs an owner and a zone.",
    remediation:
      "Identify the host (MAC vendor, services). Add it to the model in the proposed zone, or remove it from the "
      + "network.",
    requirements: [.componentInventory])

  public static let examples: [RuleExample] = [
    .triggering(
      "a laptop in the office talks to the historian",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.77", "10.2.0.10", port: 443, packet: 2))),
      at: ["captures/span.pcap:2"]),
    .nonTriggering(
      "only modelled hosts",
      files: ExamplePlant.files(
        observations: ExamplePlant.observations(ExamplePlant.flow("10.1.0.5", "10.2.0.10", port: 443)))),
  ]

  public init() {}

  /// Where unknown hosts are grouped: their zone, else their private subnet (/24, IPv6 /64), else "public".
  public enum Place: Hashable, Comparable, Sendable {
    /// Inside a zone's networks.
    case zone(String)
    /// A private subnet no zone covers.
    case subnet(IPNetwork)
    /// Public addresses outside every zone.
    case publicAddresses

    /// The finding's subject for the hosts of this place.
    public var subject: String {
      switch self {
      case .zone(let id): "hosts in zone \(id)"
      case .subnet(let network): "hosts in \(network) (no zone)"
      case .publicAddresses: "public hosts (no zone)"
      }
    }

    /// `in zone scada`, `in 10.50.14.0/24, which lies in no zone's networks`.
    public var text: String {
      switch self {
      case .zone(let id): "in zone \(id)"
      case .subnet(let network): "in \(network), which lies in no zone's networks"
      case .publicAddresses: "outside the private address ranges and every zone"
      }
    }
  }

  /// How many hosts the message and the evidence name before "and N more" (the finding's `hosts` lists all).
  static let namedHosts = 5

  public func findings(in context: AssessmentContext) -> [Finding] {
    var order: [Place] = []
    var byPlace: [Place: [SeenHost]] = [:]
    for host in context.seenHosts {
      guard context.plant.asset(at: host.address) == nil, HostAddress.isUnicastHost(host.address) else { continue }
      let place = Self.place(of: host.address, in: context.plant)
      if byPlace[place] == nil { order.append(place) }
      byPlace[place, default: []].append(host)
    }
    return order.compactMap { place -> Finding? in
      guard let hosts = byPlace[place], let first = hosts.first else { return nil }
      var message: String
      if hosts.count == 1 {
        message = "\(first.address) is seen in traffic but not in the model"
      } else {
        let named = hosts.prefix(Self.namedHosts).map(\.address.description).joined(separator: ", ")
        let more = hosts.count > Self.namedHosts ? " and \(hosts.count - Self.namedHosts) more" : ""
        message = "\(hosts.count) hosts \(place.text) are seen in traffic but not in the model: \(named)\(more)"
      }
      switch place {
      case .zone(let id):
        message += hosts.count == 1 ? "; proposed: an asset in zone \(id)" : "; proposed: assets in zone \(id)"
      case .subnet, .publicAddresses: if hosts.count == 1 { message += "; it lies in no zone's networks" }
      }
      var evidence: [Evidence] = []
      for host in hosts.prefix(Self.namedHosts) {
        var facts: [String] = []
        if !host.macs.isEmpty {
          let vendor = host.vendor.map { " (\($0))" } ?? ""
          facts.append("MAC \(host.macs.map(\.description).joined(separator: ", "))\(vendor)")
        }
        if !host.uses.isEmpty { facts.append("client of \(ServiceList.text(host.uses))") }
        if !host.serves.isEmpty { facts.append("serves \(ServiceList.text(host.serves))") }
        let text = "\(host.address)" + (facts.isEmpty ? "" : ": " + facts.joined(separator: "; "))
        evidence.append(Evidence(.observedFlow, text, at: host.seenAt))
      }
      if hosts.count > Self.namedHosts {
        evidence.append(Evidence(.observedFlow, "and \(hosts.count - Self.namedHosts) more hosts (listed in `hosts`)"))
      }
      let location = hosts.compactMap(\.seenAt).min() ?? SourceLocation(file: context.plant.modelFile)
      let zones: [String]
      if case .zone(let id) = place { zones = [id] } else { zones = [] }
      return finding(
        message, at: location, evidence: evidence, zones: zones, subject: place.subject,
        hosts: hosts.map(\.address))
    }
  }

  /// The place an unknown host is grouped under.
  public static func place(of address: IPAddress, in plant: Plant) -> Place {
    if let zone = plant.zone(containing: address) { return .zone(zone.id) }
    guard isPrivate(address) else { return .publicAddresses }
    return .subnet(IPNetwork(address: address, prefixLength: address.family == .v4 ? 24 : 64))
  }

  /// RFC 1918 private, RFC 6598 shared (carrier-grade NAT) and RFC 4193 unique local addresses.
  static func isPrivate(_ address: IPAddress) -> Bool {
    switch address.family {
    case .v4:
      let v = address.v4Value
      return v >> 24 == 10 || v >> 20 == 0xac1 || v >> 16 == 0xc0a8 || v >> 22 == 0x191
    case .v6:
      return address.high >> 57 == 0x7e
    }
  }
}
