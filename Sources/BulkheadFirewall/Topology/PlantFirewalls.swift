import BulkheadModel

/// The plant's enforcement points with their configs parsed: the topology that the zone matrix and the model
/// tracer work on, and what could not be parsed.
public struct PlantFirewalls: Sendable {
  /// The plant.
  public let plant: Plant
  /// Zones and parsed firewalls.
  public let topology: ZoneTopology
  /// Every parser diagnostic, and a note for each enforcement point without a usable config.
  public let diagnostics: [Diagnostic]
  /// Ids of enforcement points whose config is missing or could not be parsed.
  public let unparsed: [String]
  /// One tracer per parsed firewall, in topology order (each indexes its ruleset once).
  private let tracers: [Tracer]

  /// Parses every enforcement point's config (paths as the model loader resolved them).
  public init(plant: Plant) {
    self.plant = plant
    var firewalls: [PlacedFirewall] = []
    var diagnostics: [Diagnostic] = []
    var unparsed: [String] = []
    for point in plant.enforcementPoints {
      guard let path = point.configPath else {
        diagnostics.append(
          Diagnostic(
            .warning, .noConfig, "enforcement point \(point.id) has no config; paths through it are unknown",
            at: point.location))
        unparsed.append(point.id)
        continue
      }
      if point.vendor != .auto, FirewallDialects.dialect(named: point.vendor) == nil {
        diagnostics.append(
          Diagnostic(
            .error, .unknownVendor,
            "enforcement point \(point.id): no firewall dialect is named '\(point.vendor)' (known: "
              + "\(FirewallDialects.namesText), or auto to detect it from the file); paths through it are unknown",
            at: point.locations.of("vendor")))
        unparsed.append(point.id)
        continue
      }
      let result = FirewallParser.parse(contentsOf: path, vendor: point.vendor)
      diagnostics.append(contentsOf: result.diagnostics)
      if let ruleset = result.ruleset {
        firewalls.append(PlacedFirewall(name: point.id, ruleset: ruleset, interfaces: point.interfaces))
      } else {
        unparsed.append(point.id)
      }
    }
    var zones: [String: [IPNetwork]] = [:]
    for zone in plant.zones { zones[zone.id] = zone.networks }
    topology = ZoneTopology(zones: zones, firewalls: firewalls)
    tracers = firewalls.map { Tracer(ruleset: $0.ruleset) }
    self.diagnostics = diagnostics
    self.unparsed = unparsed
  }

  /// The zone holding an address (the most specific network wins), or `nil`.
  public func zone(of address: IPAddress) -> String? { plant.zone(containing: address)?.id }

  /// Enforcement points facing both zones through different interfaces whose config is not parsed.
  public func unknownHops(from source: String, to destination: String) -> [String] {
    plant.enforcementPoints.filter { point in
      let ins = point.interfaces(facing: source)
      let outs = point.interfaces(facing: destination)
      return unparsed.contains(point.id) && !ins.isEmpty && !outs.isEmpty && Set(ins) != Set(outs)
    }.map(\.id)
  }

  /// Runs one packet through every firewall between its source and destination zones, in topology order; the
  /// first deny decides. Interfaces are those facing the two zones (the packet's own are ignored). Without
  /// `recordingPath` each hop's path is left empty (``Tracer/trace(_:entry:recordingPath:)``): for callers that want
  /// only the deciding rules.
  public func trace(_ packet: Packet, recordingPath: Bool = true) -> PlantTrace {
    guard let from = zone(of: packet.source), let to = zone(of: packet.destination) else {
      return PlantTrace(
        packet: packet, sourceZone: zone(of: packet.source), destinationZone: zone(of: packet.destination),
        outcome: .unknown, hops: [],
        notes: ["\(zone(of: packet.source) == nil ? packet.source : packet.destination) is in no zone of the model"])
    }
    var notes: [String] = []
    let unknown = unknownHops(from: from, to: to)
    if !unknown.isEmpty { notes.append("not parsed, on the path: \(unknown.joined(separator: ", "))") }
    let path = topology.path(from: from, to: to)
    if path.isEmpty {
      return PlantTrace(
        packet: packet, sourceZone: from, destinationZone: to, outcome: unknown.isEmpty ? .notFiltered : .unknown,
        hops: [], notes: notes + ["no modeled firewall separates \(from) and \(to)"])
    }
    var hops: [PlantTrace.Hop] = []
    for hop in path {
      let fw = topology.firewalls[hop.firewall]
      var p = packet
      p.inInterface = hop.in.first
      p.outInterface = hop.out.first
      let result = tracers[hop.firewall].trace(p, entry: fw.entry, recordingPath: recordingPath)
      hops.append(
        PlantTrace.Hop(firewall: fw.name, inInterface: hop.in.first, outInterface: hop.out.first, result: result))
      if result.verdict == .deny {
        return PlantTrace(
          packet: packet, sourceZone: from, destinationZone: to, outcome: .denied, hops: hops, notes: notes)
      }
    }
    return PlantTrace(
      packet: packet, sourceZone: from, destinationZone: to, outcome: unknown.isEmpty ? .allowed : .unknown,
      hops: hops, notes: notes)
  }
}
