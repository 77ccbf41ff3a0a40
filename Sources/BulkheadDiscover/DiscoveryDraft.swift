import BulkheadAnalysis
import BulkheadModel

/// A model drafted from captures: the plant to write, every guess behind it, and everything seen that it leaves out.
public struct DiscoveryDraft: Sendable {
  /// The drafted plant (zones, assets, conduits marked proposed, captures inside the output directory).
  public var plant: Plant
  /// The zones with their reasons, in model order.
  public var zones: [ZoneProposal]
  /// The assets with their role guesses, in model order.
  public var assets: [DiscoveredAsset]
  /// Hosts in no zone, with why.
  public var unplaced: [UnplacedHost]
  /// Host-to-host services a proposed conduit carries, with the conduit's id.
  public var proposed: [(service: SeenService, tally: ServiceTally, conduit: String)]
  /// Services within one zone (no conduit needed).
  public var withinZone: [(service: SeenService, tally: ServiceTally, zone: String)]
  /// Services no conduit proposes, with why.
  public var unproposed: [UnproposedService]
  /// The capture files read, as given.
  public var captures: [String]
  /// Capture files the model does not name because they lie outside the output directory.
  public var capturesNotReferenced: [String]
  /// What the captures held.
  public var evidence: CaptureEvidence
  /// The firewall configs read, as given.
  public var configs: [String] = []
  /// Their interfaces as zone candidates, with the zones each went into.
  public var interfaces: [InterfaceCandidate] = []
  /// What the configs' parsers could not interpret.
  public var configDiagnostics: [Diagnostic] = []

  /// The commented `bulkhead.yaml` text.
  public var yaml: String {
    var header = [
      "# Drafted by `bulkhead discover` from \(captures.count) capture file(s): every zone, asset and conduit below is",
      "# a guess from observed traffic\(configs.isEmpty ? "" : " and \(configs.count) firewall config(s)"); "
        + "discover-report.md beside this file gives the reason and confidence of each.",
      "# Conduits are proposed: the flows seen, with no owner, justification or review date. A person fills those in",
      "# (or removes the conduit and fixes the firewall) before this model is the plant's intent. sl_target values are",
      "# placeholders by Purdue level: set them from the risk assessment (IEC 62443-3-2 ZCR 5).",
    ]
    for file in capturesNotReferenced {
      header.append("# Capture read but not referenced (outside this directory): \(file)")
    }
    return header.joined(separator: "\n") + "\n" + ModelWriter().yaml(for: plant)
  }
}
