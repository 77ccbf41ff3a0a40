import BulkheadAnalysis
import BulkheadModel

/// The assessment as one JSON document (documented in docs/assess-json.md): sorted keys, stable order.
public struct JSONRenderer: Sendable {
  /// Creates a renderer.
  public init() {}

  /// The JSON text.
  public func render(_ result: AssessmentResult) throws -> String {
    try DeterministicJSON.text(result) + "\n"
  }
}
