import BulkheadAnalysis
import BulkheadModel

/// What `bulkhead discover PLANT` proposes to change in an existing model after comparing it with the captures:
/// new assets per zone, hosts in no zone, observed flows no conduit declares, declared assets never seen; as a
/// unified diff of the model file that keeps every line and comment it had, for a person to review and apply.
public struct ModelAmendment: Sendable {
  /// The model file amended.
  public var modelFile: String
  /// Hosts seen in traffic, in a zone's networks, not in the model: proposed as assets of that zone.
  public var newAssets: [DiscoveredAsset]
  /// Hosts seen in traffic in no zone's networks: a person decides (a new zone, or outside the plant).
  public var unzonedHosts: [SeenHost]
  /// Observed cross-zone traffic no conduit declares, with the conduit proposed for it or why none is.
  public var undeclaredFlows: [UndeclaredFlow]
  /// The conduits proposed (owner, justification and review date left for a person).
  public var conduits: [Conduit]
  /// Declared assets the captures of their zone never show (the assessment's silent-asset findings).
  public var unseenAssets: [Finding]
  /// The model file's text with the amendment applied.
  public var amendedText: String
  /// The unified diff of the model file (`a/` and `b/` + the file's name); empty when nothing is proposed.
  public var patch: String
  /// What could not be read or interpreted (model, configs, captures), sorted.
  public var diagnostics: [Diagnostic]

  /// Creates an amendment.
  public init(
    modelFile: String, newAssets: [DiscoveredAsset] = [], unzonedHosts: [SeenHost] = [],
    undeclaredFlows: [UndeclaredFlow] = [], conduits: [Conduit] = [], unseenAssets: [Finding] = [],
    amendedText: String = "", patch: String = "", diagnostics: [Diagnostic] = []
  ) {
    self.modelFile = modelFile
    self.newAssets = newAssets
    self.unzonedHosts = unzonedHosts
    self.undeclaredFlows = undeclaredFlows
    self.conduits = conduits
    self.unseenAssets = unseenAssets
    self.amendedText = amendedText
    self.patch = patch
    self.diagnostics = diagnostics
  }

  /// Whether the captures and the model agree on everything the amendment looks at.
  public var isEmpty: Bool {
    newAssets.isEmpty && unzonedHosts.isEmpty && undeclaredFlows.isEmpty && unseenAssets.isEmpty
  }
}
