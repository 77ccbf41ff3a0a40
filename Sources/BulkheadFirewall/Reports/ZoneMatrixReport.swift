import BulkheadModel

/// `bulkhead reach MODEL`: for each ordered zone pair, the services every firewall on the path allows, each with a
/// witness packet and the rule that lets it through on each firewall.
public struct ZoneMatrixReport: Sendable, Encodable {
  /// One allowed service between two zones.
  public struct Line: Sendable, Encodable {
    /// `tcp/502`, `any`…
    public var service: String
    /// One packet of it.
    public var witness: Packet
    /// The accepting rule on each firewall crossed (`fw-itot: fw-itot.iptables-save:18`).
    public var rules: [String]
  }

  /// One ordered zone pair.
  public struct Cell: Sendable, Encodable {
    /// Source zone.
    public var from: String
    /// Destination zone.
    public var to: String
    /// Firewalls crossed (parsed ones).
    public var firewalls: [String]
    /// `filtered`, `not-filtered` (no firewall between the zones) or `unknown` (a firewall on the path is not
    /// parsed: the services are what the parsed ones allow).
    public var status: String
    /// Allowed services.
    public var services: [Line]
  }

  /// The cells, sorted by zone ids.
  public var cells: [Cell]
  /// Parser diagnostics of every firewall.
  public var diagnostics: [Diagnostic]

  /// Computes the matrix, optionally for one source and/or destination zone only, or refuses when the exact answer
  /// needs more than `memoryLimit` bytes.
  public init(
    firewalls: PlantFirewalls, from: String? = nil, to: String? = nil,
    memoryLimit: Int = PacketSpace.defaultMemoryLimit
  ) throws(PacketSpaceOverBudget) {
    let matrix = ZoneMatrix(topology: firewalls.topology, memoryLimit: memoryLimit)
    let analyzer = ReachabilityAnalyzer(space: matrix.space)
    var cells: [Cell] = []
    let ids = firewalls.plant.zones.map(\.id).sorted()
    for a in ids where from == nil || from == a {
      for b in ids where a != b && (to == nil || to == b) {
        let (set, whole, names) = matrix.allowed(from: a, to: b)
        let unknown = firewalls.unknownHops(from: a, to: b)
        let status = !unknown.isEmpty ? "unknown" : (names.isEmpty ? "not-filtered" : "filtered")
        var lines: [Line] = []
        for summary in analyzer.services(set, whole: whole) {
          var witness = summary.witness
          witness.inInterface = nil
          witness.outInterface = nil
          let trace = firewalls.trace(witness, recordingPath: false)
          let rules = trace.hops.map { hop in
            "\(hop.firewall): " + (hop.result.rule?.locationText ?? "policy of \(hop.result.chain)")
          }
          lines.append(Line(service: summary.service, witness: witness, rules: rules))
        }
        cells.append(Cell(from: a, to: b, firewalls: names, status: status, services: lines))
      }
    }
    self.cells = cells
    diagnostics = firewalls.diagnostics
    try matrix.space.checkBudget()
  }
}
