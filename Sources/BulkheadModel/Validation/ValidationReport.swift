/// What `bulkhead validate` reports: counts, validity and every diagnostic; encodes to the `--format json` output.
public struct ValidationReport: Sendable, Encodable {
  /// The counts of a model's entities and diagnostics.
  public struct Summary: Sendable, Encodable, Hashable {
    /// Number of zones.
    public var zones: Int
    /// Number of assets (model and inventory).
    public var assets: Int
    /// Number of conduits.
    public var conduits: Int
    /// Number of enforcement points.
    public var enforcementPoints: Int
    /// Number of warnings.
    public var warnings: Int
    /// Number of errors.
    public var errors: Int
  }

  /// The model file.
  public var file: String
  /// The plant's name.
  public var plant: String
  /// Whether the model has no errors.
  public var valid: Bool
  /// The counts.
  public var summary: Summary
  /// Every diagnostic, sorted.
  public var diagnostics: [Diagnostic]

  /// The report of a loaded model.
  public init(_ model: LoadedModel) {
    file = model.plant.modelFile
    plant = model.plant.name
    valid = model.isValid
    summary = Summary(
      zones: model.plant.zones.count, assets: model.plant.assets.count, conduits: model.plant.conduits.count,
      enforcementPoints: model.plant.enforcementPoints.count, warnings: model.warningCount, errors: model.errorCount)
    diagnostics = model.diagnostics
  }

  /// The report of a model that could not be read at all.
  public init(failure: ModelLoadError, path: String) {
    file = path
    plant = ""
    valid = false
    summary = Summary(zones: 0, assets: 0, conduits: 0, enforcementPoints: 0, warnings: 0, errors: 1)
    diagnostics = [failure.diagnostic]
  }

  /// The one-line summary text output ends with.
  public var summaryLine: String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let entities = [
      count(summary.zones, "zone"), count(summary.assets, "asset"), count(summary.conduits, "conduit"),
      count(summary.enforcementPoints, "enforcement point"),
    ].joined(separator: ", ")
    let verdict = valid ? "valid" : "invalid"
    let name = plant.isEmpty ? file : "\(file) (\(plant))"
    return "\(name): \(verdict); \(entities); \(count(summary.warnings, "warning")), \(count(summary.errors, "error"))"
  }
}
