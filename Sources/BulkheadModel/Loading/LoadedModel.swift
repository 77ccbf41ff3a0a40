/// A loaded and validated model: the plant and every diagnostic about it, sorted by file and position.
public struct LoadedModel: Sendable {
  /// The plant, as complete as the input allowed.
  public let plant: Plant
  /// Every diagnostic from loading and validation, sorted.
  public let diagnostics: [Diagnostic]

  /// Creates a result, sorting the diagnostics.
  public init(plant: Plant, diagnostics: [Diagnostic]) {
    self.plant = plant
    self.diagnostics = diagnostics.sorted()
  }

  /// The number of errors.
  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

  /// The number of warnings.
  public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

  /// Whether the model has no errors (warnings allowed); later stages should only run on a valid model.
  public var isValid: Bool { errorCount == 0 }
}
